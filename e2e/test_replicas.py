"""Several `vane serve --replica` processes on one PostgreSQL (issue #13): executions are sharded
across them by leases; when one is killed (`kill -9`) or paused past its lease (`SIGSTOP`), the
others take its shards over and every execution still completes exactly once.

Uses examples/remote's `remote.replicated.mixed` (a flytekit task, an echo node, a one-second
sleep gate, another flytekit task, returning x + 2); each task attempt appends its pid to a file
named by execution, step and attempt, so an attempt started twice shows as a file of two lines.
Waits are on the replicas' own figures (`/metrics`), the admin API and files — bounded, no sleeps
standing in for a condition.
"""

import datetime
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import REPO
from runs import failed_attempts, postgres_task_events, wait_for
from test_serve import VENV, Server

EXAMPLE = REPO / "examples" / "remote"
WORKFLOW = "remote.replicated.mixed"
SHARDS = 16
LEASE_TTL = 4.0
EXECUTION_SUCCEEDED = 4
POLL = datetime.timedelta(seconds=0.3)


@pytest.fixture
def database(tmp_path):
    """A fresh database on the test server (make test's, else a throwaway cluster)."""
    url = os.environ.get("VANE_TEST_POSTGRES_URL")
    cluster = None
    if not url:
        import tempfile

        from postgres_store import Cluster

        cluster = Cluster(Path(tempfile.mkdtemp(prefix="vane-pg-", dir="/tmp")))
        url = cluster.url
    name = "vane_replicas_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", url, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    yield url.rsplit("/", 1)[0] + "/" + name
    if cluster:
        cluster.stop()


@pytest.fixture
def group(vane_bin, tmp_path, database):
    """Starts replicas on one data directory and database; kills what is left at the end."""
    data = tmp_path / "data"
    data.mkdir()
    config = tmp_path / "replica.yaml"
    config.write_text(
        f"admin_store:\n  kind: postgres\n  postgres:\n    url: {database}\n"
        f"replica:\n  shards: {SHARDS}\n  lease_ttl: {int(LEASE_TTL * 1000)}ms\n")
    started = {}

    def use_ray(address: str):
        """Places the Ray example's tasks on the cluster at `address` (before any replica starts)."""
        with open(config, "a") as text:
            text.write(f"ray:\n  address: {address}\n  images: vane.test/ray\n  poll_interval: 100ms\n")

    def start(replica_id: str) -> Server:
        with open(tmp_path / f"{replica_id}.err", "w") as err:
            process = subprocess.Popen(
                [str(vane_bin), "serve", "--replica", "--replica-id", replica_id, "--config", str(config),
                 "--data-dir", str(data), "--port", "0", "--http-port", "0", "--image", f"*={VENV}"],
                stdout=subprocess.PIPE, stderr=err, text=True, cwd=REPO)
        line = process.stdout.readline()
        match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+) \(ready in (\d+) ms\)", line)
        if not match:
            process.kill()
            pytest.fail(f"replica {replica_id} did not start: {line!r} {(tmp_path / f'{replica_id}.err').read_text()}")
        # flytekit caches a config file's contents per path: each replica's endpoint gets its own.
        own = tmp_path / f"{replica_id}.yaml"
        own.write_text((data / "replicas" / replica_id / "config.yaml").read_text())
        started[replica_id] = Server(process, own, int(match[1]), int(match[2]), data, int(match[3]))
        return started[replica_id]

    start.config = config
    start.use_ray = use_ray
    yield start, started, data, database
    for srv in started.values():
        if srv.process.poll() is None:
            srv.process.send_signal(signal.SIGCONT)
            srv.process.kill()
            srv.process.wait(timeout=10)


def shards_held(srv: Server) -> int:
    """The replica's `vane_replica_shards_held` (-1 when it does not answer)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{srv.http_port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return -1
    match = re.search(r'^vane_replica_shards_held\{[^}]*\} (\d+)', text, re.MULTILINE)
    return int(match[1]) if match else 0


def group_listing(vane_bin, config: Path) -> list:
    """`vane get replicas --serve-config … -o json`: the group as its lease table has it."""
    import json

    result = subprocess.run([str(vane_bin), "get", "replicas", "--serve-config", str(config), "-o", "json"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["replicas"]


def replica_health(srv: Server) -> tuple:
    """(HTTP status, body) of the replica's `/healthz/replica`."""
    import json

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{srv.http_port}/healthz/replica", timeout=2) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def shard_of(name: str, project: str = "flytesnacks", domain: str = "development") -> int:
    """The shard of an execution: FNV-1a 64 of project, domain and name, NUL-separated (ShardMap)."""
    value = 0xcbf29ce484222325
    for byte in f"{project}\0{domain}\0{name}".encode():
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value % SHARDS


def spread(servers) -> list:
    return [shards_held(srv) for srv in servers]


def remote(srv: Server):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(Config.auto(config_file=str(srv.config)),
                       default_project="flytesnacks", default_domain="development")


