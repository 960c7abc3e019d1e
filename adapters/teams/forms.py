"""The core's forms as Adaptive Card inputs (1.5): one element per input kind, and the
Action.Execute that sends the values (its verb is the form's interaction id, its data the
form's arguments). Labels and errors are the core's; nothing typed is read as markdown."""

from adapters.teams.card_kit import Element, execute, plain
from bot.ui.forms import Form, Input

MAX_TEXT = 5000
_STYLE = {"danger": "destructive", "primary": "positive"}


def _choice(found: Input) -> Element:
    element: Element = {"type": "Input.ChoiceSet", "style": "compact", "wrap": True,
                        "isMultiSelect": found.kind == "multi_choice",
                        "choices": [{"title": c.label, "value": c.value}
                                    for c in found.options]}
    if found.shown_placeholder:
        element["placeholder"] = found.shown_placeholder
    return element


def _element(found: Input) -> Element:
    if found.kind in ("choice", "multi_choice", "person", "yes_no", "checkbox"):
        element = _choice(found)
    elif found.kind == "date":
        element = {"type": "Input.Date"}
    else:
        element = {"type": "Input.Text", "isMultiline": found.kind == "long_text",
                   "maxLength": min(found.max_length or MAX_TEXT, MAX_TEXT)}
        if found.placeholder:
            element["placeholder"] = found.placeholder
    initial = found.initial
    if isinstance(initial, tuple):
        initial = ",".join(initial)
    if initial:
        element["value"] = initial
    return element


def input_elements(found: Input) -> list[Element]:
    """The input, its hint, and (after a problem) the core's message under it."""
    element = {**_element(found), "id": found.id, "label": found.label,
               "isRequired": found.required}
    if found.required:
        element["errorMessage"] = found.label
    out = [element]
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
