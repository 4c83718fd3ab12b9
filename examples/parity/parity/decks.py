"""Decks: a task with `enable_deck=True` writes `deck.html` beside its outputs."""

import flytekit
from flytekit import task, workflow


@task(enable_deck=True)
def report(title: str) -> int:
    flytekit.Deck("summary", f"<h2>{title}</h2><p>parity deck</p>")
    return len(title)


@workflow
def with_deck(title: str = "Quarterly") -> int:
    return report(title=title)
