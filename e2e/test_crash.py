"""The engine killed with SIGKILL mid-execution, then `vane resume`: the execution ends with the
right outputs and no task that had finished runs again. The workflow is
showcase.engine_cases.recorded_chain: six `step` tasks in a chain, each appending
`start <name> …` / `end <name> …` lines to `<log_dir>/steps.log` around a short sleep."""

import os
import signal
import subprocess
from collections import Counter
from pathlib import Path

from literal_values import literal_map, plain_map
from runs import REPO, attempt_dir, failed_attempts, readable, vane_command, wait_for

CHAIN = "showcase.engine_cases.recorded_chain"
STEPS = [f"s{i}" for i in range(1, 7)]


class Engine:
    """One `vane run` / `vane resume` process in the background, output to files in `folder`."""

    def __init__(self, vane_bin: Path, folder: Path, label: str, *args):
        self.stdout = folder / f"{label}.out"
        self.stderr = folder / f"{label}.err"
        with open(self.stdout, "w") as out, open(self.stderr, "w") as err:
            self.process = subprocess.Popen(vane_command(vane_bin, *args), stdout=out, stderr=err, cwd=REPO)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=10) == -signal.SIGKILL

    def finish(self, timeout: float = 120) -> int:
        return self.process.wait(timeout=timeout)


def step_lines(log_dir: Path) -> list:
    path = log_dir / "steps.log"
    return path.read_text().splitlines() if path.exists() else []


def logged(log_dir: Path, event: str, step: str):
    """A predicate: has `<event> <step>` been logged?"""
    return lambda: any(line.startswith(f"{event} {step} ") for line in step_lines(log_dir))


def counts(log_dir: Path) -> tuple:
    lines = [line.split() for line in step_lines(log_dir)]
    return Counter(l[1] for l in lines if l[0] == "start"), Counter(l[1] for l in lines if l[0] == "end")


def start_run(vane_bin, package, tmp_path, name) -> tuple:
    data, logs = tmp_path / "data", tmp_path / "logs"
    logs.mkdir()
    engine = Engine(vane_bin, tmp_path, "run", "run", package, CHAIN, "--name", name, "--data-dir", data,
                    "-i", f"log_dir={logs}", "-i", "pause=1.0")
    return engine, data, logs


def resume(vane_bin, tmp_path, name, data, label) -> Engine:
    return Engine(vane_bin, tmp_path, label, "resume", name, "--data-dir", data,
                  "--outputs-file", tmp_path / "outputs.pb")


def assert_finished(engine: Engine, tmp_path: Path):
    code = engine.finish()
    assert code == 0, engine.stderr.read_text()
    assert plain_map(literal_map((tmp_path / "outputs.pb").read_bytes())) == {"o0": 6}


def test_engine_killed_at_several_points(vane_bin, showcase_package, tmp_path):
    name = "crashchain"
    engine, data, logs = start_run(vane_bin, showcase_package, tmp_path, name)
    assert wait_for(engine.stderr.read_text, 10, "the execution's first line").startswith(
        f"execution flytesnacks/development/{name} of {CHAIN}")
    # 1: while the first task runs.
    wait_for(logged(logs, "start", "s1"), 60, "s1 to start")
    engine.kill()
    # 2: as a task in the middle ends (its process is still writing outputs, or just exited).
    engine = resume(vane_bin, tmp_path, name, data, "resume1")
    wait_for(logged(logs, "end", "s3"), 60, "s3 to end")
    engine.kill()
    # 3: while s4 runs, and s4 ends while no engine is running.
    engine = resume(vane_bin, tmp_path, name, data, "resume2")
    wait_for(logged(logs, "start", "s4"), 60, "s4 to start")
    engine.kill()
    wait_for(lambda: (attempt_dir(data, f"{name}-n3-0") / "exit").exists(), 60, "s4's process to exit")
    # 4: while the last task runs.
    engine = resume(vane_bin, tmp_path, name, data, "resume3")
    wait_for(logged(logs, "start", "s6"), 60, "s6 to start")
    engine.kill()

    assert_finished(resume(vane_bin, tmp_path, name, data, "resume4"), tmp_path)
    starts, ends = counts(logs)
    # No task was killed, so every one was re-attached: each ran exactly once.
    assert starts == ends == Counter(STEPS), step_lines(logs)
    assert sorted(readable(entry) for entry in os.listdir(data / "work")) == [f"{name}-n{i}-0" for i in range(6)]
    assert failed_attempts(data) == []


def test_engine_and_task_killed(vane_bin, showcase_package, tmp_path):
    """The engine dies, then so does the running task (with all of its processes, as when the
    machine stops): on resume the attempt is found gone and retried as a system error."""
    name = "crashtask"
    engine, data, logs = start_run(vane_bin, showcase_package, tmp_path, name)
    wait_for(logged(logs, "start", "s2"), 60, "s2 to start")
    engine.kill()
    wrapper = int((attempt_dir(data, f"{name}-n1-0") / "pid").read_text())
    os.killpg(os.getpgid(wrapper), signal.SIGKILL)
    wait_for(lambda: not Path(f"/proc/{wrapper}").exists() or "Z" in Path(f"/proc/{wrapper}/stat").read_text().split()[2],
             10, "the task's processes to die")

    final = resume(vane_bin, tmp_path, name, data, "resume")
    assert_finished(final, tmp_path)
    starts, ends = counts(logs)
    assert ends == Counter(STEPS), step_lines(logs)
    assert starts == Counter(STEPS) + Counter(["s2"]), step_lines(logs)
    work = sorted(readable(entry) for entry in os.listdir(data / "work"))
    assert f"{name}-n1-1" in work and len(work) == 7, work
    assert not (attempt_dir(data, f"{name}-n1-0") / "exit").exists()
    assert failed_attempts(data) == [("n1", 0, "RETRYABLE_FAILED", "SYSTEM", "LocalProcessVanished")]
