"""Workflows the console's browser tests drive (e2e/test_console.py)."""
