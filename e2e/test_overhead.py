"""The engine's overhead on a chain of six tasks: the wall time of `vane run` (start to exit,
including loading and compiling the package and opening the store) minus the time the six task
processes ran (each from its launch to its exit, see runs.process_seconds). Run with -s to see
the figures. The test checks the run and the accounting only: how large the overhead may be is a
speed target, measured on a release build by `make bench` (Benchmarks/overhead, BENCHMARKS.md),
not something a timed test on a busy machine can decide."""

from runs import process_seconds, run_vane


def test_overhead_of_a_six_task_chain(vane_bin, showcase_package, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    result = run_vane(vane_bin, showcase_package, "showcase.engine_cases.recorded_chain", tmp_path / "data",
                      {"log_dir": str(logs), "pause": 0.2})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": 6}
    processes = process_seconds(result.data_dir)
    assert len(processes) == 6, processes
    lines = [line.split() for line in (logs / "steps.log").read_text().splitlines()]
    starts = {l[1]: float(l[3]) for l in lines if l[0] == "start"}
    user_code = sum(float(l[3]) - starts[l[1]] for l in lines if l[0] == "end")
    task_time = sum(processes.values())
    overhead = result.seconds - task_time
    print(f"\nsix-task chain: vane run {result.seconds:.2f} s, task processes {task_time:.2f} s "
          f"(user code {user_code:.2f} s), engine overhead {overhead:.2f} s = {overhead / 6 * 1000:.0f} ms per task")
    # The accounting holds together: every task's user code ran inside its process, and the
    # processes inside the run.
    assert sorted(starts) == sorted(l[1] for l in lines if l[0] == "end") and len(starts) == 6, lines
    assert 0 < user_code <= task_time <= result.seconds
