"""The benchmark harness: `python -m bench` (see bench/README.md). Never part of the tests."""
