"""StructuredDataset end to end: pandas → parquet → a downstream task reading a column subset."""

import typing

import pandas as pd
from flytekit import kwtypes, task, workflow
from flytekit.types.structured import StructuredDataset

Subset = typing.Annotated[StructuredDataset, kwtypes(name=str, score=float)]


@task
def make_scores(n: int) -> StructuredDataset:
    frame = pd.DataFrame(
        {"name": [f"p{i}" for i in range(n)], "score": [i * 1.5 for i in range(n)], "secret": list(range(n))}
    )
    return StructuredDataset(dataframe=frame)


@task
def summarize(scores: Subset) -> typing.Tuple[typing.List[str], float]:
    frame = scores.open(pd.DataFrame).all()
    return sorted(frame.columns.tolist()), float(frame["score"].sum())


@workflow
def scores(n: int = 4) -> typing.Tuple[typing.List[str], float]:
    return summarize(scores=make_scores(n=n))
