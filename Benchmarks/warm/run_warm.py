"""Warm vs cold task starts: no-op flytekit tasks through `vane run`, both ways, one machine.

For each mode (cold: `--no-warm-starts`; warm: the default) and each shape (a 20-task chain, a
50-task fan-out; benchwarm/benchwarm/shapes.py), `vane run` on a fresh data directory, `--runs`
times:
  wall            `vane run` from start to exit (package loading, compiling, the run, shutdown;
                  warm runs include starting the fork server, ~one cold start)
  launch → user   per attempt: from the `launch` marker (written just before the plugin spawns or
                  forks the attempt) to the task's first line of user code; p50 / p99 over every
                  attempt of the mode. Time an attempt spent waiting for its fork server to start
                  comes before its `launch` marker and is not in this figure (it is in `wall`).
Peers (Prefect 3, Dagster) run the same shapes in-process at the same sizes when their venvs
exist (Benchmarks/peers/setup_venvs.sh). Writes Benchmarks/results/warm.json.

Usage: python run_warm.py --vane PATH [--runs 2]
"""

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = ROOT / ".venv"
SHAPES = {"chain20": ("chain", 20), "fanout50": ("fanout", 50)}
sys.path.insert(0, str(ROOT / "Benchmarks" / "peers"))


def package(out):
    subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--pkgs", "benchwarm", "package", "--image", "python:3.11", "--fast",
         "-f", "-o", str(out)],
        cwd=HERE / "benchwarm", check=True, capture_output=True, timeout=180)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def launch_to_user(log):
    """Seconds from each attempt's `launch` marker to its first line of user code."""
    delays = []
    for line in log.read_text().splitlines():
        directory, stamp = line.rsplit(" ", 1)
        delays.append(float(stamp) - (pathlib.Path(directory) / "launch").stat().st_mtime)
    return delays


def run(vane, archive, scratch, mode, shape, index):
    data = scratch / f"{mode}-{shape}-{index}"
    log = scratch / f"{mode}-{shape}-{index}.log"
    command = [vane, "run", str(archive), f"benchwarm.shapes.{shape}", "-i", f"log={log}", "--data-dir", str(data),
               "--image", f"*={VENV}"] + (["--no-warm-starts"] if mode == "cold" else [])
    begin = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=ROOT)
    wall = time.monotonic() - begin
    if done.returncode != 0:
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-400:]}"}
    hows = [(work / "started").read_text().split()[0] for work in (data / "work").iterdir()]
    return {"wall_seconds": wall, "delays": launch_to_user(log), "warm_attempts": hows.count("warm"),
            "attempts": len(hows)}


def peers(shape, size):
    """The in-process peers at this size, where their venvs exist."""
    from run_peers import VENVS, run_one
    rows = {}
    for peer in ("prefect", "dagster"):
        if (VENVS / peer / ".ready").exists():
            rows[peer] = run_one(peer, shape, size, 300)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", required=True)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "warm.json"))
    args = parser.parse_args()
    (ROOT / ".build-bench").mkdir(exist_ok=True)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="vane-warm-", dir=ROOT / ".build-bench"))
    result = {"runs": args.runs, "modes": {}, "peers": {}}
    try:
        archive = scratch / "benchwarm.tgz"
        package(archive)
        for shape in SHAPES:
            # Interleaved, so a burst of load on the shared machine hits both modes alike.
            for index in range(args.runs):
                for mode in ("cold", "warm"):
                    outcome = run(args.vane, archive, scratch, mode, shape, index)
                    result["modes"].setdefault(mode, {}).setdefault(shape, []).append(outcome)
                    print(f"warm bench: {mode} {shape} run {index}: "
                          f"{ {k: v for k, v in outcome.items() if k != 'delays'} }", file=sys.stderr, flush=True)
        for shape, (kind, size) in SHAPES.items():
            result["peers"][shape] = peers(kind, size)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    summary = {}
    for mode, shapes in result["modes"].items():
        good = [run for runs in shapes.values() for run in runs if "error" not in run]
        delays = [delay for run in good for delay in run["delays"]]
        summary[mode] = {
            "launch_to_user_p50_ms": 1000 * percentile(delays, 0.5) if delays else None,
            "launch_to_user_p99_ms": 1000 * percentile(delays, 0.99) if delays else None,
            "attempts": len(delays),
            "warm_attempts": sum(run["warm_attempts"] for run in good),
        }
        for shape, runs in shapes.items():
            walls = [run["wall_seconds"] for run in runs if "error" not in run]
            summary[mode][shape + "_wall_seconds"] = statistics.median(walls) if walls else None
    for shape in SHAPES:
        cold, warm = summary.get("cold", {}).get(shape + "_wall_seconds"), summary.get("warm", {}).get(
            shape + "_wall_seconds")
        summary.setdefault("speedup", {})[shape] = cold / warm if cold and warm else None
    result["summary"] = summary
    pathlib.Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(summary, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
