
„
USER:Recoverable¬Trace:

    Traceback (most recent call last):
      File "/repo/.venv/lib/python3.11/site-packages/flytekit/core/base_task.py", line 767, in dispatch_execute
        native_outputs = self.execute(**native_inputs)
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      File "/repo/.venv/lib/python3.11/site-packages/flytekit/core/python_function_task.py", line 214, in execute
        return self._task_function(**kwargs)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      File "/repo/examples/showcase/showcase/basics.py", line 61, in flaky_once
        raise FlyteRecoverableException("first attempt fails on purpose")
    flytekit.exceptions.user.FlyteRecoverableException: USER:Recoverable: error=first attempt fails on purpose

Message:

    FlyteRecoverableException: USER:Recoverable: error=first attempt fails on purpose *ÄÅ»¨