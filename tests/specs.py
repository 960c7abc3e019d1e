"""The official schemas and specs (Slack Web API and manifest, Adaptive Cards, Teams manifest,
Bot Framework activities) that checks of what we send are made against.

They live outside the repository: SAFEGUARD_SPECS_DIR names the folder (default: `shared/specs`
beside the checkout). Only tests of their own read them; a behavioural test never does, so it
never stops part-way when they are missing. Where they are missing, those tests skip, saying
so, unless SAFEGUARD_REQUIRE_SPECS=1 (CI sets it whenever the folder is there): then they
fail.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS_VARIABLE = "SAFEGUARD_SPECS_DIR"
REQUIRE_VARIABLE = "SAFEGUARD_REQUIRE_SPECS"


def specs_dir() -> Path:
    return Path(os.environ.get(SPECS_VARIABLE) or ROOT.parent / "shared" / "specs")


def specs_required() -> bool:
    return os.environ.get(REQUIRE_VARIABLE) == "1"


def spec_path(relative: str) -> Path:
    """The spec file, or a skip (a failure when specs are required) saying where to put it."""
    path = specs_dir() / relative
    if not path.is_file():
        message = f"{path} is absent: set {SPECS_VARIABLE} to the official specs folder"
        if specs_required():
            pytest.fail(message + f" ({REQUIRE_VARIABLE}=1 makes this a failure)")
        pytest.skip(message + f"; {REQUIRE_VARIABLE}=1 makes this a failure")
    return path


def load_spec(relative: str) -> dict[str, Any]:
    return json.loads(spec_path(relative).read_text(encoding="utf-8"))
