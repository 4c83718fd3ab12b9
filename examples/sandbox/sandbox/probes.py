"""Tasks that try to cross the sandbox's boundaries and report what happened."""

import os
import socket

from flytekit import Resources, task, workflow


def _attempt(action) -> str:
    try:
        action()
        return "allowed"
    except OSError:
        return "denied"


def _read(path: str):
    with open(path, "rb") as handle:
        handle.read(1)


def _write(path: str):
    with open(path, "w") as handle:
        handle.write("escaped\n")


@task
def probe(data_dir: str, other_execution: str, home_file: str, outside: str) -> str:
    """One `name=allowed|denied` per boundary, plus whether the task's own directory is writable."""
    results = {
        "database": _attempt(lambda: _read(os.path.join(data_dir, "vane.db"))),
        "other_execution": _attempt(lambda: os.listdir(other_execution)),
        "home": _attempt(lambda: _read(home_file)),
        "system": _attempt(lambda: _write("/usr/vane-sandbox-probe")),
        # /tmp is the task's own: the write succeeds there and never reaches the real path.
        "outside": _attempt(lambda: _write(outside)),
        "work_dir": _attempt(lambda: _write(os.path.join(os.getcwd(), "mine.txt"))),
    }
    return " ".join(f"{name}={result}" for name, result in results.items())


@task
def connect(port: int) -> str:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        return "connected"
    except OSError as error:
        return f"refused: {error.strerror}"


@task(limits=Resources(mem="600Mi"))
def hog(megabytes: int) -> int:
    block = bytearray(megabytes << 20)
    return len(block) >> 20


@workflow
def boundaries(data_dir: str, other_execution: str, home_file: str, outside: str) -> str:
    return probe(data_dir=data_dir, other_execution=other_execution, home_file=home_file, outside=outside)


@workflow
def network(port: int) -> str:
    return connect(port=port)


@workflow
def memory(megabytes: int) -> int:
    return hog(megabytes=megabytes)


@task
def greedy(megabytes: int) -> int:
    """Allocates `megabytes` with no resources of its own: its limit comes from the server
    (a TASK_RESOURCE matchable attribute), if any."""
    block = bytearray(megabytes << 20)
    return len(block) >> 20


@workflow
def unbounded(megabytes: int) -> int:
    return greedy(megabytes=megabytes)
