"""The smallest Vane demo: one workflow of three tasks."""
