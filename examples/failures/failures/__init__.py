"""Failure handling and recovery examples for Vane's end-to-end tests (see ../README.md)."""
