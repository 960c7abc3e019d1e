"""Async repositories: every query the core makes, one module per table family."""
