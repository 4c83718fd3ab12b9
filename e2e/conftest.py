"""Shared fixtures for Vane's end-to-end tests (run: .venv/bin/python -m pytest e2e).

The vane binary comes from $VANE_BIN (relative paths are taken from the repository root),
default `.build/debug/vane`.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MESSAGE_FIXTURES = REPO / "Tests" / "FlyteIDLTests" / "Fixtures"
PACKAGE_FIXTURES = REPO / "Tests" / "Fixtures" / "packages"


def manifest_entries():
    """The message fixtures' manifest (see scripts/fixtures/make_fixtures.py)."""
    return json.loads((MESSAGE_FIXTURES / "manifest.json").read_text())


@pytest.fixture(scope="session")
def vane_bin() -> Path:
    path = Path(os.environ.get("VANE_BIN", ".build/debug/vane"))
    if not path.is_absolute():
        path = REPO / path
    if not os.access(path, os.X_OK):
        pytest.fail(f"vane binary not found at {path}: run `swift build` or set VANE_BIN")
    return path


class Vane:
    """Runs the vane binary and returns the finished process (text stdout/stderr)."""

    def __init__(self, binary: Path):
        self.binary = binary

    def __call__(self, *args, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.binary), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=REPO
        )


@pytest.fixture(scope="session")
def vane(vane_bin) -> Vane:
    return Vane(vane_bin)


@pytest.fixture(scope="session")
def showcase_package(tmp_path_factory) -> Path:
    """A fast-registration package of examples/showcase, built for this test session (~2 s),
    so the end-to-end runs always use the examples' current code."""
    from runs import build_package

    return build_package("showcase", tmp_path_factory.mktemp("packages") / "showcase-fast.tgz")


@pytest.fixture(scope="session")
def ray_cluster():
    """The two-node Ray cluster of the Ray tests (see ray_cluster.py), once per session."""
    from ray_cluster import start_or_reuse

    cluster, stop = start_or_reuse()
    try:
        yield cluster
    finally:
        stop()


@pytest.fixture(scope="session")
def ray_package(tmp_path_factory) -> Path:
    """A fast-registration package of examples/raycluster, built for this test session."""
    from runs import build_package

    return build_package("raycluster", tmp_path_factory.mktemp("packages") / "raycluster-fast.tgz")
