"""Answers report cards the way a person would: fill the inputs, press the buttons."""

import uuid
from collections.abc import Iterator
from typing import Any

from tests.adapters.teams.harness import Teams

Card = dict[str, Any]


def walk(elements: list[Card]) -> Iterator[Card]:
    for element in elements:
        yield element
        for key in ("items", "columns", "inlines"):
            if isinstance(element.get(key), list):
                yield from walk(element[key])


def inputs(card: Card) -> list[Card]:
    return [e for e in walk(card.get("body", [])) if str(e.get("type", "")).startswith("Input.")]


def action(card: Card, verb: str) -> Card | None:
    return next((a for a in card.get("actions", []) if a.get("verb") == verb), None)


def texts(card: Card) -> str:
    parts = []
    for element in walk(card.get("body", [])):
        for key in ("text", "label", "value", "title"):
            if isinstance(element.get(key), str):
                parts.append(element[key])
        for fact in element.get("facts", []):
            parts.extend([fact["title"], fact["value"]])
    return "\n".join(parts)


class Filler:
    """Default answers that pass validation; text answers carry unique planted strings."""

    def __init__(self, chosen: dict[str, str] | None = None) -> None:
        self.chosen = chosen or {}
        self.planted: list[str] = []

    def answer(self, step: str, field: str, card: Card) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for element in inputs(card):
            kind, key = element["type"], element["id"]
            if step in self.chosen:
                values[key] = self.chosen[step]
            elif kind == "Input.ChoiceSet":
                options = [c["value"] for c in element["choices"]]
                values[key] = "no" if "no" in options else options[0]
            elif kind == "Input.Date":
                values[key] = "2026-03-13"
            elif kind == "Input.Time":
                values[key] = "09:30"
            elif field == "initials":
                values[key] = "AB"
            else:
                plant = f"plant{uuid.uuid4().hex[:12]}"
                self.planted.append(plant)
                limit = element.get("maxLength", 500)
                values[key] = f"{plant} was noted in the session"[:limit]
        return values


async def complete_report(teams: Teams, user: str, card: Card, form_id: str,
                          filler: Filler) -> Card:
    """From the first question to the receipt; returns the receipt card."""
    for _ in range(40):
        if action(card, "report.submit"):
            response = await teams.press(user, "report.submit", {}, form_id)
            return response["value"]
        next_button = action(card, "report.answer")
        assert next_button, texts(card)
        step = next_button["data"]["step"]
        data = {**next_button["data"], **filler.answer(step, next_button["data"]["field"], card)}
        response = await teams.press(user, "report.answer", data, form_id)
        assert response["type"] == "application/vnd.microsoft.card.adaptive", response
        card = response["value"]
        again = action(card, "report.answer")
        assert again is None or again["data"]["step"] != step, texts(card)  # no error shown
    raise AssertionError("the flow did not reach the review")


def all_actions(card: Card) -> Iterator[Card]:
    """Every action on a card: its own, those in ActionSets, and inside ShowCards."""
    pending = list(card.get("actions", []))
    pending += [a for e in walk(card.get("body", [])) if e.get("type") == "ActionSet"
                for a in e["actions"]]
    for found in pending:
        yield found
        if found.get("type") == "Action.ShowCard":
            yield from all_actions(found["card"])


def execute_action(card: Card, verb: str) -> Card | None:
    """The Action.Execute with this verb anywhere on the card (ShowCard forms included)."""
    return next((a for a in all_actions(card) if a.get("verb") == verb), None)


def show_card_inputs(card: Card, verb: str) -> list[Card]:
    """The inputs of the ShowCard form whose button sends `verb`."""
    for found in all_actions(card):
        inner = found.get("card") if found.get("type") == "Action.ShowCard" else None
        if inner and any(a.get("verb") == verb for a in inner.get("actions", [])):
            return inputs(inner)
    return []
