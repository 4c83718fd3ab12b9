"""Peak memory of `vane serve` under a flood of heavy requests (issue 9, load).

Run with the e2e venv:

    .venv/bin/python Benchmarks/serve_flood.py [--vane .build-release/release/vane] [--seconds 20]

It starts `vane serve` (plain, loopback) on a temporary data dir, registers one flytekit task
with `pyflyte register`, then registers `--tasks` copies of it each carrying `--task-mib` MiB
in its template (`config`) (large registered entities, as in the issue's 720 MiB `ListTasks`). Then
`--clients` threads, each with its own connection, send as fast as they can for `--seconds`
(or until `--requests` in all): `ListTasks(limit=100)` over those tasks, `CreateExecution` with
12 MiB of inline inputs (over the 8 MiB limit: refused before decoding), and bursts of 200 concurrent `GetVersion` calls on one connection (beyond the
100-stream limit). Meanwhile /proc/<pid>/status is sampled every 20 ms. It reports the peak
RSS (VmHWM), the largest list answer, and how each kind of request ended. Last, one
`--file-mib` MiB file goes up and comes back down through the data proxy's signed URLs
(streamed both ways), with the RSS it took.

Every loop is bounded in count and time and the server only listens on 127.0.0.1.
Not part of `make test`.
"""

import argparse
import collections
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures
from pathlib import Path

import grpc
from flyteidl.admin import common_pb2, execution_pb2, task_pb2, version_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import admin_pb2_grpc

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PROJECT, DOMAIN = "flytesnacks", "development"
OPTIONS = [("grpc.max_receive_message_length", 64 << 20), ("grpc.max_send_message_length", 64 << 20)]


def start_server(vane: Path, data_dir: Path):
    process = subprocess.Popen(
        [str(vane), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0", "--image", f"*={VENV}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+)", line)
    if not match:
        process.kill()
        sys.exit(f"vane serve did not start: {line!r}")
    return process, int(match[1])


def memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in KiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def seed(stub, count: int, mib: int):
    base = stub.ListTasks(common_pb2.ResourceListRequest(
        id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN), limit=1)).tasks[0]
    template = base.closure.compiled_task.template
    padding = "x" * (mib << 20)
    for index in range(count):
        task_id = identifier_pb2.Identifier(
            resource_type=identifier_pb2.TASK, project=PROJECT, domain=DOMAIN, name=f"flood.big{index}", version="v1")
        template.id.CopyFrom(task_id)
        template.config["padding"] = padding  # in the compiled closure, so in every ListTasks answer
        spec = task_pb2.TaskSpec(template=template)
        stub.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=spec))


