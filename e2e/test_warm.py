"""Warm starts (a fork server per Python environment and code bundle) end to end, with
examples/warm: module state does not leak between attempts, a fork server killed mid-attempt
leaves the attempt running, a forked attempt times out, a killed engine re-attaches to a
forked attempt, and through `vane serve` a forked attempt's logs are read and it is aborted. Every attempt's `started` file says how it started: `warm <fork server pid>` or
`cold`. With VANE_WARM_STARTS_ENABLED=false in the environment, the same runs start cold (the
tests that need a fork server are skipped)."""

import os
import signal
import subprocess
from pathlib import Path

import pytest

from runs import REPO, build_package, failed_attempts, readable, run_vane, vane_command, wait_for
from test_serve import remote, start_server
from test_serve_cli import cli

WARM = os.environ.get("VANE_WARM_STARTS_ENABLED", "true").lower() not in ("false", "0", "off", "no")
needs_warm = pytest.mark.skipif(not WARM, reason="warm starts are off (VANE_WARM_STARTS_ENABLED)")


@pytest.fixture(scope="module")
def warm_package(tmp_path_factory):
    return build_package("warm", tmp_path_factory.mktemp("packages") / "warm.tgz")


def started(data_dir: Path) -> dict:
    """How each attempt started, by its readable attempt id (`<execution>-<node>-<attempt>`, the
    work directory's name without its identity digest)."""
    return {readable(work.name): (work / "started").read_text().strip()
            for work in sorted((data_dir / "work").iterdir())}


def server_pid(how: str) -> int:
    kind, _, pid = how.partition(" ")
    assert kind == "warm", how
    return int(pid)


def marker_lines(marker: Path) -> list:
    return marker.read_text().split("\n")[:-1] if marker.exists() else []


def test_module_state_does_not_leak_between_attempts(vane_bin, warm_package, tmp_path):
    result = run_vane(vane_bin, warm_package, "warm.tasks.isolation", tmp_path / "data", {"x": 5})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": [1, 1, 1]}
    hows = list(started(result.data_dir).values())
    assert len(hows) == 3
    if WARM:
        assert len({server_pid(how) for how in hows}) == 1, hows
        # `vane run` returned only after its fork server exited and removed its directory.
        pid = server_pid(hows[0])
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text(), \
            f"fork server {pid} outlived vane run"
        warm = result.data_dir / "warm"
        leftovers = [entry.name for entry in warm.iterdir() if entry.is_dir()] if warm.exists() else []
        assert leftovers == [], leftovers
    else:
        assert hows == ["cold"] * 3


def test_no_warm_starts_flag_starts_cold(vane_bin, warm_package, tmp_path):
    result = run_vane(vane_bin, warm_package, "warm.tasks.isolation", tmp_path / "data", {"x": 1},
                      extra=("--no-warm-starts",))
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": [1, 1, 1]}
    assert list(started(result.data_dir).values()) == ["cold"] * 3


def background_run(vane_bin, package, tmp_path, name, seconds, label="run"):
    marker = tmp_path / "marker.txt"
    data = tmp_path / "data"
    with open(tmp_path / f"{label}.err", "w") as err:
        process = subprocess.Popen(
            vane_command(vane_bin, "run", package, "warm.tasks.napping", "--name", name, "--data-dir", data,
                         "-i", f"seconds={seconds}", "-i", f"marker={marker}", "--outputs-file",
                         tmp_path / "outputs.pb"),
            stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)
    return process, data, marker


@needs_warm
def test_a_fork_server_killed_mid_attempt_leaves_the_attempt_running(vane_bin, warm_package, tmp_path):
    process, data, marker = background_run(vane_bin, warm_package, tmp_path, "serverkill", 4)
    try:
        wait_for(lambda: marker_lines(marker), 120, "the task to start")
        server = server_pid(started(data)["serverkill-n0-0"])
        os.kill(server, signal.SIGKILL)
        assert process.wait(timeout=120) == 0, (tmp_path / "run.err").read_text()
    finally:
        process.kill()
    pids = {line.split()[1] for line in marker_lines(marker)}
    assert [line.split()[0] for line in marker_lines(marker)] == ["start", "end"] and len(pids) == 1
    assert failed_attempts(data) == []


