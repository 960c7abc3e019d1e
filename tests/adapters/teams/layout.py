"""Layout rules for the Adaptive Cards we send, beyond the schema: what people would notice.

- No row of buttons is wider than the row budget given its titles (Teams cuts each title that
  does not fit with an ellipsis): a card's own actions are one row, each ActionSet is one row.
- Every Input.ChoiceSet has a placeholder (never a blank box to guess at)."""

from collections.abc import Iterator
from typing import Any

from adapters.teams.card_kit import BUTTON_ALLOWANCE, ROW_BUDGET

Card = dict[str, Any]


def _elements(items: list[Card]) -> Iterator[Card]:
    for element in items:
        yield element
        for key in ("items", "body"):
            yield from _elements(element.get(key) or [])
        for column in element.get("columns") or []:
            yield from _elements(column.get("items") or [])
        for found in element.get("actions") or []:
            if isinstance(found.get("card"), dict):
                yield from _cards(found["card"])


def _cards(card: Card) -> Iterator[Card]:
    """The card as an element (its own actions are a row), then everything inside it."""
    yield card
    yield from _elements(card.get("body") or [])
    for found in card.get("actions") or []:
        if isinstance(found.get("card"), dict):
            yield from _cards(found["card"])


def _row_problem(actions: list[Card]) -> str | None:
    titles = [str(a.get("title", "")) for a in actions]
    width = sum(len(title) + BUTTON_ALLOWANCE for title in titles)
    if len(titles) > 1 and width > ROW_BUDGET:
        return f"a row of buttons {width} wide (budget {ROW_BUDGET}): {titles}"
    return None


def layout_problems(card: Card) -> list[str]:
    """What breaks the layout rules (empty: none)."""
    problems = []
    for element in _cards(card):
        kind = element.get("type")
        if kind in ("AdaptiveCard", "ActionSet") and element.get("actions"):
            problems.append(_row_problem(element["actions"]))
        if kind == "Input.ChoiceSet" and not str(element.get("placeholder") or "").strip():
            problems.append(f"a list of options without a placeholder: {element.get('id')}")
    return [problem for problem in problems if problem]
