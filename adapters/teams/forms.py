"""The core's forms as Adaptive Card 1.5 inputs, one renderer per input kind, the send button,
and the values read back. Labels, hints and errors are the core's; nothing typed is read as
markdown.

Each input's Adaptive Card id is the core input's id; a date and time is two inputs (Teams has
no single one), the time's id ending in TIME_SUFFIX. The send button is an Action.Execute whose
verb is the form's interaction id and whose data carries the form's arguments and SUBMITTED
(the same verb on a button opens the form)."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from adapters.teams.card_kit import Element, execute, words
from bot.ui.cards import unrenderable
from bot.ui.forms import CHOOSE, Form, Input

MAX_TEXT = 5000
TIME_SUFFIX = ".time"
SUBMITTED = "submitted"
"""In a form's send data: the press submits the form (the same verb on a button opens it)."""
RADIO_AT_MOST = 6
"""Up to this many choices show expanded (radio buttons); more as a menu."""
_STYLE = {"danger": "destructive", "primary": "positive"}


def _base(found: Input, kind: str) -> Element:
    element: Element = {"type": kind, "id": found.id, "label": found.label,
                        "isRequired": found.required}
    if found.required:
        element["errorMessage"] = found.error or found.label
    if found.shown_placeholder:
        element["placeholder"] = found.shown_placeholder
    return element


def _set(element: Element, value: object) -> list[Element]:
    if isinstance(value, tuple):
        value = ",".join(value)
    if isinstance(value, str) and value:
        element["value"] = value
    return [element]


def _text(found: Input) -> list[Element]:
    element = _base(found, "Input.Text")
    element["isMultiline"] = found.kind == "long_text"
    element["maxLength"] = min(found.max_length or MAX_TEXT, MAX_TEXT)
    return _set(element, found.initial)


def _choices(found: Input, *, many: bool = False, expanded: bool = False) -> list[Element]:
    element = _base(found, "Input.ChoiceSet")
    element["choices"] = [{"title": c.label, "value": c.value} for c in found.options]
    element["style"] = "expanded" if expanded else "compact"
    element["wrap"] = True
    element["placeholder"] = found.shown_placeholder or CHOOSE  # yes/no too: never blank
    if many:
        element["isMultiSelect"] = True
    return _set(element, found.initial)


def _choice(found: Input) -> list[Element]:
    return _choices(found, expanded=len(found.options) <= RADIO_AT_MOST)


def _checkbox(found: Input) -> list[Element]:
    """One box to tick (a confirmation) is a toggle; several are a list to tick."""
    if len(found.options) != 1:
        return _choices(found, many=True, expanded=True)
    [option] = found.options
    return [{"type": "Input.Toggle", "id": found.id, "title": option.label,
             "valueOn": option.value, "valueOff": "", "value": ""}]


def _day_and_time(initial: object) -> tuple[str, str]:
    """A date-time the core wrote (ISO, in the zone it is to be read in) as date and time."""
    try:
        moment = datetime.fromisoformat(initial) if isinstance(initial, str) else None
    except ValueError:
        moment = None
    return (f"{moment:%Y-%m-%d}", f"{moment:%H:%M}") if moment else ("", "")


def _date(found: Input) -> list[Element]:
    day = found.initial[:10] if isinstance(found.initial, str) else None
    return _set(_base(found, "Input.Date"), day)


def _datetime(found: Input) -> list[Element]:
    day, clock = _day_and_time(found.initial)
    time: Element = {"type": "Input.Time", "id": found.id + TIME_SUFFIX,
                     "label": "Time (24-hour)", "isRequired": found.required}
    return [*_set(_base(found, "Input.Date"), day), *_set(time, clock)]


_INPUTS: dict[str, Callable[[Input], list[Element]]] = {
    "text": _text, "long_text": _text, "choice": _choice, "person": _choice,
    "yes_no": lambda found: _choices(found, expanded=True),
    "multi_choice": lambda found: _choices(found, many=True),
    "checkbox": _checkbox, "date": _date, "datetime": _datetime,
}


def render_input(found: Input) -> list[Element]:
    """One core input as Adaptive Card inputs; an unknown kind is a programming error."""
    renderer = _INPUTS.get(found.kind)
    if renderer is None:
        raise unrenderable(found)
    return renderer(found)


def input_elements(found: Input) -> list[Element]:
    """After a problem the core's message, then the input, then its hint."""
    shown = [words(found.error, colour="attention")] if found.error else []
    shown += render_input(found)
    return shown + ([words(found.hint, subtle=True)] if found.hint else [])


def inputs(form: Form) -> list[Element]:
    return [element for found in form.inputs for element in input_elements(found)]


def send(form: Form, style: str | None = None) -> Element:
    """The button that sends the form's values to its interaction."""
    return execute(form.submit, form.action, {**form.arguments, SUBMITTED: "1"}, inputs=True,
                   style=_STYLE.get(style or ""))


def submitted(data: dict[str, Any]) -> dict[str, Any]:
    """The values as the core reads them: a date-time's date and time joined into one."""
    values = {key: value for key, value in data.items() if key != SUBMITTED}
    for key in [k for k in data if k.endswith(TIME_SUFFIX)]:
        day = str(data.get(key.removesuffix(TIME_SUFFIX)) or "").strip()
        values[key.removesuffix(TIME_SUFFIX)] = f"{day} {str(data[key] or '').strip()}".strip()
        del values[key]
    return values
