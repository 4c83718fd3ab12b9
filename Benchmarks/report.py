"""Merges the engine, peer and overhead results into Benchmarks/results/latest.json and prints
the peer comparison and the targets of issue 6 with the figures reached.

Usage: python report.py [--results Benchmarks/results]
"""

import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load(path):
    return json.loads(path.read_text()) if path.exists() else None


def engine_shape(engine, prefix):
    for shape in (engine or {}).get("shapes", []):
        if shape["shape"] == prefix or shape["shape"].startswith(prefix + "-"):
            return shape
    return None


def vane_ms_per_task(shape):
    if not shape or shape["outcome"] != "ok":
        return None
    tasks = shape["nodesPerExecution"] * shape["executions"]
    return 1000 * shape["wallSeconds"] / max(1, tasks)


def peer_table(engine, peers):
    lines = ["peer       shape   tasks  durable          wall s   ms/task  marginal ms/task  peer/Vane per task"]
    for prefix in ("chain", "fanout"):
        vane = engine_shape(engine, prefix)
        vane_ms = vane_ms_per_task(vane)
        if vane_ms is not None:
            tasks = vane["nodesPerExecution"]
            lines.append(f"{'vane':<10} {prefix:<7} {tasks:>5}  {'yes':<15}  {vane['wallSeconds']:>6.2f}  "
                         f"{vane_ms:>8.3f}  {'-':>16}  1")
        for run in (peers or {}).get("runs", []):
            if run["shape"] != prefix:
                continue
            if "error" in run:
                lines.append(f"{run['peer']:<10} {prefix:<7} {run['size']:>5}  error: {run['error'][:80]}")
                continue
            durable = "yes" if run["durable"] else "no (in memory)"
            ratio = f"{run['ms_per_task'] / vane_ms:.2f}" if vane_ms else "-"
            lines.append(f"{run['peer']:<10} {prefix:<7} {run['full']['tasks']:>5}  {durable:<15}  "
                         f"{run['seconds']:>6.2f}  {run['ms_per_task']:>8.3f}  {run['marginal_ms_per_task']:>16.3f}  {ratio}")
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "NOT met"


def targets(engine, overhead):
    lines = []
    for prefix in ("chain", "fanout"):
        shape = engine_shape(engine, prefix)
        if shape:
            rate, p99 = shape["nodeTransitionsPerSecond"], shape.get("latencyP99Ms")
            obs = shape.get("latencyObservedP99Ms")
            lines.append(f"{shape['shape']}: {rate:,.0f} node transitions/s (target >= 10,000: {verdict(rate >= 10_000)}); "
                         f"p99 upstream->downstream {p99 if p99 is None else round(p99, 2)} ms by event time, "
                         f"{obs if obs is None else round(obs, 2)} ms observed (target < 10 ms: "
                         f"{verdict(p99 is not None and obs is not None and max(p99, obs) < 10)}"
                         + (f", but trivially: the whole graph ran in one round and its first event became visible "
                            f"after {shape['firstEventSeconds']:.2f} s" if (shape.get("firstEventSeconds") or 0) > 0.1 else "")
                         + ")")
    big = engine_shape(engine, "map-1000000") or engine_shape(engine, "map")
    if big:
        lines.append(f"{big['shape']}: {big['outcome']} in {big['wallSeconds']:.1f} s {big.get('detail', '')[:100]}; "
                     f"peak RSS {big['peakRSSBytes'] / 2**20:,.0f} MB (target < 2048 MB in one execution: "
                     f"{verdict(big['outcome'] == 'ok' and big['peakRSSBytes'] < 2 * 2**30)})")
    conc = engine_shape(engine, "concurrent")
    if conc:
        lines.append(f"{conc['shape']}: {conc['outcome']}, {conc['executionsPerSecond']:,.0f} executions/s, peak RSS "
                     f"{conc['peakRSSBytes'] / 2**20:,.0f} MB = {conc['peakRSSBytes'] / max(1, conc['executions']) / 1024:,.1f} KiB per execution")
    if overhead and "median" in overhead:
        median = overhead["median"]
        lines.append(f"6-task flytekit chain: vane run {median['wall_seconds']:.2f} s, task processes "
                     f"{median['task_seconds']:.2f} s, overhead {median['overhead_percent']:.1f} % "
                     f"(target < 5 %: {verdict(median['overhead_percent'] < 5)})")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", default=str(ROOT / "Benchmarks" / "results"))
    args = parser.parse_args()
    results = pathlib.Path(args.results)
    engine, peers, overhead = (load(results / name) for name in ("engine.json", "peers.json", "overhead.json"))
    (results / "latest.json").write_text(
        json.dumps({"engine": engine, "peers": peers, "overhead": overhead}, indent=2) + "\n")
    print("\nPeers (no-op tasks; Vane: echo tasks through the durable engine)")
    print(peer_table(engine, peers))
    print("\nTargets of issue 6")
    print(targets(engine, overhead))


if __name__ == "__main__":
    main()
