"""The `vane serve` suites (test_serve.py, test_serve_cli.py, test_serve_remote.py,
test_serve_crash.py) with the admin store on PostgreSQL.

Uses VANE_TEST_POSTGRES_URL when set (make test), else starts a throwaway cluster with
scripts/postgres/start.sh. The suites run in a child pytest with VANE_E2E_ADMIN_STORE=postgres,
so every server they start gets a fresh database and a --config file naming it.
"""

import os
import signal
import subprocess
import sys
import time
import tempfile
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from postgres_store import Cluster

pytestmark = pytest.mark.skipif(os.environ.get("VANE_E2E_ADMIN_STORE") == "postgres",
                                reason="already running the postgres variant")


@pytest.fixture(scope="module")
def postgres_url(tmp_path_factory):
    url = os.environ.get("VANE_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    began = time.monotonic()
    # Not under pytest's temporary root: the `postgres` user must be able to reach it.
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="vane-pg-", dir="/tmp")))
    print(f"PostgreSQL cluster started in {time.monotonic() - began:.1f} s")
    yield cluster.url
    cluster.stop()


def test_serve_suites_pass_on_postgres(vane_bin, postgres_url):
    env = dict(os.environ, VANE_E2E_ADMIN_STORE="postgres", VANE_TEST_POSTGRES_URL=postgres_url,
               VANE_BIN=str(vane_bin))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "e2e/test_serve.py", "e2e/test_serve_cli.py",
         "e2e/test_serve_remote.py", "e2e/test_serve_crash.py"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


def test_registrations_land_in_postgres(vane_bin, postgres_url, tmp_path):
    from postgres_store import serve_config_args

    os.environ["VANE_E2E_ADMIN_STORE"] = "postgres"
    os.environ["VANE_TEST_POSTGRES_URL"] = postgres_url
    try:
        args = serve_config_args(tmp_path)
    finally:
        del os.environ["VANE_E2E_ADMIN_STORE"]
    database_url = (tmp_path / "vane-serve.yaml").read_text().split("url: ")[1].strip()
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(tmp_path / "data"), "--port", "0", "--http-port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert "ready in" in line, line + process.stderr.read()
        http_port = line.split("http://127.0.0.1:")[1].split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/metrics", timeout=5) as response:
            text = response.read().decode()
        assert "vane_workqueue_depth" in text and "vane_reconcile_round_duration" in text
        rows = subprocess.run(["psql", database_url, "-Atc", "SELECT id FROM admin_projects"],
                              capture_output=True, text=True, check=True).stdout.split()
        assert rows == ["flytesnacks"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0


def test_unreachable_postgres_exits_2_naming_it(vane_bin, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("admin_store:\n  kind: postgres\n  postgres:\n    port: 1\n    connect_timeout: 1s\n")
    result = subprocess.run([str(vane_bin), "serve", "--config", str(config), "--data-dir", str(tmp_path / "d"),
                             "--port", "0", "--http-port", "0"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "127.0.0.1:1" in result.stderr


def test_bad_config_exits_2_naming_key_and_line(vane_bin, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("server:\n  grpc_port: 1\nengine:\n  wrokers: 3\n")
    result = subprocess.run([str(vane_bin), "serve", "--config", str(config)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2
    assert f"{config}:4" in result.stderr and "engine.wrokers" in result.stderr