def launch(servers, count: int, folder: Path) -> list:
    """`count` executions, created round-robin through every replica's API."""
    remotes = [remote(srv) for srv in servers]
    plans = [rem.fetch_launch_plan(name=WORKFLOW, version="v1") for rem in remotes]
    return [remotes[i % len(remotes)].execute(plans[i % len(remotes)], inputs={"folder": str(folder), "x": i})
            for i in range(count)]


def finished(rem, executions) -> dict:
    """Execution name → (phase, output) for every execution, waiting for each to end."""
    results = {}
    for execution in executions:
        done = rem.wait(rem.fetch_execution(name=execution.id.name), sync_nodes=False, poll_interval=POLL,
                        timeout=datetime.timedelta(seconds=300))
        results[execution.id.name] = (done.closure.phase, done.outputs["o0"] if done.closure.phase == 4 else None)
    return results


def starts(folder: Path) -> dict:
    return {entry.name: entry.read_text().splitlines() for entry in folder.glob("*.starts")}


def test_failover_after_kill_9_and_sigstop_completes_every_execution_once(vane_bin, group, tmp_path):
    start, _, data, database = group
    folder = tmp_path / "starts"
    folder.mkdir()
    replicas = [start(f"r{i}") for i in (1, 2, 3)]
    wait_for(lambda: sum(spread(replicas)) == SHARDS and min(spread(replicas)) > 0, 30,
             f"three replicas holding all {SHARDS} shards")
    # The lease table, each replica's own view and its figures agree: a partition, one leader.
    wait_for(lambda: sorted(m["id"] for m in group_listing(vane_bin, start.config)) == ["r1", "r2", "r3"], 30,
             "three members listed")
    listing = {m["id"]: m for m in group_listing(vane_bin, start.config)}
    assert sorted(s for m in listing.values() for s in m["shards"]) == list(range(SHARDS)), listing
    assert [m["leader"] for m in listing.values()].count(True) == 1, listing
    for srv, replica_id in zip(replicas, ("r1", "r2", "r3")):
        status, health = wait_for(lambda: (lambda got: got if sorted(got[1]["members"]) == ["r1", "r2", "r3"] else None)(
            replica_health(srv)), 10, f"{replica_id} seeing the group")
        assert status == 200 and health["id"] == replica_id, (status, health)
        assert sorted(health["shards"]) == listing[replica_id]["shards"], (health, listing)
    result = replicas[0].pyflyte("register", "--image", "python:3.11", "--version", "v1", "remote/replicated.py",
                                 cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    executions = launch(replicas, 200, folder)
    survivors = replicas[:2]

    # kill -9 one replica while executions run; the others take its shards once its leases expire.
    wait_for(lambda: len(starts(folder)) >= 40, 180, "40 task attempts started")
    killed = replicas[2]
    killed.process.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    assert killed.process.wait(timeout=10) == -signal.SIGKILL
    wait_for(lambda: sum(spread(survivors)) == SHARDS, 6 * LEASE_TTL, "the survivors holding every shard", poll=0.05)
    takeover = time.monotonic() - killed_at
    print(f"takeover after kill -9: {takeover:.2f} s (lease TTL {LEASE_TTL:.0f} s)")
    assert takeover <= 2 * LEASE_TTL, f"takeover took {takeover:.2f} s, more than twice the lease TTL"

    # SIGSTOP another for longer than its lease: the last one takes everything; SIGCONT: it rejoins.
    paused, last = survivors[1], survivors[0]
    paused.process.send_signal(signal.SIGSTOP)
    wait_for(lambda: shards_held(last) == SHARDS, 6 * LEASE_TTL, "the last replica holding every shard")
    paused.process.send_signal(signal.SIGCONT)
    wait_for(lambda: min(spread(survivors)) > 0 and sum(spread(survivors)) == SHARDS, 6 * LEASE_TTL,
             "the paused replica rejoining")

    results = finished(remote(last), executions)
    wrong = {name: got for i, (name, got) in enumerate(
        (e.id.name, results[e.id.name]) for e in executions) if got != (EXECUTION_SUCCEEDED, i + 2)}
    assert wrong == {}, wrong
    # Every task attempt started once: two steps per execution, no file with two starts.
    recorded = starts(folder)
    twice = {name: pids for name, pids in recorded.items() if len(pids) != 1}
    assert twice == {}, twice
    for execution in executions:
        for label in ("a", "b"):
            assert any(name.startswith(f"{execution.id.name}-{label}-") for name in recorded), (execution.id.name, label)
    events = postgres_task_events(database)
    assert failed_attempts(data, events) == []
    # The engine's own record agrees: one success per task node (two steps and the echo), none
    # recorded twice.
    assert len([row for row in events if row[2] == "SUCCEEDED"]) == 3 * len(executions)
    for srv in survivors:
        srv.process.send_signal(signal.SIGTERM)
        assert srv.process.wait(timeout=30) == 0


def test_a_joining_replica_takes_shards_without_interrupting_running_executions(group, tmp_path):
    start, _, data, database = group
    folder = tmp_path / "starts"
    folder.mkdir()
    first = start("r1")
    wait_for(lambda: shards_held(first) == SHARDS, 30, "the first replica holding every shard")
    result = first.pyflyte("register", "--image", "python:3.11", "--version", "v1", "remote/replicated.py",
                           cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    executions = launch([first], 40, folder)
    wait_for(lambda: len(starts(folder)) >= 10, 120, "10 task attempts started")
    second = start("r2")
    wait_for(lambda: spread([first, second]) == [SHARDS // 2, SHARDS // 2], 10 * LEASE_TTL,
             "the shards split between the two replicas")
    results = finished(remote(second), executions)
    wrong = {e.id.name: results[e.id.name] for i, e in enumerate(executions)
             if results[e.id.name] != (EXECUTION_SUCCEEDED, i + 2)}
    assert wrong == {}, wrong
    twice = {name: pids for name, pids in starts(folder).items() if len(pids) != 1}
    assert twice == {}, twice
    events = postgres_task_events(database)
    assert failed_attempts(data, events) == []
    # The engine's own record agrees: one success per task node (two steps and the echo), none
    # recorded twice.
    assert len([row for row in events if row[2] == "SUCCEEDED"]) == 3 * len(executions)
    for srv in (second, first):
        srv.process.send_signal(signal.SIGTERM)
        assert srv.process.wait(timeout=30) == 0


def test_replica_settings_that_cannot_work_exit_2_naming_them(vane_bin, tmp_path):
    without_postgres = subprocess.run(
        [str(vane_bin), "serve", "--replica", "--data-dir", str(tmp_path / "d"), "--port", "0", "--http-port", "0"],
        capture_output=True, text=True, timeout=60)
    assert without_postgres.returncode == 2, without_postgres.stderr
    assert "admin_store.kind: postgres" in without_postgres.stderr
    config = tmp_path / "bad.yaml"
    config.write_text("replica:\n  enabled: true\n  shards: 5000\n")
    too_many = subprocess.run([str(vane_bin), "serve", "--config", str(config), "--data-dir", str(tmp_path / "d")],
                              capture_output=True, text=True, timeout=60)
    assert too_many.returncode == 2 and "replica.shards" in too_many.stderr, too_many.stderr
    no_config = subprocess.run([str(vane_bin), "get", "replicas"], capture_output=True, text=True, timeout=60)
    assert no_config.returncode == 2 and "--serve-config" in no_config.stderr, no_config.stderr


def test_a_ray_job_is_reattached_by_the_replica_that_takes_over(vane_bin, group, tmp_path, ray_cluster):
    import secrets

    start, started, _, _ = group
    start.use_ray(ray_cluster.address)
    replicas = [start("r1"), start("r2")]
    wait_for(lambda: sum(spread(replicas)) == SHARDS and min(spread(replicas)) > 0, 30, "two replicas sharing shards")
    result = replicas[0].pyflyte("register", "--image", "python:3.11", "raycluster",
                                 cwd=REPO / "examples" / "raycluster")
    assert result.returncode == 0, result.stdout + result.stderr
    rem = remote(replicas[0])
    name = f"rayfail-{secrets.token_hex(4)}"
    release = tmp_path / "release"
    rem.execute(rem.fetch_launch_plan(name="raycluster.workflows.held"), inputs={"x": 1, "release": str(release)},
                execution_name=name, wait=False)
    job = wait_for(lambda: (job := ray_cluster.jobs_of(name).get(f"{name}-n0-0")) and job["status"] == "RUNNING"
                   and job, 180, f"Ray job {name}-n0-0 to run", poll=0.2)

    # kill -9 the replica that submitted it (the owner of the execution's shard).
    owners = {shard: m["id"] for m in group_listing(vane_bin, start.config) for shard in m["shards"]}
    owner = started[owners[shard_of(name)]]
    survivor = replicas[1] if owner is replicas[0] else replicas[0]
    owner.process.send_signal(signal.SIGKILL)
    owner.process.wait(timeout=10)
    wait_for(lambda: shards_held(survivor) == SHARDS, 6 * LEASE_TTL, "the survivor holding every shard")
    release.touch()
    done = remote(survivor).wait(remote(survivor).fetch_execution(name=name), sync_nodes=False, poll_interval=POLL,
                                 timeout=datetime.timedelta(seconds=180))
    assert done.closure.phase == EXECUTION_SUCCEEDED, done.closure.error
    # The survivor followed the job the dead replica submitted (by its submission id): no second job.
    assert set(ray_cluster.jobs_of(name)) == {f"{name}-n0-0"}
    assert ray_cluster.job(job["submission_id"])["status"] == "SUCCEEDED"
    survivor.process.send_signal(signal.SIGTERM)
    assert survivor.process.wait(timeout=30) == 0
