"""flytekit's `Echo` task: Flyte's echo plugin hands the inputs back as outputs `o0`, `o1`, …
without starting a process."""

from flytekit import task, workflow
from flytekit.core.task import Echo

passthrough = Echo(name="parity.echoes.passthrough", inputs={"a": str})
pair = Echo(name="parity.echoes.pair", inputs={"word": str, "count": int})


@task
def repeat(word: str, count: int) -> str:
    return "-".join([word] * count)


@workflow
def echoed(a: str = "hello") -> str:
    return passthrough(a=a)


@workflow
def echoed_pair(word: str = "ab", count: int = 3) -> str:
    echoed_word, echoed_count = pair(word=word, count=count)
    return repeat(word=echoed_word, count=echoed_count)
