
Õ
USER:RuntimeError≠Trace:

    Traceback (most recent call last):
      File "/repo/.venv/lib/python3.11/site-packages/flytekit/core/base_task.py", line 767, in dispatch_execute
        native_outputs = self.execute(**native_inputs)
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      File "/repo/.venv/lib/python3.11/site-packages/flytekit/core/python_function_task.py", line 214, in execute
        return self._task_function(**kwargs)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      File "/repo/examples/showcase/showcase/failures.py", line 12, in maybe_fail
        raise ValueError(f"asked to fail on {x}")
    ValueError: asked to fail on 1

Message:

    ValueError: asked to fail on 1 *ÄÅ»¨