"""Launch plans mapped over lists (flytekit's `map_task` over a LaunchPlan: an ArrayNode whose
items are child executions), with a fixed input and a concurrency limit, and with failing items
under a min_success_ratio. flytekit 1.16 cannot run these locally (its local ArrayNode gets a
promise, not the list), so the tests compute the expected outputs."""

from typing import List, Optional

from flytekit import map_task, workflow

from nested.plans import at_most_five, triple
from nested.tasks import total


@workflow
def tripled(xs: List[int]) -> List[int]:
    """triple(x) for every x, two child executions at a time (factor is fixed at 3)."""
    return map_task(triple, concurrency=2)(x=xs)


@workflow
def sum_tripled(xs: List[int]) -> int:
    """The sum of the mapped launch plan's outputs, read by a downstream task."""
    return total(values=map_task(triple)(x=xs))


@workflow
def mostly_small(xs: List[int]) -> List[Optional[int]]:
    """at_most_five(x) for every x; x > 5 fails its child, and half the items may fail."""
    return map_task(at_most_five, min_success_ratio=0.5)(x=xs)
