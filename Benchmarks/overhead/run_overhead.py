"""Engine overhead on real task processes: a 6-task flytekit chain through `vane run`.

The chain (benchchain/benchchain/chain.py) is packaged with pyflyte and run with the release
`vane` binary on a fresh data directory, several times. For each run:
  wall      `vane run` from start to exit (loading and compiling the package, opening the store,
            running the engine, shutting down)
  tasks     the sum of the six task processes' own durations: from the `launch` marker the local
            process plugin writes just before spawning to the `exit` file written when it ends
  overhead  wall - tasks, also in % of tasks
Writes Benchmarks/results/overhead.json.

Usage: python run_overhead.py --vane PATH [--runs 3] [--pause 0.5]
"""

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = ROOT / ".venv"


def package(out):
    subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--pkgs", "benchchain", "package", "--image", "python:3.11", "--fast",
         "-f", "-o", str(out)],
        cwd=HERE / "benchchain", check=True, capture_output=True, timeout=180)


def task_seconds(data_dir):
    seconds = []
    for work in sorted((data_dir / "work").iterdir()):
        seconds.append((work / "exit").stat().st_mtime - (work / "launch").stat().st_mtime)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.5)
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "overhead.json"))
    args = parser.parse_args()
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="vane-overhead-", dir=ROOT / ".build-bench"))
    runs = []
    try:
        archive = scratch / "benchchain.tgz"
        package(archive)
        for index in range(args.runs):
            data_dir = scratch / f"data{index}"
            command = [args.vane, "run", str(archive), "benchchain.chain.six", "-i", f"pause={args.pause}",
                       "--data-dir", str(data_dir), "--image", f"*={VENV}"]
            begin = time.monotonic()
            done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
            wall = time.monotonic() - begin
            if done.returncode != 0:
                runs.append({"error": f"exit {done.returncode}: {done.stderr.strip()[-400:]}"})
                continue
            tasks = task_seconds(data_dir)
            overhead = wall - sum(tasks)
            runs.append({
                "wall_seconds": wall, "task_seconds": sum(tasks), "tasks": len(tasks),
                "overhead_seconds": overhead, "overhead_percent": 100 * overhead / sum(tasks),
                "overhead_ms_per_task": 1000 * overhead / max(1, len(tasks)),
            })
            print(f"overhead: run {index}: {runs[-1]}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    good = [run for run in runs if "error" not in run]
    summary = {"pause_seconds": args.pause, "runs": runs}
    if good:
        best = min(good, key=lambda run: run["overhead_seconds"])
        median = sorted(good, key=lambda run: run["overhead_seconds"])[len(good) // 2]
        summary.update({"median": median, "best": best})
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
