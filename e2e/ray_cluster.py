"""The Ray cluster of the end-to-end tests: $VANE_TEST_RAY_ADDRESS and $VANE_TEST_RAY_DIR when
set (make test starts one with scripts/ray/start.sh for the whole test run), else a two-node
cluster started here once per test session and stopped at its end however it ends."""

import json
import os
import re
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from runs import REPO, VENV

SCRIPTS = REPO / "scripts" / "ray"


@dataclass
class RayCluster:
    address: str  # the job API, http://127.0.0.1:PORT
    directory: Path  # what scripts/ray/start.sh was given

    def job(self, submission_id: str):
        """The job's details from the job API, or None when the cluster has no such job."""
        try:
            with urllib.request.urlopen(f"{self.address}/api/jobs/{submission_id}", timeout=10) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def jobs_of(self, execution_name: str) -> dict:
        """The jobs Vane submitted for an execution, by readable attempt id (the submission id
        without its identity digest; the job's own `submission_id` is the whole id)."""
        with urllib.request.urlopen(f"{self.address}/api/jobs/", timeout=30) as response:
            jobs = json.load(response)
        return {
            re.sub(r"-[0-9a-f]{32}$", "", job["submission_id"]): job for job in jobs
            if (job.get("metadata") or {}).get("vane.execution", "").endswith("/" + execution_name)
        }

    def stop_job(self, submission_id: str):
        request = urllib.request.Request(f"{self.address}/api/jobs/{submission_id}/stop", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass

    def node_ids(self) -> set:
        """The ids of the cluster's live nodes (from `ray list nodes`)."""
        result = subprocess.run(
            [str(VENV / "bin" / "ray"), "list", "nodes", "--format", "json", "--address", self.address],
            capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return {node["node_id"] for node in json.loads(result.stdout) if node["state"] == "ALIVE"}

    def kill_worker(self):
        subprocess.run([str(SCRIPTS / "node.sh"), str(self.directory), "kill-worker"], check=True, timeout=60)

    def start_worker(self):
        subprocess.run([str(SCRIPTS / "node.sh"), str(self.directory), "start-worker"], check=True, timeout=180)

    @property
    def gcs(self) -> str:
        return (self.directory / "gcs").read_text().strip()


def start_or_reuse():
    """(cluster, stop): the cluster to use and a function that stops it if it was started here."""
    address, directory = os.environ.get("VANE_TEST_RAY_ADDRESS"), os.environ.get("VANE_TEST_RAY_DIR")
    if address and directory:
        return RayCluster(address, Path(directory)), lambda: None
    # Short: Ray's socket paths under it must fit in 107 characters.
    directory = Path(tempfile.mkdtemp(prefix="vray-", dir="/tmp"))

    def stop():
        subprocess.run([str(SCRIPTS / "stop.sh"), str(directory)], timeout=120)
        subprocess.run(["rm", "-rf", str(directory)], timeout=60)

    result = subprocess.run([str(SCRIPTS / "start.sh"), str(directory), str(VENV)], capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        stop()
        raise RuntimeError(f"scripts/ray/start.sh failed:\n{result.stderr}")
    return RayCluster(result.stdout.strip(), directory), stop
