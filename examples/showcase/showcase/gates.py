"""Gate nodes: a timed sleep, a signal carrying a typed input, and an approval.

Locally flytekit reads the signal value and the approval from stdin, e.g.
`printf '5\\ny\\n' | python -c 'from showcase.gates import gated; print(gated())'`.
"""

import datetime

from flytekit import approve, sleep, task, wait_for_input, workflow


@task
def propose(x: int) -> int:
    return x * 100


@task
def settle(proposal: int, bonus: int) -> int:
    return proposal + bonus


@workflow
def gated(x: int = 1) -> int:
    pause = sleep(datetime.timedelta(seconds=1))
    bonus = wait_for_input("bonus", timeout=datetime.timedelta(hours=1), expected_type=int)
    proposal = propose(x=x)
    pause >> proposal
    approved = approve(proposal, "approve-proposal", timeout=datetime.timedelta(hours=2))
    return settle(proposal=approved, bonus=bonus)


if __name__ == "__main__":
    print(gated())
