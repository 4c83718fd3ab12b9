"""One workflow holding every node kind that runs locally without input: task, branch,
inline subworkflow, launch plan, array (map) node and a sleep gate. Signal and approval gates
are in `showcase.gates`."""

import datetime
import functools
import typing

from flytekit import conditional, map_task, sleep, workflow

from showcase.basics import add, square
from showcase.maps import power
from showcase.plans import add_ten
from showcase.subworkflows import square_then_add


@workflow
def all_nodes(x: int = 2, xs: typing.List[int] = [1, 2, 3]) -> typing.Tuple[int, int, int, typing.List[int], int]:
    pause = sleep(datetime.timedelta(seconds=1))
    first = square(x=x)
    pause >> first
    branched = conditional("big").if_(x > 10).then(add(a=first, b=1)).else_().then(square(x=first))
    sub = square_then_add(x=x, y=first)
    planned = add_ten(a=sub)
    mapped = map_task(functools.partial(power, exponent=3))(x=xs)
    return first, branched, sub, mapped, planned


if __name__ == "__main__":
    print(all_nodes())
