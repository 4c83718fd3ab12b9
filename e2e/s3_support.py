"""S3 for the end-to-end tests: moto on loopback (VANE_TEST_S3_URL when `make test` started one,
else scripts/s3/start.sh for this session), buckets per test, a reader for s3:// outputs, and
FaultProxy — a small HTTP proxy in front of moto that can answer 503 SlowDown or stop listening,
to test retries and an object store that goes away mid-execution."""

import http.client
import os
import socket
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import botocore.session
import pytest

import literal_values

REPO = Path(__file__).resolve().parent.parent
KEY_ID, SECRET = "vane-e2e", "vane-e2e-secret"


def client(url: str):
    return botocore.session.get_session().create_client(
        "s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET)


@pytest.fixture(scope="session")
def s3_url(tmp_path_factory):
    url = os.environ.get("VANE_TEST_S3_URL")
    if url:
        yield url
        return
    directory = tmp_path_factory.mktemp("s3")
    env = dict(os.environ, VANE_S3_PYTHON=sys.executable)
    result = subprocess.run([str(REPO / "scripts/s3/start.sh"), str(directory)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    try:
        yield result.stdout.strip()
    finally:
        subprocess.run([str(REPO / "scripts/s3/stop.sh"), str(directory)], timeout=30)


@pytest.fixture
def bucket(s3_url):
    """A fresh bucket; outputs in s3:// are read from it through literal_values."""
    name = "vane-e2e-" + uuid.uuid4().hex[:16]
    s3 = client(s3_url)
    s3.create_bucket(Bucket=name)

    def read(uri, is_directory):
        parsed = urlparse(uri)
        key = parsed.path.lstrip("/")
        if not is_directory:
            return s3.get_object(Bucket=parsed.netloc, Key=key)["Body"].read()
        prefix = key.rstrip("/") + "/"
        listed = s3.list_objects_v2(Bucket=parsed.netloc, Prefix=prefix).get("Contents", [])
        return {item["Key"][len(prefix):]: s3.get_object(Bucket=parsed.netloc, Key=item["Key"])["Body"].read()
                for item in listed}

    literal_values.object_reader = read
    try:
        yield name
    finally:
        literal_values.object_reader = None


def storage_args(endpoint: str, bucket: str, prefix: str = "vane") -> list:
    return ["--storage", f"s3://{bucket}/{prefix}", "--s3-endpoint", endpoint]


def storage_env(**extra) -> dict:
    return dict(os.environ, AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET, **extra)


class FaultProxy:
    """Forwards HTTP requests to `target`. `fail_next(n)` answers the next n with 503 SlowDown;
    `go_down_after(predicate)` makes it drop every connection unanswered (as a store that went
    away) from a chosen request on, until `come_back()`. Counts `requests`, `failed`, `dropped`."""

    def __init__(self, target: str):
        parsed = urlparse(target)
        self.target = (parsed.hostname, parsed.port)
        self.lock = threading.Lock()
        self.to_fail = 0
        self.requests = 0
        self.failed = 0
        self.port = 0
        self.server = None
        self.thread = None
        self.down = False
        self.dropped = 0
        self.trigger = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail_next(self, count: int):
        with self.lock:
            self.to_fail = count

    def start(self):
        proxy = self
        self.down = False

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                body = self.read_body()
                if proxy.down:  # the store is "down": drop the connection unanswered
                    with proxy.lock:
                        proxy.dropped += 1
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                with proxy.lock:
                    proxy.requests += 1
                    fail = proxy.to_fail > 0
                    if fail:
                        proxy.to_fail -= 1
                        proxy.failed += 1
                if fail:
                    payload = (b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>SlowDown</Code>"
                               b"<Message>Please reduce your request rate.</Message></Error>")
                    self.send_response(503)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    return
                connection = http.client.HTTPConnection(*proxy.target, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "transfer-encoding"}
                headers["Content-Length"] = str(len(body))
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                        self.send_header(name, value)
                length = response.getheader("Content-Length") if self.command == "HEAD" else str(len(payload))
                self.send_header("Content-Length", length or "0")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
                connection.close()
                trigger = proxy.trigger
                if trigger and trigger(self.command, self.path):
                    proxy.trigger = None
                    proxy.down = True

            def read_body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            self.rfile.readline()
                            return b"".join(chunks)
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

        class Server(ThreadingHTTPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def go_down_after(self, predicate):
        """Drops every request after the first one for which predicate(method, path) is true
        has been answered, until `come_back()`."""
        self.trigger = predicate

    def come_back(self):
        self.down = False

    def stop(self):
        self.down = True
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
