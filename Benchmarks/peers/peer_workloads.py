"""No-op chain and fan-out workloads for each peer, timed in-process.

Usage: python peer_workloads.py PEER SHAPE N
Prints one JSON object: {"peer", "shape", "tasks", "seconds", "durable"}.
`seconds` is the wall time of running the workflow (imports, definitions and any server
start are excluded and reported as `setup_seconds`).
"""

import json
import os
import sys
import tempfile
import time


def run_prefect(shape, n):
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="prefect-home-"))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect import flow, task

    @task
    def noop(x):
        return x

    @task
    def reduce_all(xs):
        return len(xs)

    @flow
    def chain(count: int):
        future = noop.submit(0)
        for _ in range(count - 1):
            future = noop.submit(future)
        return future.result()

    @flow
    def fanout(count: int):
        futures = [noop.submit(i) for i in range(count)]
        return reduce_all.submit(futures).result()

    @flow
    def warm():
        return noop.submit(0).result()

    warm()  # starts the temporary API server outside the timed part
    body = chain if shape == "chain" else fanout
    start = time.perf_counter()
    body(n)
    return time.perf_counter() - start, True


def run_dagster(shape, n):
    from typing import List

    from dagster import DagsterInstance, In, job, op

    @op
    def source():
        return 0

    @op
    def noop(x):
        return x

    @op(ins={"xs": In(List[int])})
    def reduce_all(xs):
        return len(xs)

    if shape == "chain":

        @job
        def workload():
            value = source()
            for index in range(n - 1):
                value = noop.alias(f"n{index}")(value)

    else:

        @job
        def workload():
            start = source()
            reduce_all([noop.alias(f"n{index}")(start) for index in range(n)])

    with tempfile.TemporaryDirectory(prefix="dagster-home-") as home:
        instance = DagsterInstance.local_temp(home)  # SQLite run and event storage on disk
        begin = time.perf_counter()
        result = workload.execute_in_process(instance=instance)
        elapsed = time.perf_counter() - begin
        assert result.success
    return elapsed, True


def run_flytekit(shape, n):
    # flytekit wants tasks and workflows at module level: the module reads its size from the
    # environment when imported.
    os.environ["PEER_SHAPE"], os.environ["PEER_N"] = shape, str(n)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import flytekit_workload

    begin = time.perf_counter()
    flytekit_workload.workload(x=1)
    return time.perf_counter() - begin, False  # local run: in memory, not durable


RUNNERS = {"prefect": run_prefect, "dagster": run_dagster, "flytekit": run_flytekit}


def main():
    peer, shape, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    setup_start = time.perf_counter()
    seconds, durable = RUNNERS[peer](shape, n)
    tasks = n + (1 if shape == "fanout" else 0)
    total = time.perf_counter() - setup_start
    print(json.dumps({
        "peer": peer, "shape": shape, "tasks": tasks, "seconds": seconds,
        "setup_seconds": total - seconds, "durable": durable,
    }))


if __name__ == "__main__":
    main()
