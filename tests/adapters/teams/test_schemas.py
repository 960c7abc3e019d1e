"""Every Adaptive Card and Teams manifest the tests made, checked against the official schemas
(tests/specs.py says where they are). Missing schemas: these skip, saying so, or fail when
SAFEGUARD_REQUIRE_SPECS=1 (as in CI); the behavioural tests run in full either way."""

import json
from zoneinfo import ZoneInfo

import pytest

from adapters.teams.notification_cards import (
    alert_card,
    channel_greeting_card,
    refusal_card,
    welcome_card,
)
from bot.access import Action
from bot.kinds import load_kinds
from bot.notifications import AlertMessage
from bot.refusals import no_such_report
from tests.adapters.teams.schemas import (
    CARD_SCHEMA,
    MANIFEST_SCHEMA,
    SEEN_CARDS,
    SEEN_MANIFESTS,
    card_problems,
    manifest_problems,
)
from tests.conftest import AFTER_EVERYTHING, ROOT
from tests.specs import load_spec, specs_required

OTHERS = ("tests/adapters/teams/", "tests/security/test_teams")
"""Where the tests that note cards live (their cards are checked here, after them)."""


def test_the_official_schemas_are_there() -> None:
    for relative in (CARD_SCHEMA, MANIFEST_SCHEMA):
        assert load_spec(relative).get("$schema"), relative


def test_the_schemas_catch_a_broken_card_and_manifest() -> None:
    assert card_problems({"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "Nope"}]})
    manifest = json.loads((ROOT / "manifest" / "teams" / "manifest.json").read_text())
    assert manifest_problems({**manifest, "manifestVersion": 7})


def test_cards_and_the_manifest_made_here_are_valid() -> None:
    """Enough to mean something when this file runs alone."""
    alert = AlertMessage("SG-2026-0001", "Safeguarding concern", "high",
                         "2026-03-14T10:00:00+00:00")
    refused = no_such_report("SG-2026-0001", Action.VIEW_DETAILS)
    for card in (alert_card(alert, ZoneInfo("Europe/London")),
                 welcome_card("Example", load_kinds()), channel_greeting_card(),
                 refusal_card(refused)):
        assert card_problems(card) == [], json.dumps(card)[:300]
    manifest = json.loads((ROOT / "manifest" / "teams" / "manifest.json").read_text())
    assert manifest_problems(manifest) == []


@pytest.mark.after_everything
def test_every_card_and_manifest_the_teams_tests_made_is_valid(request: pytest.FixtureRequest
                                                               ) -> None:
    others = [item for item in request.session.items
              if item.nodeid.startswith(OTHERS) and item.get_closest_marker(AFTER_EVERYTHING)
              is None and not item.nodeid.startswith("tests/adapters/teams/test_schemas.py")]
    if not others:
        pytest.skip("no Teams test ran in this session: nothing of theirs to check")
    if not (SEEN_CARDS or SEEN_MANIFESTS):
        assert not specs_required(), "Teams tests ran, yet not one card was noted"
        pytest.skip("the Teams tests that ran made no cards")
    problems = {key[:200]: card_problems(card) for key, card in SEEN_CARDS.items()}
    problems.update({key[:200]: manifest_problems(m) for key, m in SEEN_MANIFESTS.items()})
    assert {key: found for key, found in problems.items() if found} == {}
