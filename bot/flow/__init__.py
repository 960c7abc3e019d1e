"""Guided flows: their definition (from YAML), answer parsing, and the step-by-step runner."""
