"""Replica figures for BENCHMARKS.md (issue #13): echo workflows on `vane serve` with the engine
on SQLite (one server) and on PostgreSQL with 1 and 3 replicas; round latency from the replicas'
own `/metrics`; takeover time after `kill -9` of a replica.

    .venv/bin/python Benchmarks/replicas/run.py [--vane .build/release/vane] [--executions 600]

PostgreSQL: $VANE_TEST_POSTGRES_URL, else a throwaway cluster (scripts/postgres/start.sh). Every
server listens on 127.0.0.1 only. Not part of `make test`.

- small executions: `--executions` × `benchflows.echoes.chain3` (three echo nodes), created through
  the replicas' APIs in turn by 8 client threads; from the first create to the last execution
  ending (read from the engine's own table): executions/s and node transitions/s (node events).
- one wide execution: `benchflows.echoes.fanout` (500 echo nodes), created and awaited `--wide` times.
- round latency: p50/p99 of `vane_reconcile_round_duration` over all replicas (upper bucket bounds).
- takeover: three replicas, `kill -9` of one, time until the other two hold every shard, `--kills` times.
"""

import argparse
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent import futures
from pathlib import Path

import grpc
from flyteidl.admin import execution_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import admin_pb2_grpc

ROOT = Path(__file__).resolve().parent.parent.parent
VENV = ROOT / ".venv"
PROJECT, DOMAIN, VERSION = "flytesnacks", "development", "v1"
SHARDS = 64


class Server:
    def __init__(self, process, grpc_port, http_port, config):
        self.process, self.grpc_port, self.http_port, self.config = process, grpc_port, http_port, config

    def metrics(self) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/metrics", timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    def shards(self) -> int:
        match = re.search(r"^vane_replica_shards_held\{[^}]*\} (\d+)", self.metrics(), re.MULTILINE)
        return int(match[1]) if match else 0

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start(vane: Path, data: Path, args: list, label: str, work: Path) -> Server:
    process = subprocess.Popen(
        [str(vane), "serve", "--data-dir", str(data), "--port", "0", "--http-port", "0", "--image", f"*={VENV}",
         *args], stdout=subprocess.PIPE, stderr=open(work / f"{label}.err", "w"), text=True, cwd=ROOT)
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+)", line)
    if not match:
        process.kill()
        sys.exit(f"{label} did not start: {line!r} {(work / f'{label}.err').read_text()}")
    config = work / f"{label}.yaml"
    written = data / "replicas" / label / "config.yaml"
    config.write_text((written if written.exists() else data / "config.yaml").read_text())
    return Server(process, int(match[1]), int(match[2]), config)


def wait(predicate, timeout: float, what: str, poll: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(poll)
    sys.exit(f"timed out waiting for {what}")


def register(server: Server):
    env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--config", str(server.config), "register", "--image", "python:3.11",
         "--version", VERSION, "benchflows"], capture_output=True, text=True, cwd=Path(__file__).parent, env=env,
        timeout=600)
    if result.returncode != 0:
        sys.exit(f"pyflyte register failed:\n{result.stdout}\n{result.stderr}")


def create_request(workflow: str, name: str, x: int) -> execution_pb2.ExecutionCreateRequest:
    plan = identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project=PROJECT, domain=DOMAIN, name=workflow, version=VERSION)
    spec = execution_pb2.ExecutionSpec(
        launch_plan=plan, metadata=execution_pb2.ExecutionMetadata(mode=execution_pb2.ExecutionMetadata.MANUAL))
    inputs = literals_pb2.LiteralMap(literals={"x": literals_pb2.Literal(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=x)))})
    return execution_pb2.ExecutionCreateRequest(project=PROJECT, domain=DOMAIN, name=name, spec=spec, inputs=inputs)


class EngineTable:
    """Counts in the engine's own tables: finished executions and node events."""

    def __init__(self, sqlite_path: Path = None, postgres_url: str = None):
        self.sqlite_path, self.postgres_url = sqlite_path, postgres_url

    def query(self, sql: str) -> int:
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path) as db:
                return db.execute(sql).fetchone()[0]
        sql = sql.replace("FROM ", "FROM vane_engine.")
        return int(subprocess.run(["psql", self.postgres_url, "-Atc", sql], capture_output=True, text=True,
                                  check=True).stdout.strip())

    def finished(self) -> int:
        return self.query("SELECT count(*) FROM resources WHERE terminal")

    def node_events(self) -> int:
        return self.query("SELECT count(*) FROM execution_events WHERE kind = 1")


def round_latency(servers) -> tuple:
    """(p50, p99) in ms of vane_reconcile_round_duration over every server, as upper bucket bounds."""
    buckets = {}
    for server in servers:
        for bound, count in re.findall(r'^vane_reconcile_round_duration_bucket\{[^}]*le="([^"]+)"[^}]*\} (\d+)',
                                       server.metrics(), re.MULTILINE):
            buckets[float(bound)] = buckets.get(float(bound), 0) + int(count)
    bounds = sorted(buckets)
    total = buckets.get(float("inf"), 0)
    if not total:
        return None, None

    def quantile(q):
        for bound in bounds:
            if buckets[bound] >= q * total:
                return bound * 1000
        return None

    return quantile(0.5), quantile(0.99)


