"""The web console's figures (step 6 of `make bench`): how long `vane serve` takes to build an
execution page for 100 and 10,000 nodes, and how long a phase change takes to reach the screen
of a browser that follows the page live.

- Render time: the page's own `Server-Timing: render;dur=…` (the server's time to read the
  execution and build the page, Graphviz included) and the client's wall time over loopback, for
  the first request (the graph's layout not cached yet) and the median of the next ones.
  Shapes: 100 differently named echo nodes in 10 lanes (100 boxes drawn); 10,000 echo nodes fanned
  out (folded into one group box; the Nodes tab pages them 100 at a time).
- Event → screen: a chain of sleep gates (no task process, one phase change every ~0.5 s) followed
  in headless Chromium; for each node, the engine's time of the change (the node execution's
  start and end) against the time the page recorded its box changing colour (`__vaneUpdates`,
  the browser's clock; same machine, same clock).

  .venv/bin/python Benchmarks/console/run_console.py --vane .build-release/release/vane --out results/console.json
"""

import argparse
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "e2e"))

import echo_fanout  # noqa: E402


def start(vane: str, data_dir: Path):
    process = subprocess.Popen(
        [vane, "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+)", line)
    if not match:
        process.kill()
        raise SystemExit(f"vane serve did not start: {line!r}")
    return process, int(match[1]), int(match[2])


def wait_done(grpc_port, name, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if echo_fanout.phase(grpc_port, name) in (4, 5, 6, 7):  # SUCCEEDED, FAILING, FAILED, ABORTED
            return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not finish in {timeout} s")


def fetch(url):
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        timing = response.headers.get("Server-Timing", "")
    wall = (time.perf_counter() - began) * 1000
    server = float(re.search(r"dur=([\d.]+)", timing)[1]) if "dur=" in timing else None
    return server, wall, len(body)


def render_figures(http_port, name, repeats, query=""):
    url = f"http://127.0.0.1:{http_port}/console/projects/flytesnacks/domains/development/executions/{name}{query}"
    first = fetch(url)
    rest = [fetch(url) for _ in range(repeats)]
    return {
        "first_server_ms": round(first[0], 1), "first_wall_ms": round(first[1], 1), "bytes": first[2],
        "median_server_ms": round(statistics.median(r[0] for r in rest), 1),
        "median_wall_ms": round(statistics.median(r[1] for r in rest), 1),
        "max_server_ms": round(max(r[0] for r in rest), 1), "repeats": repeats,
    }


def latency(http_port, grpc_port, count, seconds):
    from flyteidl.admin import node_execution_pb2
    from flyteidl.core import identifier_pb2
    from flyteidl.service import admin_pb2_grpc
    import grpc
    from console_browser import start_browser

    plan = echo_fanout.register_sleeps(grpc_port, count, seconds)
    browser = start_browser()
    try:
        name = echo_fanout.launch(grpc_port, plan, f"latency-{int(time.time())}")
        browser.get(f"http://127.0.0.1:{http_port}/console/projects/flytesnacks/domains/development/executions/{name}")
        wait_done(grpc_port, name)
        deadline = time.monotonic() + 30
        updates = []
        while time.monotonic() < deadline:
            updates = browser.execute_script("return window.__vaneUpdates;")
            if sum(1 for u in updates if u["cls"] == "phase-succeeded") >= count:
                break
            time.sleep(0.2)
    finally:
        browser.quit()
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        nodes = stub.ListNodeExecutions(node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project="flytesnacks", domain="development", name=name), limit=1000), timeout=30).node_executions
    seen = {}
    for update in updates:
        seen.setdefault((update["id"], update["cls"]), update["t"])
    delays = []
    for node in nodes:
        node_id = node.id.node_id
        if not node_id.startswith("n"):
            continue
        started = node.closure.started_at.ToMilliseconds()
        ended = node.closure.updated_at.ToMilliseconds()
        for (cls, event_ms) in (("phase-running", started), ("phase-succeeded", ended)):
            if (node_id, cls) in seen and event_ms > 0:
                delays.append(seen[(node_id, cls)] - event_ms)
    delays.sort()
    return {
        "changes": len(delays), "expected": 2 * count,
        "p50_ms": round(statistics.median(delays), 1) if delays else None,
        "p90_ms": round(delays[int(len(delays) * 0.9) - 1], 1) if delays else None,
        "max_ms": round(delays[-1], 1) if delays else None,
        "min_ms": round(delays[0], 1) if delays else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", required=True)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="vane-console-bench-") as tmp:
        process, grpc_port, http_port = start(args.vane, Path(tmp) / "data")
        try:
            lanes = echo_fanout.register_lanes(grpc_port, 10, 10)
            fanout = echo_fanout.register(grpc_port, 10_000)
            small = echo_fanout.launch(grpc_port, lanes, "bench-lanes")
            large = echo_fanout.launch(grpc_port, fanout, "bench-fanout")
            wait_done(grpc_port, small)
            wait_done(grpc_port, large)
            results["render_100"] = render_figures(http_port, small, args.repeats)
            results["render_10000"] = render_figures(http_port, large, args.repeats)
            results["render_10000_nodes_tab"] = render_figures(http_port, large, args.repeats, "?tab=nodes")
            results["render_10000_timeline"] = render_figures(http_port, large, args.repeats, "?tab=timeline")
            results["event_to_screen"] = latency(http_port, grpc_port, 20, 0.5)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                print("vane serve did not stop within 60 s of SIGTERM; killed", file=sys.stderr)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
