"""Running workflows for the end-to-end tests: through `vane run` / `vane resume`, and through
flytekit's own local execution (examples/run_local.py, in this process), to compare the two."""

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from literal_values import literal_map, plain_map

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
# The Python environment tasks run with: the one running the tests (the repository's venv).
VENV = Path(sys.prefix)


def build_package(project: str, out: Path, env: Optional[dict] = None) -> Path:
    """`pyflyte --pkgs PROJECT package --fast` of examples/PROJECT, written to `out` (with `env`
    added to the environment pyflyte imports the project in)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    result = subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--pkgs", project, "package", "--image", "python:3.11", "--fast",
         "-f", "-o", str(out)],
        cwd=EXAMPLES / project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"pyflyte package failed:\n{result.stdout}\n{result.stderr}"
    return out


def input_args(inputs: dict) -> list:
    """`-i NAME=VALUE` arguments: strings as they are, everything else as JSON."""
    args = []
    for name, value in inputs.items():
        text = value if isinstance(value, str) else json.dumps(value)
        args += ["-i", f"{name}={text}"]
    return args


@dataclass
class VaneResult:
    returncode: int
    stdout: str
    stderr: str
    data_dir: Path
    outputs_file: Path
    seconds: float

    @property
    def outputs(self) -> dict:
        """The outputs written with --outputs-file, as plain values (see literal_values)."""
        assert self.outputs_file.exists(), f"no outputs file; exit {self.returncode}\n{self.stderr}"
        return plain_map(literal_map(self.outputs_file.read_bytes()))

    @property
    def execution_name(self) -> str:
        first = self.stderr.splitlines()[0]
        assert first.startswith("execution "), first
        return first.split()[1].rpartition("/")[2]

    def work_dirs(self) -> list:
        """The attempts' work directories by readable id (`<execution>-<node>-<attempt>`)."""
        return sorted(readable(p.name) for p in (self.data_dir / "work").iterdir())


_IDENTITY_DIGEST = re.compile(r"-[0-9a-f]{32}$")


def readable(attempt_id: str) -> str:
    """An attempt id without its identity digest: Flyte's `<execution>-<node>-<attempt>`."""
    return _IDENTITY_DIGEST.sub("", attempt_id)


def attempt_dir(data_dir: Path, readable_id: str) -> Path:
    """The work directory of the attempt `<execution>-<node>-<attempt>` (a path that does not
    exist while the attempt has not started)."""
    for path in (data_dir / "work").glob(f"{readable_id}-*"):
        if readable(path.name) == readable_id:
            return path
    return data_dir / "work" / readable_id


def vane_command(vane_bin: Path, *args) -> list:
    return [str(vane_bin), *map(str, args), "--image", f"*={VENV}"]


def run_vane(vane_bin: Path, package: Path, entity: str, data_dir: Path, inputs: Optional[dict] = None,
             extra: tuple = (), timeout: float = 180) -> VaneResult:
    """`vane run PACKAGE ENTITY -i … --outputs-file … --data-dir DATA_DIR` to its end."""
    outputs_file = data_dir.parent / f"{data_dir.name}-outputs.pb"
    command = vane_command(vane_bin, "run", package, entity, "--data-dir", data_dir, "--outputs-file",
                           outputs_file, *input_args(inputs or {}), *extra)
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    return VaneResult(result.returncode, result.stdout, result.stderr, data_dir, outputs_file,
                      time.monotonic() - started)


def flytekit_outputs(entity: str, inputs: Optional[dict] = None) -> dict:
    """The outputs of `entity` run by flytekit's local execution on the same inputs, as plain values."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        import run_local
    finally:
        sys.path.remove(str(EXAMPLES))
    return plain_map(run_local.run(entity, dict(inputs or {})))


def wait_for(predicate, timeout: float, what: str, poll: float = 0.05):
    """Polls `predicate` until it returns something truthy; fails the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def task_events(data_dir: Path) -> list:
    """The task execution events recorded in the data dir's store, oldest first, as
    (node id, retry attempt, phase name, error kind name, error code, error message)."""
    import sqlite3

    with sqlite3.connect(data_dir / "vane.db") as db:
        payloads = [payload for (payload,) in db.execute(
            "SELECT payload FROM execution_events WHERE kind = 2 ORDER BY seq")]
    return task_event_rows(payloads)


def postgres_task_events(database_url: str, schema: str = "vane_engine") -> list:
    """`task_events` of a replica group's engine tables in PostgreSQL (`replica.schema`)."""
    import subprocess

    out = subprocess.run(
        ["psql", database_url, "-Atc",
         f"SELECT encode(payload, 'hex') FROM {schema}.execution_events WHERE kind = 2 ORDER BY id"],
        capture_output=True, text=True, check=True).stdout
    return task_event_rows([bytes.fromhex(line) for line in out.split()])


def task_event_rows(payloads: list) -> list:
    """Serialized TaskExecutionEvents as the rows `task_events` returns."""
    from flyteidl.core import execution_pb2
    from flyteidl.event import event_pb2

    rows = []
    for payload in payloads:
        event = event_pb2.TaskExecutionEvent()
        event.ParseFromString(payload)
        rows.append((
            event.parent_node_execution_id.node_id, event.retry_attempt,
            execution_pb2.TaskExecution.Phase.Name(event.phase),
            execution_pb2.ExecutionError.ErrorKind.Name(event.error.kind) if event.HasField("error") else None,
            event.error.code, event.error.message,
        ))
    return rows


def failed_attempts(data_dir: Path, rows: Optional[list] = None) -> list:
    """(node, attempt, phase, error kind, error code) of the attempts that failed (of `rows`, else
    of the data dir's store)."""
    rows = task_events(data_dir) if rows is None else rows
    return [row[:5] for row in rows if row[2] in ("FAILED", "RETRYABLE_FAILED")]


def process_seconds(data_dir: Path) -> dict:
    """How long each attempt's process ran, by its work directory: from the `launch` marker the
    plugin creates just before spawning it to the `exit` file its wrapper writes when it ends."""
    seconds = {}
    for work in sorted((data_dir / "work").iterdir()):
        seconds[readable(work.name)] = (work / "exit").stat().st_mtime - (work / "launch").stat().st_mtime
    return seconds
