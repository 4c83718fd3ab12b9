"""`vane run`'s progress on a real terminal (a pseudo-terminal): a table redrawn in place that
never outgrows the screen, whose output grows with time rather than with the square of the node
count, coloured unless NO_COLOR is set; and one line per transition when stderr is not a terminal."""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

from flyteidl.admin import task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2, tasks_pb2, types_pb2, workflow_pb2 as core_wf

from runs import REPO, vane_command

ROWS, COLUMNS = 24, 80
ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def wide_echo_package(out: Path, width: int, sleep_seconds: int = 0) -> Path:
    """A package of one workflow with `width` independent echo-task nodes (no task process) and,
    with `sleep_seconds`, a gate node that sleeps that long beside them."""
    out.mkdir(parents=True, exist_ok=True)
    task_id = identifier_pb2.Identifier(resource_type=identifier_pb2.TASK, name="wide.echo")
    ints = interface_pb2.VariableMap(variables={
        "x": interface_pb2.Variable(type=types_pb2.LiteralType(simple=types_pb2.INTEGER))})
    task = tasks_pb2.TaskTemplate(
        id=task_id, type="echo", interface=interface_pb2.TypedInterface(inputs=ints, outputs=ints),
        metadata=tasks_pb2.TaskMetadata(retries=literals_pb2.RetryStrategy()))
    (out / "00_wide.echo_1.pb").write_bytes(task_pb2.TaskSpec(template=task).SerializeToString())
    start = literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id="start-node", var="x"))
    nodes = [core_wf.Node(id=f"n{i}", metadata=core_wf.NodeMetadata(name=f"echo{i}"),
                          task_node=core_wf.TaskNode(reference_id=task_id),
                          inputs=[literals_pb2.Binding(var="x", binding=start)]) for i in range(width)]
    if sleep_seconds:
        sleep = core_wf.SleepCondition()
        sleep.duration.seconds = sleep_seconds
        nodes.append(core_wf.Node(id="sleep", metadata=core_wf.NodeMetadata(name="sleep"),
                                  gate_node=core_wf.GateNode(sleep=sleep)))
    template = core_wf.WorkflowTemplate(
        id=identifier_pb2.Identifier(resource_type=identifier_pb2.WORKFLOW, name="wide.wf"),
        interface=interface_pb2.TypedInterface(inputs=ints, outputs=ints), nodes=nodes,
        outputs=[literals_pb2.Binding(var="x", binding=literals_pb2.BindingData(
            promise=types_pb2.OutputReference(node_id="n0", var="x")))])
    (out / "01_wide.wf_2.pb").write_bytes(workflow_pb2.WorkflowSpec(template=template).SerializeToString())
    return out


def run_on_terminal(command: list, env: dict) -> tuple:
    """Runs `command` with stdout and stderr on a ROWS × COLUMNS pseudo-terminal; returns
    (exit status, everything written to the terminal, seconds taken)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    started = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, cwd=REPO)
    os.close(slave)
    output = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 180)
        assert ready, "vane run wrote nothing for 180 s"
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    status = process.wait(timeout=60)
    return status, output.decode("utf-8", "replace"), time.monotonic() - started


def test_the_table_fits_the_terminal_and_grows_with_time_not_nodes(vane_bin, tmp_path):
    package = wide_echo_package(tmp_path / "pkg", 400, sleep_seconds=3)
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm"
    command = vane_command(vane_bin, "run", package, "wide.wf", "-i", "x=7", "--data-dir", tmp_path / "data")
    status, output, seconds = run_on_terminal(command, env)
    assert status == 0, output[-4000:]
    # Each redraw moves the cursor up over the last one and clears below it; while the gate
    # sleeps, elapsed time ticks once a second.
    redraws = re.findall(r"\x1b\[(\d+)F\x1b\[J", output)
    assert len(redraws) >= 2, output[-2000:]
    assert all(int(lines) <= ROWS - 1 for lines in redraws)
    # At most ten frames a second plus the first and the last, each at most a screenful (colour
    # codes included, generously): the old table reprinted every row on every event, 400 nodes ×
    # 3 events × up to 400 rows ≈ 30 MB here.
    frames = len(redraws) + 1
    assert frames <= seconds * 10 + 3
    assert len(output) <= frames * ROWS * COLUMNS * 2 + 4000
    plain = [ESCAPE.sub("", line) for line in output.replace("\r", "").split("\n")]
    # (The first line, naming the execution and its data directory, is not part of the table.)
    assert [line for line in plain[1:] if len(line) > COLUMNS] == []
    assert any("Succeeded" in line and "401 succeeded / 0 running / 0 queued" in line for line in plain), plain[-30:]
    assert "\x1b[32m" in output  # succeeded counts are green


def test_no_color_keeps_the_table_plain(vane_bin, tmp_path):
    package = wide_echo_package(tmp_path / "pkg", 5)
    env = dict(os.environ, NO_COLOR="1", TERM="xterm")
    command = vane_command(vane_bin, "run", package, "wide.wf", "-i", "x=7", "--data-dir", tmp_path / "data")
    status, output, _ = run_on_terminal(command, env)
    assert status == 0, output[-4000:]
    assert "5 succeeded / 0 running / 0 queued" in output
    assert not re.search(r"\x1b\[(\d+;)*\d+m", output), "colour codes with NO_COLOR set"


def test_without_a_terminal_each_transition_is_one_line(vane_bin, tmp_path):
    package = wide_echo_package(tmp_path / "pkg", 3)
    command = vane_command(vane_bin, "run", package, "wide.wf", "-i", "x=7", "--data-dir", tmp_path / "data")
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr
    for node in ("n0", "n1", "n2"):
        assert re.search(rf"^\[ *\d+\.\d\ds\] {node} \S+: Succeeded$", result.stderr, re.M), result.stderr
    assert re.search(r"^\[ *\d+\.\d\ds\] workflow \S+: Succeeded$", result.stderr, re.M), result.stderr
