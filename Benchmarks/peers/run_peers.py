"""Runs the chain and fan-out shapes with no-op tasks on Prefect 3, Dagster and flytekit.

Each (peer, shape) runs at a small and a full size in fresh processes; the marginal cost per
task is (t_full - t_small) / (tasks_full - tasks_small), which removes fixed start-up costs.
Writes Benchmarks/results/peers.json.

Usage: python run_peers.py [--size 1000] [--small 100] [--timeout 300] [--peers prefect,dagster,flytekit]
"""

import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENVS = ROOT / ".build-bench" / "venvs"
WORKLOADS = pathlib.Path(__file__).with_name("peer_workloads.py")


def run_one(peer, shape, n, timeout):
    python = VENVS / peer / "bin" / "python"
    try:
        done = subprocess.run(
            [str(python), str(WORKLOADS), peer, shape, str(n)],
            capture_output=True, text=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: " + " | ".join(tail)}
    return json.loads(lines[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--peers", default="prefect,dagster,flytekit")
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "peers.json"))
    args = parser.parse_args()
    rows = []
    for peer in args.peers.split(","):
        for shape in ("chain", "fanout"):
            print(f"peers: {peer} {shape} {args.small} and {args.size}", file=sys.stderr, flush=True)
            small = run_one(peer, shape, args.small, args.timeout)
            full = run_one(peer, shape, args.size, args.timeout)
            row = {"peer": peer, "shape": shape, "size": args.size, "small": small, "full": full}
            if "error" not in small and "error" not in full:
                row["seconds"] = full["seconds"]
                row["ms_per_task"] = 1000 * full["seconds"] / full["tasks"]
                row["marginal_ms_per_task"] = 1000 * (full["seconds"] - small["seconds"]) / (
                    full["tasks"] - small["tasks"])
                row["durable"] = full["durable"]
            else:
                row["error"] = full.get("error") or small.get("error")
            rows.append(row)
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"size": args.size, "small": args.small, "runs": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
