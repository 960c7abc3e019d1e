"""The core's forms as Adaptive Cards: one input element per input kind, and one submit button
(an Action.Execute whose verb is the form's interaction id, its data the form's arguments and,
with the card's inputs, what was typed). Errors are shown above the input they concern."""

from datetime import datetime
from typing import Any

from adapters.teams.card_kit import Element, card, execute, words
from adapters.teams.cards import render_block
from bot.ui.forms import Form, Input

TIME = ".time"
"""A date-time input is a date input (its id) and a time input (its id and this)."""
EXPANDED_AT_MOST = 6
SUBMITTED = "submitted"
"""In a form's submit data: the press submits the form (the same verb on a button opens it)."""


def _base(found: Input) -> Element:
    return {"id": found.id, "label": found.label, "isRequired": found.required}


def _set(element: Element, value: object) -> Element:
    if isinstance(value, tuple):
        value = ",".join(value)
    if isinstance(value, str) and value:
        element["value"] = value
    return element


def _choices(found: Input) -> Element:
    multi = found.kind == "multi_choice"
    element: Element = {
        "type": "Input.ChoiceSet", **_base(found), "isMultiSelect": multi, "wrap": True,
        "choices": [{"title": c.label, "value": c.value} for c in found.options],
        "style": "expanded" if multi or len(found.options) <= EXPANDED_AT_MOST else "compact"}
    if found.shown_placeholder and element["style"] == "compact":
        element["placeholder"] = found.shown_placeholder
    return _set(element, found.initial)


def _day_and_time(initial: object) -> tuple[str, str]:
    """A date-time the core wrote (ISO, in the zone it is to be read in) as date and time."""
    try:
        moment = datetime.fromisoformat(initial) if isinstance(initial, str) else None
    except ValueError:
        moment = None
    return (f"{moment:%Y-%m-%d}", f"{moment:%H:%M}") if moment else ("", "")


def _elements(found: Input) -> list[Element]:
    if found.kind in ("choice", "multi_choice", "yes_no", "person"):
        return [_choices(found)]
    if found.kind == "checkbox":
        option = found.options[0] if found.options else None
        return [{"type": "Input.Toggle", "id": found.id, "title": option.label if option
                 else found.label, "valueOn": option.value if option else "true",
                 "valueOff": "", "value": ""}]
    if found.kind == "date":
        return [_set({"type": "Input.Date", **_base(found)}, found.initial)]
    if found.kind == "datetime":
        day, clock = _day_and_time(found.initial)
        return [_set({"type": "Input.Date", **_base(found)}, day),
                _set({"type": "Input.Time", "id": found.id + TIME, "label": "Time (24-hour)",
                      "isRequired": found.required}, clock)]
    element: Element = {"type": "Input.Text", **_base(found),
                        "isMultiline": found.kind == "long_text"}
    if found.max_length:
        element["maxLength"] = found.max_length
    if found.shown_placeholder:
        element["placeholder"] = found.shown_placeholder
    return [_set(element, found.initial)]


def _input(found: Input) -> list[Element]:
    shown = [words(found.error, colour="attention")] if found.error else []
    shown += _elements(found)
    return shown + ([words(found.hint, subtle=True)] if found.hint else [])


def form_card(form: Form) -> Element:
    body = [out for block in form.intro for out in render_block(block)]
    body += [element for found in form.inputs for element in _input(found)]
    data = {**form.arguments, SUBMITTED: "1"}
    return card(body, [execute(form.submit, form.action, data, inputs=True, style="positive")])


def submitted(data: dict[str, Any]) -> dict[str, Any]:
    """The values as the core reads them: a date-time's date and time joined."""
    values = {key: value for key, value in data.items() if key != SUBMITTED}
    for key in [k for k in data if k.endswith(TIME)]:
        day = str(data.get(key.removesuffix(TIME)) or "").strip()
        values[key.removesuffix(TIME)] = f"{day} {str(data[key] or '').strip()}".strip()
    return values
