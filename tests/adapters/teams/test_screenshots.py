"""The screenshots' cards (`make screenshots`, scripts/screenshots): the Python side only, so
this needs neither Chromium nor npm. Every main kind of card is there, each is a valid Adaptive
Card, nobody's name is in them, and docs/screenshots/ has a picture of each."""

import json
from functools import cache
from typing import Any

from bot.app import load_all
from scripts.screenshots.__main__ import CONFIG, index
from scripts.screenshots.catalogue import Shot, shots
from tests.adapters.teams.schemas import card_problems, check_card
from tests.conftest import ROOT

MAIN_KINDS = {"welcome", "start", "question", "emergency", "review", "receipt", "alert",
              "acknowledged", "details", "case", "form", "checkin"}
DOCS = ROOT / "docs" / "screenshots"


@cache
def _shots() -> tuple[Shot, ...]:
    return tuple(shots(*load_all(CONFIG)))


def _actions(element: Any) -> list[dict[str, Any]]:
    """Every action anywhere in a card, inside show cards too."""
    found: list[dict[str, Any]] = []
    if isinstance(element, dict):
        if str(element.get("type", "")).startswith("Action."):
            found.append(element)
        for value in element.values():
            found += _actions(value)
    elif isinstance(element, list):
        for value in element:
            found += _actions(value)
    return found


def test_the_screenshots_cover_every_main_kind_of_card() -> None:
    found = _shots()
    assert MAIN_KINDS - {tag for shot in found for tag in shot.tags} == set()
    names = [shot.name for shot in found]
    assert len(names) == len(set(names))
    assert all(name.replace("-", "").isalnum() and name.islower() for name in names)


def test_every_card_to_be_drawn_has_the_shape_of_an_adaptive_card() -> None:
    for shot in _shots():
        check_card(shot.card)


def test_every_card_to_be_drawn_is_valid_against_the_official_schema() -> None:
    problems = {shot.name: card_problems(shot.card) for shot in _shots()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_a_form_to_open_first_is_a_button_on_its_card() -> None:
    expanding = [shot for shot in _shots() if shot.expand]
    assert expanding
    for shot in expanding:
        titles = [a.get("title") for a in _actions(shot.card) if a["type"] == "Action.ShowCard"]
        assert shot.expand in titles, (shot.name, titles)


def test_no_card_names_anybody() -> None:
    config, _flows = load_all(CONFIG)
    names = [person.name for person in config.people]
    for shot in _shots():
        text = json.dumps(shot.card)
        assert [name for name in names if name in text] == [], shot.name


def test_docs_have_a_picture_of_every_card_and_list_them() -> None:
    """Adding a card to the catalogue means running `make screenshots` (and committing)."""
    found = _shots()
    missing = [shot.name for shot in found if not (DOCS / f"{shot.name}.png").is_file()]
    assert missing == []
    listed = (DOCS / "README.md").read_text(encoding="utf-8")
    assert listed == index(list(found))
