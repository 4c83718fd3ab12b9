"""Peak memory of `vane serve` while a large FlyteFile moves through the data proxy and a task,
with the server's data in object storage (moto on loopback). Part of `make bench`.

    .venv/bin/python Benchmarks/serve_s3_file.py --vane .build-release/release/vane \
        --s3-url http://127.0.0.1:PORT [--size-mb 2048] [--out Benchmarks/results/serve_s3.json]

It starts `vane serve` with a `storage` section naming a fresh bucket, registers examples/s3flows
with `pyflyte register` (the code bundle goes up through a presigned URL), then runs
`s3flows.flow.passthrough` with FlyteRemote on a file of `--size-mb` MiB: FlyteRemote uploads the
file through the data proxy (a presigned PUT straight to the bucket), the task streams it to a
new file that flytekit uploads to the bucket, and FlyteRemote downloads the output. The figure is
the server's peak resident memory (`VmHWM` of its process) against its resident memory before
the transfer; the bytes never pass through Vane, so it should not grow with the file.
"""

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
KEY_ID, SECRET = "vane-bench", "vane-bench-secret"


def memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def write_file(path: Path, size_mb: int) -> str:
    """A file of `size_mb` MiB of varied bytes; returns its MD5 hex."""
    digest = hashlib.md5()
    block = bytes(range(256)) * 4096  # 1 MiB
    with open(path, "wb") as out:
        for index in range(size_mb):
            chunk = index.to_bytes(8, "little") + block[8:]
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", default=str(ROOT / ".build" / "debug" / "vane"))
    parser.add_argument("--s3-url", required=True)
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "serve_s3.json"))
    args = parser.parse_args()

    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET, AWS_REGION="us-east-1")
    os.environ.update({k: v for k, v in env.items() if k.startswith("AWS_")})
    import botocore.session

    bucket = "vane-bench-" + os.urandom(6).hex()
    s3 = botocore.session.get_session().create_client(
        "s3", endpoint_url=args.s3_url, region_name="us-east-1", aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET)
    s3.create_bucket(Bucket=bucket)

    work = Path(tempfile.mkdtemp(prefix="vane-bench-serve-s3-", dir=ROOT / ".build-bench"))
    keep = False  # the work directory stays when the run fails, for its logs
    config = work / "vane.yaml"
    config.write_text(f"storage:\n  uri: s3://{bucket}/vane\n  endpoint: {args.s3_url}\n")
    data_dir = work / "data"
    server = subprocess.Popen(
        [args.vane, "serve", "--config", str(config), "--data-dir", str(data_dir), "--port", "0", "--http-port", "0",
         "--image", f"*={VENV}"],
        stdout=subprocess.PIPE, stderr=open(work / "serve.log", "w"), text=True, env=env)
    try:
        line = server.stdout.readline()
        if not re.search(r"gRPC on [\d.]+:(\d+)", line):
            raise SystemExit(f"vane serve did not start: {line!r}; see {work / 'serve.log'}")
        flytekit_config = data_dir / "config.yaml"
        started = time.monotonic()
        register = subprocess.run(
            [str(VENV / "bin" / "pyflyte"), "--config", str(flytekit_config), "register", "--image", "python:3.11",
             "--version", "bench1", "s3flows"],
            cwd=ROOT / "examples" / "s3flows", capture_output=True, text=True,
            env=dict(env, PATH=f"{VENV / 'bin'}:{env.get('PATH', '')}"))
        if register.returncode != 0:
            raise SystemExit(f"pyflyte register failed:\n{register.stdout}\n{register.stderr}")
        registered_s = time.monotonic() - started

        source = work / "input.bin"
        source_md5 = write_file(source, args.size_mb)
        before_kib = memory_kib(server.pid, "VmRSS")

        from flytekit.configuration import Config
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.remote import FlyteRemote

        remote = FlyteRemote(Config.auto(config_file=str(flytekit_config)), default_project="flytesnacks",
                             default_domain="development")
        plan = remote.fetch_launch_plan(name="s3flows.flow.passthrough", version="bench1")
        started = time.monotonic()
        execution = remote.execute(plan, inputs={"f": str(source)}, wait=True)
        run_s = time.monotonic() - started
        if not execution.is_successful:
            keep = True
            raise SystemExit(f"the execution failed: {execution.closure.error.message}\n(task logs under {data_dir})")
        started = time.monotonic()
        digest = hashlib.md5()
        with FlyteContextManager.with_context(remote.context.new_builder()):  # knows the endpoint
            with execution.outputs["o0"].open("rb") as output:  # streamed in ranged reads
                for chunk in iter(lambda: output.read(8 << 20), b""):
                    digest.update(chunk)
        download_s = time.monotonic() - started
        if digest.hexdigest() != source_md5:
            raise SystemExit("the output read back differs from the input")
        peak_kib = memory_kib(server.pid, "VmHWM")
        after_kib = memory_kib(server.pid, "VmRSS")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if not keep:
            subprocess.run(["rm", "-rf", str(work)])

    result = {
        "sizeMiB": args.size_mb,
        "registerSeconds": round(registered_s, 2),
        "executeSeconds": round(run_s, 2),
        "downloadSeconds": round(download_s, 2),
        "serveRSSBeforeBytes": before_kib * 1024,
        "servePeakRSSBytes": peak_kib * 1024,
        "serveRSSAfterBytes": after_kib * 1024,
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"serve on S3, {args.size_mb} MiB FlyteFile through the data proxy and a task: upload+run {run_s:.1f} s, "
          f"download {download_s:.1f} s; vane serve peak RSS {peak_kib / 1024:.0f} MB "
          f"(before the transfer {before_kib / 1024:.0f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
