"""Answers report cards the way a person would: fill the inputs, press the buttons."""

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
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


def verb_of(found: Card) -> str | None:
    """An Action.Execute's verb, or the verb in an Action.Submit's data."""
    data = found.get("data")
    return found.get("verb") or (data.get("verb") if isinstance(data, dict) else None)


def action(card: Card, verb: str) -> Card | None:
    """The card's button with this verb: among its own actions or in an ActionSet row."""
    return next((a for a in all_actions(card) if verb_of(a) == verb), None)


def opens_dialog(found: Card) -> bool:
    """An Action.Submit that Teams turns into `task/fetch` (it opens a dialog)."""
    return found.get("type") == "Action.Submit" and found["data"].get("msteams") == {
        "type": "task/fetch"}


def dialog_card(response: Card | None) -> Card:
    """The card a dialog shows, from a task/fetch or task/submit response."""
    assert response and response.get("task", {}).get("type") == "continue", response
    return response["task"]["value"]["card"]["content"]


def closing(response: Card | None) -> str:
    """The message a dialog closes with."""
    assert response and response.get("task", {}).get("type") == "message", response
    return str(response["task"]["value"])


def sent_bodies(teams: Teams, start: int = 0) -> str:
    """Every activity the bot sent to the connector (posted or edited), as one string."""
    return json.dumps([record.body for record in teams.connector.records[start:]])


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

    def __init__(self, chosen: dict[str, str] | None = None, day: str = "2026-03-13",
                 clock: str = "09:30") -> None:
        self.chosen = chosen or {}
        self.planted: list[str] = []
        self.day, self.clock = day, clock

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
                values[key] = self.day
            elif kind == "Input.Time":
                values[key] = self.clock
            elif field == "initials":
                values[key] = "AB"
            else:
                plant = f"plant{uuid.uuid4().hex[:12]}"
                self.planted.append(plant)
                limit = element.get("maxLength", 500)
                values[key] = f"{plant} was noted in the session"[:limit]
        return values


@dataclass
class Finished:
    said: str
    """The message the dialog closed with."""
    shown: list[Card]
    """Cards the bot sent to the chat (posted or edited in) when the report was sent."""

    @property
    def card(self) -> Card:
        """The card the chat shows now: the receipt (or the completed record's notice)."""
        assert self.shown, self.said
        return self.shown[-1]


async def fill_in(teams: Teams, user: str, card: Card, filler: Filler) -> Card:
    """Answer every question in the dialog; returns the review card."""
    for _ in range(40):
        if action(card, "report.submit"):
            return card
        next_button = action(card, "report.answer")
        assert next_button and next_button["type"] == "Action.Submit", texts(card)
        step = next_button["data"]["step"]
        data = {**next_button["data"], **filler.answer(step, next_button["data"]["field"], card)}
        card = dialog_card(await teams.submit(user, data))
        again = action(card, "report.answer")
        assert again is None or again["data"]["step"] != step, texts(card)  # no error shown
    raise AssertionError("the flow did not reach the review")


async def complete_report(teams: Teams, user: str, card: Card, filler: Filler) -> Finished:
    """From a question in the dialog to sending the report from the review."""
    review = await fill_in(teams, user, card, filler)
    before = len(teams.connector.records)
    said = closing(await teams.submit(user, action(review, "report.submit")["data"]))
    shown = [c for record in teams.connector.records[before:] for c in record.cards]
    return Finished(said, shown)


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
    return next((a for a in all_actions(card) if verb_of(a) == verb), None)


def show_card_inputs(card: Card, verb: str) -> list[Card]:
    """The inputs of the ShowCard form whose button sends `verb`."""
    for found in all_actions(card):
        inner = found.get("card") if found.get("type") == "Action.ShowCard" else None
        if inner and any(verb_of(a) == verb for a in inner.get("actions", [])):
            return inputs(inner)
    return []
