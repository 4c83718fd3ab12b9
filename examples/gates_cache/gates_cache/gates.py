"""Gate nodes: a timed sleep, typed signals and an approval, and a gate that times out.

Locally flytekit asks for signal values and approvals on stdin.
"""

import datetime

from flytekit import approve, sleep, task, wait_for_input, workflow


@task
def propose(x: int) -> int:
    return x * 10


@task
def settle(proposal: int, bonus: int, note: str) -> str:
    return f"{note}:{proposal + bonus}"


@workflow
def gated(x: int = 2) -> str:
    """Sleeps 2 s before proposing; waits for `bonus` (int) and `note` (str); the proposal needs
    the approval `ok`."""
    pause = sleep(datetime.timedelta(seconds=2))
    bonus = wait_for_input("bonus", timeout=datetime.timedelta(minutes=10), expected_type=int)
    note = wait_for_input("note", timeout=datetime.timedelta(minutes=10), expected_type=str)
    proposal = propose(x=x)
    pause >> proposal
    approved = approve(proposal, "ok", timeout=datetime.timedelta(minutes=10))
    return settle(proposal=approved, bonus=bonus, note=note)


@workflow
def impatient() -> int:
    """Waits at most 2 s for `never`, then fails."""
    return wait_for_input("never", timeout=datetime.timedelta(seconds=2), expected_type=int)


@task
def add(a: int, b: int) -> int:
    return a + b


@workflow
def relay(offset: int = 0) -> int:
    """Waits for `go` (int) and adds `offset`."""
    go = wait_for_input("go", timeout=datetime.timedelta(minutes=10), expected_type=int)
    return add(a=go, b=offset)