def measure(label: str, servers, table: EngineTable, executions: int, wide: int) -> dict:
    channels = [grpc.insecure_channel(f"127.0.0.1:{s.grpc_port}") for s in servers]
    stubs = [admin_pb2_grpc.AdminServiceStub(channel) for channel in channels]
    run = uuid.uuid4().hex[:6]
    before_events, before_done = table.node_events(), table.finished()
    began = time.monotonic()
    with futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: stubs[i % len(stubs)].CreateExecution(
            create_request("benchflows.echoes.chain3", f"c{run}{i:05d}", i), timeout=120), range(executions)))
    created = time.monotonic() - began
    wait(lambda: table.finished() - before_done >= executions, 900, f"{executions} executions", poll=0.1)
    elapsed = time.monotonic() - began
    transitions = table.node_events() - before_events
    small = {"executions": executions, "seconds": round(elapsed, 2), "created_seconds": round(created, 2),
             "executions_per_s": round(executions / elapsed, 1), "transitions_per_s": round(transitions / elapsed)}
    wide_seconds = []
    for i in range(wide):
        before_events, before_done = table.node_events(), table.finished()
        began = time.monotonic()
        stubs[i % len(stubs)].CreateExecution(create_request("benchflows.echoes.fanout", f"w{run}{i:03d}", i),
                                              timeout=120)
        wait(lambda: table.finished() - before_done >= 1, 300, "the wide execution", poll=0.02)
        wide_seconds.append(time.monotonic() - began)
    wide_transitions = (table.node_events() - before_events) / max(wide_seconds[-1], 1e-9) if wide else None
    p50, p99 = round_latency(servers)
    for channel in channels:
        channel.close()
    result = {"setup": label, "small": small,
              "wide": {"nodes": 500, "seconds_median": round(statistics.median(wide_seconds), 2) if wide else None,
                       "transitions_per_s": round(wide_transitions) if wide else None},
              "round_ms_p50": p50, "round_ms_p99": p99}
    print(json.dumps(result), flush=True)
    return result


def postgres_database(url: str) -> str:
    name = "vane_bench_" + uuid.uuid4().hex[:10]
    subprocess.run(["psql", url, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return url.rsplit("/", 1)[0] + "/" + name


def replica_config(work: Path, database: str, ttl: float) -> Path:
    config = work / "replica.yaml"
    config.write_text(f"admin_store:\n  kind: postgres\n  postgres:\n    url: {database}\n"
                      f"replica:\n  shards: {SHARDS}\n  lease_ttl: {int(ttl * 1000)}ms\n")
    return config


def replicas(vane: Path, work: Path, config: Path, count: int, first: int = 1, others: list = ()) -> list:
    """Starts `count` replicas (joining `others`); returns the whole group once every member holds shards."""
    data = work / "data"
    data.mkdir(exist_ok=True)
    group = list(others) + [
        start(vane, data, ["--replica", "--replica-id", f"r{i}", "--config", str(config)], f"r{i}", work)
        for i in range(first, first + count)]
    wait(lambda: sum(s.shards() for s in group) == SHARDS and min(s.shards() for s in group) > 0, 60,
         "the replicas holding every shard")
    return group


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", type=Path, default=ROOT / ".build" / "release" / "vane")
    parser.add_argument("--executions", type=int, default=600)
    parser.add_argument("--wide", type=int, default=3)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--ttl", type=float, default=4.0)
    parser.add_argument("--out", type=Path, default=ROOT / "Benchmarks" / "results" / "replicas.json")
    args = parser.parse_args()
    url = os.environ.get("VANE_TEST_POSTGRES_URL")
    cluster = None
    if not url:
        cluster = Path(tempfile.mkdtemp(prefix="vane-pg-", dir="/tmp"))
        subprocess.run([str(ROOT / "scripts" / "postgres" / "start.sh"), str(cluster)], check=True,
                       stdout=subprocess.DEVNULL)
        url = (cluster / "url").read_text().strip()
    results = {"vane": str(args.vane), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": []}
    try:
        with tempfile.TemporaryDirectory(prefix="vane-replicas-") as scratch:
            work = Path(scratch) / "sqlite"
            work.mkdir()
            (work / "data").mkdir()
            server = start(args.vane, work / "data", [], "serve", work)
            register(server)
            results["runs"].append(measure("sqlite, 1 server", [server], EngineTable(sqlite_path=work / "data" / "vane.db"),
                                           args.executions, args.wide))
            server.stop()
            for count in (1, 3):
                work = Path(scratch) / f"pg{count}"
                work.mkdir()
                database = postgres_database(url)
                group = replicas(args.vane, work, replica_config(work, database, args.ttl), count)
                register(group[0])
                results["runs"].append(measure(f"postgres, {count} replica(s)", group, EngineTable(postgres_url=database),
                                               args.executions, args.wide))
                for server in group:
                    server.stop()
            work = Path(scratch) / "takeover"
            work.mkdir()
            group = replicas(args.vane, work, replica_config(work, postgres_database(url), args.ttl), 3)
            takeovers = []
            for kill in range(args.kills):
                victim, survivors = group[-1], group[:-1]
                victim.process.send_signal(signal.SIGKILL)
                killed = time.monotonic()
                victim.process.wait(timeout=10)
                wait(lambda: sum(s.shards() for s in survivors) == SHARDS, 20 * args.ttl, "the takeover", poll=0.02)
                takeovers.append(round(time.monotonic() - killed, 2))
                group = replicas(args.vane, work, work / "replica.yaml", 1, first=10 + kill, others=survivors)
            for server in group:
                server.stop()
            results["takeover_seconds"] = takeovers
            results["lease_ttl_seconds"] = args.ttl
            print(json.dumps({"takeover_seconds": takeovers, "lease_ttl_seconds": args.ttl}), flush=True)
    finally:
        if cluster:
            subprocess.run([str(ROOT / "scripts" / "postgres" / "stop.sh"), str(cluster)], check=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