def transfer(target: str, work: Path, mib: int, pid: int):
    """Uploads and downloads one file of `mib` MiB through signed URLs; prints the RSS peak."""
    import hashlib

    import requests
    from flyteidl.service import dataproxy_pb2, dataproxy_pb2_grpc

    path = work / "big.bin"
    digest = hashlib.md5()
    block = os.urandom(1 << 20)
    with path.open("wb") as file:
        for _ in range(mib):
            file.write(block)
            digest.update(block)
    proxy = dataproxy_pb2_grpc.DataProxyServiceStub(grpc.insecure_channel(target))
    location = proxy.CreateUploadLocation(dataproxy_pb2.CreateUploadLocationRequest(
        project=PROJECT, domain=DOMAIN, filename="big.bin", content_md5=digest.digest()))
    peak = [0]
    done = threading.Event()

    def sampler():
        while not done.is_set():
            peak[0] = max(peak[0], memory(pid)[0])
            time.sleep(0.02)

    watcher = threading.Thread(target=sampler)
    watcher.start()
    started = time.monotonic()
    with path.open("rb") as file:
        answer = requests.put(location.signed_url, data=file, timeout=600)
    up = time.monotonic() - started
    assert answer.status_code == 200, answer.text
    url = proxy.CreateDownloadLocation(
        dataproxy_pb2.CreateDownloadLocationRequest(native_url=location.native_url)).signed_url
    started = time.monotonic()
    received = hashlib.md5()
    with requests.get(url, stream=True, timeout=600) as answer:
        for chunk in answer.iter_content(1 << 20):
            received.update(chunk)
    down = time.monotonic() - started
    done.set()
    watcher.join()
    assert received.digest() == digest.digest()
    print(f"{mib} MiB through the data proxy: up {up:.1f} s, down {down:.1f} s, "
          f"RSS peak while transferring {peak[0] / 1024:.0f} MiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vane", default=str(ROOT / ".build" / "debug" / "vane"))
    parser.add_argument("--tasks", type=int, default=60, help="large tasks registered")
    parser.add_argument("--task-mib", type=int, default=3, help="MiB of template config per task")
    parser.add_argument("--clients", type=int, default=16, help="threads, one connection each")
    parser.add_argument("--seconds", type=float, default=20, help="flood duration")
    parser.add_argument("--requests", type=int, default=20_000, help="cap on requests in all")
    parser.add_argument("--file-mib", type=int, default=1024, help="size of the file sent through the data proxy")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vane-flood-") as temporary:
        work = Path(temporary)
        process, port = start_server(Path(args.vane).resolve(), work / "data")
        try:
            hello = subprocess.run(
                [str(VENV / "bin" / "pyflyte"), "--config", str(work / "data" / "config.yaml"), "register",
                 "--image", "python:3.11", "hello"], capture_output=True, text=True, cwd=ROOT / "examples" / "hello",
                env=dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}"), timeout=300)
            if hello.returncode != 0:
                sys.exit(f"pyflyte register failed: {hello.stderr}")
            target = f"127.0.0.1:{port}"
            seed_channel = grpc.insecure_channel(target, options=OPTIONS)
            started = time.monotonic()
            seed(admin_pb2_grpc.AdminServiceStub(seed_channel), args.tasks, args.task_mib)
            seed_channel.close()
            seeded_rss, seeded_hwm = memory(process.pid)
            print(f"registered {args.tasks} tasks of {args.task_mib} MiB in {time.monotonic() - started:.1f} s; "
                  f"RSS after seeding {seeded_rss / 1024:.0f} MiB (peak so far {seeded_hwm / 1024:.0f} MiB)",
                  flush=True)

            outcomes = collections.Counter()
            largest = [0]
            sent = [0]
            lock = threading.Lock()
            stop = threading.Event()
            samples = []

            def sampler():
                while not stop.is_set():
                    samples.append(memory(process.pid)[0])
                    time.sleep(0.02)

            def record(kind, outcome, size=0):
                with lock:
                    outcomes[(kind, outcome)] += 1
                    largest[0] = max(largest[0], size)

            def flood(client: int):
                channel = grpc.insecure_channel(target, options=OPTIONS)
                stub = admin_pb2_grpc.AdminServiceStub(channel)
                listing = common_pb2.ResourceListRequest(
                    id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN), limit=100)
                big_inputs = literals_pb2.LiteralMap()
                big_inputs.literals["name"].scalar.primitive.string_value = "y" * (12 << 20)
                create = execution_pb2.ExecutionCreateRequest(project=PROJECT, domain=DOMAIN, inputs=big_inputs)
                step = 0
                deadline = time.monotonic() + args.seconds
                while time.monotonic() < deadline and not stop.is_set():
                    with lock:
                        if sent[0] >= args.requests:
                            break
                        sent[0] += 1
                    kind = ("list", "create", "burst", "list")[step % 4]
                    step += 1
                    try:
                        if kind == "list":
                            answer = stub.ListTasks(listing, timeout=60)
                            record(kind, "ok", answer.ByteSize())
                        elif kind == "create":
                            stub.CreateExecution(create, timeout=60)
                            record(kind, "ok")
                        else:
                            calls = [stub.GetVersion.future(version_pb2.GetVersionRequest(), timeout=60)
                                     for _ in range(200)]
                            for call in calls:
                                call.result()
                            record(kind, "ok (200 calls)")
                    except grpc.RpcError as error:
                        record(kind, error.code().name)
                channel.close()

            watcher = threading.Thread(target=sampler)
            watcher.start()
            flood_started = time.monotonic()
            with futures.ThreadPoolExecutor(args.clients) as pool:
                list(pool.map(flood, range(args.clients)))
            elapsed = time.monotonic() - flood_started
            stop.set()
            watcher.join()
            rss, hwm = memory(process.pid)
            print(f"flood: {args.clients} clients for {elapsed:.1f} s, {sent[0]} requests")
            for (kind, outcome), count in sorted(outcomes.items()):
                print(f"  {kind:<7} {outcome:<20} {count}")
            print(f"largest ListTasks answer: {largest[0] / (1 << 20):.1f} MiB")
            print(f"RSS during the flood: peak sampled {max(samples) / 1024:.0f} MiB, "
                  f"peak (VmHWM) {hwm / 1024:.0f} MiB, now {rss / 1024:.0f} MiB")
            transfer(target, work, args.file_mib, process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
