"""Workflows for e2e/test_serve_remote.py: FlyteRemote against `vane serve`."""
