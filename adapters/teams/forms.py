"""The core's forms as Adaptive Cards 1.5, one renderer per input kind.

Each input's Adaptive Card id is the core input's id; a date and time is two inputs (Teams has
no single one), the time's id ending in TIME_SUFFIX. The send button is an Action.Execute whose
verb is the form's interaction id and whose data carries the form's arguments. Labels, hints and
errors are the core's; nothing typed is read as markdown."""

from collections.abc import Callable
from typing import Any

from adapters.teams.card_kit import Element, card, execute, plain
from bot.ui.cards import unrenderable
from bot.ui.forms import Form, Input

MAX_TEXT = 5000
TIME_SUFFIX = ".time"
RADIO_AT_MOST = 5
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


def _text(found: Input) -> list[Element]:
    element = _base(found, "Input.Text")
    element["isMultiline"] = found.kind == "long_text"
    element["maxLength"] = min(found.max_length or MAX_TEXT, MAX_TEXT)
    if isinstance(found.initial, str) and found.initial:
        element["value"] = found.initial
    return [element]


def _choices(found: Input, *, many: bool = False, expanded: bool = False) -> list[Element]:
    element = _base(found, "Input.ChoiceSet")
    element["choices"] = [{"title": c.label, "value": c.value} for c in found.options]
    element["style"] = "expanded" if expanded else "compact"
    element["wrap"] = True
    if many:
        element["isMultiSelect"] = True
    initial = found.initial if isinstance(found.initial, tuple) else (
        (found.initial,) if found.initial else ())
    if initial:
        element["value"] = ",".join(initial)
    return [element]


def _choice(found: Input) -> list[Element]:
    return _choices(found, expanded=len(found.options) <= RADIO_AT_MOST)


def _date(found: Input) -> list[Element]:
    element = _base(found, "Input.Date")
    if isinstance(found.initial, str) and found.initial:
        element["value"] = found.initial[:10]
    return [element]


def _datetime(found: Input) -> list[Element]:
    day = _date(found)[0]
    clock: Element = {"type": "Input.Time", "id": found.id + TIME_SUFFIX,
                      "label": "Time (24-hour)", "isRequired": found.required}
    if isinstance(found.initial, str) and len(found.initial) >= 16:
        clock["value"] = found.initial[11:16]
    return [day, clock]


_INPUTS: dict[str, Callable[[Input], list[Element]]] = {
    "text": _text, "long_text": _text, "choice": _choice, "person": _choice,
    "yes_no": lambda found: _choices(found, expanded=True),
    "multi_choice": lambda found: _choices(found, many=True),
    "checkbox": lambda found: _choices(found, many=True, expanded=True),
    "date": _date, "datetime": _datetime,
}


def render_input(found: Input) -> list[Element]:
    """One core input as Adaptive Card inputs; an unknown kind is a programming error."""
    renderer = _INPUTS.get(found.kind)
    if renderer is None:
        raise unrenderable(found)
    return renderer(found)


def input_elements(found: Input) -> list[Element]:
    """The input, its hint, and (after a problem) the core's message under it."""
    out = render_input(found)
    if found.hint:
        out.append({"type": "TextBlock", "text": found.hint, "wrap": True, "isSubtle": True,
                    "size": "small"})
    if found.error:
        out.append(plain(found.error, colour="attention"))
    return out


def inputs(form: Form) -> list[Element]:
    return [element for found in form.inputs for element in input_elements(found)]


def send(form: Form, style: str | None = None) -> Element:
    """The button that sends the form's values to its interaction."""
    return execute(form.submit, form.action, form.arguments, inputs=True,
                   style=_STYLE.get(style or ""))


def form_card(form: Form) -> Element:
    """A form on its own card (a dialog): its introduction, its inputs, its send button."""
    from adapters.teams.cards import render_block  # cards renders forms through this module

    body = [out for block in form.intro for out in render_block(block)]
    return card([*body, *inputs(form)], [send(form, "primary")])


def submitted(form: Form, data: dict[str, Any]) -> dict[str, object]:
    """What was typed or chosen, by input id (text, a list of values, or None)."""
    found: dict[str, object] = {}
    for item in form.inputs:
        value = data.get(item.id)
        text = value.strip() if isinstance(value, str) else ""
        if item.kind in ("multi_choice", "checkbox"):
            found[item.id] = [v for v in text.split(",") if v]
        elif item.kind == "datetime":
            clock = data.get(item.id + TIME_SUFFIX)
            found[item.id] = f"{text} {clock}" if text and isinstance(clock, str) and clock \
                else None
        else:
            found[item.id] = text or None
    return found
