"""Adaptive Cards and the Teams manifest, as the Teams tests make them.

Behavioural tests call `check_card` / `check_manifest`: a quick check of the shape and of the
layout rules (layout.py) that needs no outside file, and a note of the card for the schema
tests. Only test_schemas.py reads the official schemas (Adaptive Cards 1.5, Teams manifest
1.16, via tests/specs.py) and checks every card and manifest noted in the session against
them, after every other test has run."""

import copy
import json
from functools import cache
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator

from tests.adapters.teams.layout import layout_problems
from tests.specs import load_spec

CARD_SCHEMA = "microsoft__AdaptiveCards/schemas/1.5.0/adaptive-card.json"
MANIFEST_SCHEMA = "microsoft__json-schemas/teams/v1.16/MicrosoftTeams.schema.json"
TEAMS_ONLY = ("msteams",)
"""Teams' own card properties: allowed, and stripped before checking against the schema."""
SEEN_CARDS: dict[str, dict[str, Any]] = {}
SEEN_MANIFESTS: dict[str, dict[str, Any]] = {}


def _note(seen: dict[str, dict[str, Any]], document: dict[str, Any]) -> None:
    key = json.dumps(document, sort_keys=True)
    seen.setdefault(key, copy.deepcopy(document))


def check_card(card: dict[str, Any]) -> None:
    """An Adaptive Card by its shape and layout rules (tests/adapters/teams/layout.py); noted
    for the schema check."""
    assert card.get("type") == "AdaptiveCard", card.get("type")
    assert card.get("version") == "1.5", card.get("version")
    assert isinstance(card.get("body", []), list) and isinstance(card.get("actions", []), list)
    assert not (found := layout_problems(card)), (found, json.dumps(card)[:200])
    _note(SEEN_CARDS, card)


def note_cards(cards: list[dict[str, Any]]) -> None:
    """Cards a test sent without checking them itself: their layout checked, and noted for
    the schema check."""
    for card in cards:
        assert not (found := layout_problems(card)), (found, json.dumps(card)[:200])
        _note(SEEN_CARDS, card)


def check_manifest(manifest: dict[str, Any]) -> None:
    """A Teams app manifest by its shape; noted for the schema check."""
    assert manifest.get("manifestVersion") and manifest.get("bots"), "not a bot's manifest"
    _note(SEEN_MANIFESTS, manifest)


@cache
def _card_validator() -> Draft6Validator:
    return Draft6Validator(load_spec(CARD_SCHEMA))


@cache
def _manifest_validator() -> Draft4Validator:
    return Draft4Validator(load_spec(MANIFEST_SCHEMA))


def card_problems(card: dict[str, Any]) -> list[str]:
    """Where the card breaks the Adaptive Cards 1.5 schema (empty: valid)."""
    checked = copy.deepcopy(card)
    for key in TEAMS_ONLY:
        checked.pop(key, None)
    errors = sorted(_card_validator().iter_errors(checked), key=lambda e: list(e.path))
    return [f"{list(e.path)}: {e.message[:300]}" for e in errors[:5]]


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    errors = list(_manifest_validator().iter_errors(manifest))
    return [f"{list(e.path)}: {e.message[:300]}" for e in errors[:5]]


def spec_activity(relative: str) -> dict[str, Any]:
    """A real activity from the official samples (a test using one needs the specs)."""
    return load_spec(relative)
