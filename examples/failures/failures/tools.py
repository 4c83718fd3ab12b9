"""Side effects the tests observe: a counter file that every task run appends a line to, and a
flag file whose presence makes a task fail."""

import os
import time


def count(counter: str, name: str) -> None:
    """Appends `name` to the counter file (one line per task run); '' counts nothing."""
    if counter:
        with open(counter, "a") as f:
            f.write(name + "\n")


def flagged(flag: str) -> bool:
    """True when the flag file exists."""
    return bool(flag) and os.path.exists(flag)


def pause(seconds: float) -> None:
    time.sleep(seconds)
