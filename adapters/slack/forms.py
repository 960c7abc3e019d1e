"""The core's forms as Slack modals (slack_sdk.models), and a submitted modal's values back.

Each input is an input block whose block id is the input's id; its element's action id is
always `value`. The form's interaction id is the modal's callback id, and its arguments ride
in private_metadata (the core checks everything again on submit)."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    DatePickerElement,
    DateTimePickerElement,
    InputBlock,
    InputInteractiveElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from adapters.slack.cards import TITLE, plain, render_block
from adapters.slack.text import clip
from bot.ui.cards import unrenderable
from bot.ui.forms import Form, Input

VALUE = "value"
OPTION = 75
MAX_OPTIONS = 100
MAX_TEXT = 3000
RADIO_AT_MOST = 5
"""Up to this many choices show as radio buttons; more as a menu."""


def _options(found: Input) -> list[Option]:
    return [Option(value=c.value, text=plain(clip(c.label, OPTION), OPTION),
                   description=plain(c.description, OPTION) if c.description else None)
            for c in found.options[:MAX_OPTIONS]]


def _initial(options: list[Option], found: Input) -> list[Option]:
    wanted = found.initial if isinstance(found.initial, tuple) else (found.initial,)
    return [o for o in options if o.value in wanted]


def _choice(found: Input) -> InputInteractiveElement:
    options = _options(found)
    initial = next(iter(_initial(options, found)), None)
    if found.kind == "yes_no" or (found.kind == "choice" and len(options) <= RADIO_AT_MOST):
        return RadioButtonsElement(action_id=VALUE, options=options, initial_option=initial)
    return StaticSelectElement(action_id=VALUE, options=options, initial_option=initial,
                               placeholder=plain(found.shown_placeholder or "", 150))


def _multi(found: Input) -> InputInteractiveElement:
    options = _options(found)
    return StaticMultiSelectElement(action_id=VALUE, options=options,
                                    initial_options=_initial(options, found) or None,
                                    placeholder=plain(found.shown_placeholder or "", 150))


def _checkbox(found: Input) -> InputInteractiveElement:
    options = _options(found)
    return CheckboxesElement(action_id=VALUE, options=options,
                             initial_options=_initial(options, found) or None)


def _initial_text(found: Input) -> str | None:
    return found.initial if isinstance(found.initial, str) and found.initial else None


def _date(found: Input) -> InputInteractiveElement:
    return DatePickerElement(action_id=VALUE, initial_date=_initial_text(found))


def _datetime(found: Input) -> InputInteractiveElement:
    initial = _initial_text(found)
    moment = int(datetime.fromisoformat(initial).timestamp()) if initial else None
    return DateTimePickerElement(action_id=VALUE, initial_date_time=moment)


def _text(found: Input) -> InputInteractiveElement:
    placeholder = found.shown_placeholder
    return PlainTextInputElement(
        action_id=VALUE, multiline=found.kind == "long_text", initial_value=_initial_text(found),
        max_length=min(found.max_length or MAX_TEXT, MAX_TEXT),
        placeholder=plain(placeholder, 150) if placeholder else None)


_ELEMENTS: dict[str, Callable[[Input], InputInteractiveElement]] = {
    "choice": _choice, "yes_no": _choice, "person": _choice, "multi_choice": _multi,
    "checkbox": _checkbox, "date": _date, "datetime": _datetime, "text": _text,
    "long_text": _text,
}


def _element(found: Input, zone: ZoneInfo) -> InputInteractiveElement:
    """One core input as a Block Kit element; an unknown kind is a programming error."""
    renderer = _ELEMENTS.get(found.kind)
    if renderer is None:
        raise unrenderable(found)
    return renderer(found)


def input_block(found: Input, zone: ZoneInfo) -> InputBlock:
    return InputBlock(block_id=found.id, label=plain(found.label, 2000),
                      hint=plain(found.hint, 2000) if found.hint else None,
                      optional=not found.required, element=_element(found, zone))


def metadata(form: Form) -> str:
    return "&".join(f"{key}={value}" for key, value in form.args)


def form_view(form: Form, zone: ZoneInfo) -> View:
    blocks: list[Block] = [out for block in form.intro for out in render_block(block)]
    blocks += [input_block(found, zone) for found in form.inputs]
    return View(type="modal", callback_id=form.action, title=plain(form.title, TITLE),
                submit=plain(form.submit, TITLE), close=plain(form.cancel, TITLE),
                private_metadata=metadata(form), blocks=blocks)


def errors(form: Form) -> dict[str, str]:
    """Slack's response_action "errors": a message under each input that has one."""
    return {found.id: clip(found.error, 300) for found in form.inputs if found.error}


def submitted(view: dict[str, Any], zone: ZoneInfo) -> dict[str, object]:
    """What was typed or chosen, by input id (text, a list of values, or None)."""
    state = (view.get("state") or {}).get("values") or {}
    found: dict[str, object] = {}
    for block_id, elements in state.items() if isinstance(state, dict) else ():
        element = elements.get(VALUE) if isinstance(elements, dict) else None
        if isinstance(element, dict):
            found[str(block_id)] = _value(element, zone)
    return found


def _value(element: dict[str, Any], zone: ZoneInfo) -> object:
    kind = element.get("type")
    if kind in ("radio_buttons", "static_select"):
        chosen = element.get("selected_option")
        return chosen.get("value") if isinstance(chosen, dict) else None
    if kind in ("checkboxes", "multi_static_select"):
        picked = element.get("selected_options") or []
        return [str(o.get("value")) for o in picked if isinstance(o, dict)]
    if kind == "datepicker":
        return element.get("selected_date")
    if kind == "datetimepicker":
        epoch = element.get("selected_date_time")
        if isinstance(epoch, int) and not isinstance(epoch, bool):
            return datetime.fromtimestamp(epoch, UTC).astimezone(zone).isoformat(
                timespec="minutes")  # exact, whatever zone the person picked it in
        return None
    value = element.get("value")
    return value if isinstance(value, str) else None
