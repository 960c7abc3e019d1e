"""The built-in guided flows, as YAML data files beside this module."""

from pathlib import Path

BUILTIN_FLOW_DIR = Path(__file__).parent
