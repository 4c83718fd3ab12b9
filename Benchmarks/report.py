"""Merges the engine, peer, overhead, Ray, warm-start and console results into
Benchmarks/results/latest.json and prints the peer comparison, warm vs cold starts, the targets of issues
6 and 15 with the figures reached, and the console's figures.

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


def warm_table(warm):
    """Cold vs warm starts of no-op flytekit tasks, with the peers in-process at the same sizes."""
    summary = (warm or {}).get("summary")
    if not summary:
        return "(no warm-start results)"
    lines = ["system          start  launch->user p50 / p99 ms  20-task chain s  50-task fan-out s"]
    for mode in ("cold", "warm"):
        row = summary.get(mode, {})
        p50, p99 = row.get("launch_to_user_p50_ms"), row.get("launch_to_user_p99_ms")
        delays = f"{p50:.0f} / {p99:.0f}" if p50 is not None else "-"
        lines.append(f"{'vane run':<15} {mode:<6} {delays:>25}  {row.get('chain20_wall_seconds') or 0:>15.2f}  "
                     f"{row.get('fanout50_wall_seconds') or 0:>17.2f}")
    for peer in ("prefect", "dagster"):
        chain = warm.get("peers", {}).get("chain20", {}).get(peer) or {}
        fanout = warm.get("peers", {}).get("fanout50", {}).get(peer) or {}
        if chain or fanout:
            lines.append(f"{peer:<15} {'in-process':<31}  {peer_seconds(chain):>15}  {peer_seconds(fanout):>17}")
    speedup = summary.get("speedup", {})
    lines.append("warm speed-up: " + ", ".join(f"{shape} {value:.1f}x" for shape, value in speedup.items() if value))
    return "\n".join(lines)


def peer_seconds(run):
    """A peer's wall time, or why there is none (a failed run is not 0.00 s)."""
    if "seconds" in run:
        return f"{run['seconds']:.2f}"
    return "failed" if "error" in run else "-"


def verdict(ok):
    return "met" if ok else "NOT met"


def targets(engine, overhead, warm=None, serve_s3=None):
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
    warm_summary = (warm or {}).get("summary", {})
    if warm_summary.get("warm", {}).get("launch_to_user_p50_ms") is not None:
        p50 = warm_summary["warm"]["launch_to_user_p50_ms"]
        speedup = warm_summary.get("speedup", {}).get("chain20") or 0
        lines.append(f"warm starts: launch -> user code p50 {p50:.0f} ms (target < 100 ms: {verdict(p50 < 100)}); "
                     f"20-task chain {speedup:.1f}x faster than cold (target >= 10x: {verdict(speedup >= 10)})")
    if overhead and "median" in overhead:
        median = overhead["median"]
        lines.append(f"6-task flytekit chain: vane run {median['wall_seconds']:.2f} s, task processes "
                     f"{median['task_seconds']:.2f} s, overhead {median['overhead_percent']:.1f} % "
                     f"(target < 5 %: {verdict(median['overhead_percent'] < 5)})")
    if serve_s3:
        peak = serve_s3["servePeakRSSBytes"] / 2**20
        lines.append(f"vane serve on S3, {serve_s3['sizeMiB']:,} MiB FlyteFile through the data proxy and a task: "
                     f"peak RSS {peak:,.0f} MB (before {serve_s3['serveRSSBeforeBytes'] / 2**20:,.0f} MB; "
                     f"target < 100 MB: {verdict(peak < 100)})")
    return "\n".join(lines)


def ray_lines(ray):
    """The Ray plugin's figures (Benchmarks/ray/run_ray.py), Ray next to local."""
    lines = []
    for name in ("ray", "local"):
        figures = ray.get(name)
        if not figures:
            continue
        start, end, fanout = figures["submit_to_running"], figures["end_to_seen"], figures["fanout_100"]
        lines.append(f"{name:5}: no-op task submit->running median {start['median_ms']:,.0f} ms "
                     f"({start['min_ms']:,.0f}-{start['max_ms']:,.0f}), end->seen median {end['median_ms']:,.0f} ms "
                     f"({end['min_ms']:,.0f}-{end['max_ms']:,.0f}); 100-task fan-out {fanout['wall_seconds']:.1f} s")
    return "\n".join(lines)


def console_lines(console):
    """The console's figures (Benchmarks/console/run_console.py): page render times, live latency."""
    lines = []
    for key, label in (("render_100", "execution page, 100 nodes"), ("render_10000", "execution page, 10,000 nodes"),
                       ("render_10000_nodes_tab", "10,000 nodes, Nodes tab"),
                       ("render_10000_timeline", "10,000 nodes, Timeline tab")):
        figures = console.get(key)
        if figures:
            lines.append(f"{label:28}: server {figures['median_server_ms']:,.1f} ms median "
                         f"(first {figures['first_server_ms']:,.1f} ms), wall {figures['median_wall_ms']:,.1f} ms, "
                         f"{figures['bytes']:,} bytes")
    live = console.get("event_to_screen")
    if live and live.get("p50_ms") is not None:
        lines.append(f"event -> screen              : p50 {live['p50_ms']:,.0f} ms, p90 {live['p90_ms']:,.0f} ms, "
                     f"max {live['max_ms']:,.0f} ms ({live['changes']} of {live['expected']} changes seen)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", default=str(ROOT / "Benchmarks" / "results"))
    args = parser.parse_args()
    results = pathlib.Path(args.results)
    engine, peers, overhead, ray, warm, serve_s3, console = (
        load(results / name)
        for name in ("engine.json", "peers.json", "overhead.json", "ray.json", "warm.json", "serve_s3.json",
                     "console.json"))
    (results / "latest.json").write_text(json.dumps(
        {"engine": engine, "peers": peers, "overhead": overhead, "ray": ray, "warm": warm, "serveS3": serve_s3,
         "console": console, "enginePostgres": load(results / "engine-postgres.json")},
        indent=2) + "\n")
    print("\nPeers (no-op tasks; Vane: echo tasks through the durable engine)")
    print(peer_table(engine, peers))
    print("\nWarm vs cold starts of no-op flytekit tasks (issue 15)")
    print(warm_table(warm))
    print("\nTargets of issues 6, 11 and 15")
    print(targets(engine, overhead, warm, serve_s3))
    if ray:
        print("\nRay plugin (two-node cluster, one core each) vs local process plugin")
        print(ray_lines(ray))
    if console:
        print("\nConsole (release vane serve, headless Chromium)")
        print(console_lines(console))


if __name__ == "__main__":
    main()
