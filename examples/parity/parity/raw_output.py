"""Raw output prefix: a task writes a file; flytekit uploads it under the attempt's raw output
prefix, which the launch plan's `raw_output_data_config` chooses. The prefix is read from
PARITY_RAW_PREFIX when the project is packaged (the tests point it at a private directory)."""

import os

from flytekit import LaunchPlan, current_context, task, workflow
from flytekit.models.common import RawOutputDataConfig
from flytekit.types.file import FlyteFile


@task
def write_note(text: str) -> FlyteFile:
    path = os.path.join(current_context().working_directory, "note.txt")
    with open(path, "w") as out:
        out.write(text)
    return FlyteFile(path)


@workflow
def note(text: str = "raw data") -> FlyteFile:
    return write_note(text=text)


note_elsewhere = LaunchPlan.get_or_create(
    note,
    name="parity.raw_output.note_elsewhere",
    raw_output_data_config=RawOutputDataConfig(
        output_location_prefix=os.environ.get("PARITY_RAW_PREFIX", "/var/tmp/parity-raw")
    ),
)
