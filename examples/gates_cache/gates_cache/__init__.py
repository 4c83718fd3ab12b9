"""Gate nodes and the data cache, for Vane's end-to-end tests (e2e/test_gates.py, e2e/test_cache.py).

Modules: gates (sleep, typed signals, approvals, a gate that times out), cache (cached tasks that
log each real run to a file, a serialized cached task, ignored inputs).
"""
