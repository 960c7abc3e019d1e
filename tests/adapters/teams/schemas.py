"""The official schemas (Adaptive Cards 1.5, Teams manifest) from the shared specs folder."""

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft6Validator

ROOT = Path(__file__).resolve().parents[3]
CARD_SCHEMA = "microsoft__AdaptiveCards/schemas/1.5.0/adaptive-card.json"
MANIFEST_SCHEMA = "microsoft__json-schemas/teams/v1.16/MicrosoftTeams.schema.json"
TEAMS_ONLY = ("msteams",)
"""Teams' own card properties: allowed, and stripped before checking against the schema."""


def specs_dir() -> Path:
    return Path(os.environ.get("SAFEGUARD_SPECS_DIR") or ROOT.parent / "shared" / "specs")


def _load(relative: str) -> dict[str, Any]:
    path = specs_dir() / relative
    if not path.is_file():
        pytest.skip(f"{path} is absent: set SAFEGUARD_SPECS_DIR to the shared specs folder")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _card_validator() -> Draft6Validator:
    return Draft6Validator(_load(CARD_SCHEMA))


@cache
def _manifest_validator() -> Draft4Validator:
    return Draft4Validator(_load(MANIFEST_SCHEMA))


def assert_valid_card(card: dict[str, Any]) -> None:
    checked = copy.deepcopy(card)
    for key in TEAMS_ONLY:
        checked.pop(key, None)
    errors = sorted(_card_validator().iter_errors(checked), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:5])


def assert_valid_manifest(manifest: dict[str, Any]) -> None:
    errors = list(_manifest_validator().iter_errors(manifest))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:5])


def spec_activity(relative: str) -> dict[str, Any]:
    return _load(relative)