@needs_warm
def test_a_forked_attempt_times_out(vane_bin, warm_package, tmp_path):
    marker = tmp_path / "marker.txt"
    result = run_vane(vane_bin, warm_package, "warm.tasks.timing_out", tmp_path / "data",
                      {"seconds": 60.0, "marker": str(marker)})
    assert result.returncode == 1, result.stderr
    assert "Timeout" in result.stderr, result.stderr
    assert result.seconds < 40
    hows = started(result.data_dir)
    assert len(hows) == 2 and len({server_pid(how) for how in hows.values()}) == 1, hows
    assert [line.split()[0] for line in marker_lines(marker)] == ["start"], "the task was stopped mid-sleep"
    pid = int(marker_lines(marker)[0].split()[1])
    wait_for(lambda: not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2],
             10, "the timed-out task process to end")


@needs_warm
def test_a_killed_engine_reattaches_to_a_forked_attempt(vane_bin, warm_package, tmp_path):
    process, data, marker = background_run(vane_bin, warm_package, tmp_path, "enginekill", 4)
    try:
        wait_for(lambda: marker_lines(marker), 120, "the task to start")
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        process.kill()
    how = started(data)["enginekill-n0-0"]
    server_pid(how)
    resumed = subprocess.run(
        vane_command(vane_bin, "resume", "enginekill", "--data-dir", data, "--outputs-file", tmp_path / "outputs.pb"),
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert resumed.returncode == 0, resumed.stderr
    lines = marker_lines(marker)
    assert [line.split()[0] for line in lines] == ["start", "end"], lines
    assert [readable(name) for name in sorted(os.listdir(data / "work"))] == ["enginekill-n0-0"]
    assert started(data)["enginekill-n0-0"] == how
    assert failed_attempts(data) == []


@pytest.fixture(scope="module")
def warm_server(vane_bin, tmp_path_factory):
    """`vane serve` (warm starts as the environment says) with examples/warm registered."""
    srv = start_server(vane_bin, tmp_path_factory.mktemp("warm-serve"))
    try:
        result = srv.pyflyte("register", "--image", "python:3.11", "warm", cwd=REPO / "examples" / "warm")
        assert result.returncode == 0, result.stdout + result.stderr
        yield srv
    finally:
        srv.process.send_signal(signal.SIGTERM)
        try:
            srv.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.process.kill()


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@needs_warm
def test_vane_serve_aborts_a_forked_attempt_and_keeps_its_server(vane_bin, warm_server, tmp_path):
    import datetime

    from flyteidl.core import execution_pb2

    rem = remote(warm_server)
    plan = rem.fetch_launch_plan(name="warm.tasks.napping")
    marker = tmp_path / "marker.txt"
    execution = rem.execute(plan, inputs={"seconds": 300.0, "marker": str(marker)}, wait=False)
    wait_for(lambda: marker_lines(marker), 120, "the task to start")
    task_pid = int(marker_lines(marker)[0].split()[1])
    server = server_pid(started(warm_server.data_dir)[f"{execution.id.name}-n0-0"])

    logs = cli(vane_bin, warm_server, "logs", execution.id.name, "n0")
    assert logs.returncode == 0, logs.stderr
    assert f"napping for 300.0 s in pid {task_pid}" in logs.stdout, logs.stdout

    aborted = cli(vane_bin, warm_server, "abort", execution.id.name, "--cause", "enough napping")
    assert aborted.returncode == 0, aborted.stderr
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=60))
    assert execution.closure.phase == execution_pb2.WorkflowExecution.ABORTED
    wait_for(lambda: not alive(task_pid), 15, "the aborted task process to end")
    assert [line.split()[0] for line in marker_lines(marker)] == ["start"], "the task was stopped mid-sleep"
    assert alive(server), "an abort stops the attempt's process group, not its fork server"

    # The next execution is forked from the same server.
    again = rem.execute(plan, inputs={"seconds": 0.0, "marker": str(tmp_path / "again.txt")}, wait=False)
    again = rem.wait(again, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                     timeout=datetime.timedelta(seconds=120))
    assert again.closure.phase == execution_pb2.WorkflowExecution.SUCCEEDED
    assert started(warm_server.data_dir)[f"{again.id.name}-n0-0"] == f"warm {server}"
