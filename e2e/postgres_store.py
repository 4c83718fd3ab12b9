"""The admin store for e2e servers: SQLite by default; PostgreSQL when VANE_E2E_ADMIN_STORE=postgres.

With postgres, VANE_TEST_POSTGRES_URL names the server (make test starts one with
scripts/postgres/start.sh); each `vane serve` gets a fresh database and a --config file.
"""

import os
import subprocess
import uuid
from pathlib import Path

from conftest import REPO


def store_kind() -> str:
    return os.environ.get("VANE_E2E_ADMIN_STORE", "sqlite")


def serve_config_args(data_dir: Path) -> list:
    """Extra `vane serve` arguments for the selected store (none for SQLite)."""
    if store_kind() != "postgres":
        return []
    url = os.environ.get("VANE_TEST_POSTGRES_URL")
    if not url:
        raise RuntimeError("VANE_E2E_ADMIN_STORE=postgres needs VANE_TEST_POSTGRES_URL (scripts/postgres/start.sh)")
    database = "vane_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", url, "-q", "-c", f"CREATE DATABASE {database}"], check=True, capture_output=True)
    base = url.rsplit("/", 1)[0]
    config = Path(data_dir) / "vane-serve.yaml"
    config.write_text(f"admin_store:\n  kind: postgres\n  postgres:\n    url: {base}/{database}\n")
    return ["--config", str(config)]


class Cluster:
    """A throwaway cluster from scripts/postgres/start.sh, stopped with stop()."""

    def __init__(self, directory: Path):
        self.directory = directory
        result = subprocess.run([str(REPO / "scripts" / "postgres" / "start.sh"), str(directory)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"scripts/postgres/start.sh failed: {result.stderr}")
        self.url = (directory / "url").read_text().strip()

    def stop(self):
        subprocess.run([str(REPO / "scripts" / "postgres" / "stop.sh"), str(self.directory)], check=False)
