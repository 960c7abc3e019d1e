"""Developer scripts, not part of the installed bot (e.g. `python -m scripts.screenshots`)."""
