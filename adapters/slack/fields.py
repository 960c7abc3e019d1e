"""One question as a Block Kit input, and a submitted input back into the runner's raw answer."""

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
    DateTimePickerElement,
    InputBlock,
    InputInteractiveElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    StaticMultiSelectElement,
    StaticSelectElement,
)

from adapters.slack import ids
from adapters.slack.text import clip
from bot.flow.answers import Raw
from bot.reporting import QUICK_CHOICE
from bot.ui import Question

OPTION_TEXT = 75
MAX_OPTIONS = 100
MAX_BUTTON_OPTIONS = 10
MAX_INPUT_LENGTH = 3000
LABEL = 2000
QUICK_DESCRIPTION = "A few questions now; the lead is alerted at once. Full report later."
PLACEHOLDER = 150


class UnreadableAnswer(ValueError):
    """The submitted state does not contain the input we sent (a forged or broken payload)."""


def input_block(question: Question, zone: ZoneInfo) -> InputBlock:
    return InputBlock(
        block_id=ids.question_block_id(question.step_id),
        label=PlainTextObject(text=clip(question.unmarked_prompt, LABEL)),
        hint=PlainTextObject(text=clip(question.help.strip(), LABEL)) if question.help else None,
        optional=not question.required,
        element=_element(question, zone),
    )


def _placeholder(question: Question) -> PlainTextObject | None:
    if not question.hint_in_box:
        return None
    return PlainTextObject(text=clip(question.hint_in_box, PLACEHOLDER))


def _options(question: Question) -> list[Option]:
    return [
        Option(value=o.value, text=PlainTextObject(text=clip(o.label, OPTION_TEXT)))
        for o in question.options[:MAX_OPTIONS]
    ]


def _described(options: list[Option]) -> list[Option]:
    """Radio buttons may say more under an option: what the quick alert is, in the chooser."""
    return [Option(value=o.value, text=o.to_dict()["text"]["text"],
                   description=PlainTextObject(text=QUICK_DESCRIPTION))
            if o.value == QUICK_CHOICE else o for o in options]


def _chosen(options: list[Option], values: list[str]) -> list[Option]:
    return [o for o in options if o.value in values]


def _element(q: Question, zone: ZoneInfo) -> InputInteractiveElement:
    current = q.current_value
    values = current if isinstance(current, list) else [current] if current else []
    if q.field_type in ("single_choice", "yes_no", "staff_member"):
        options = _options(q)
        initial = next(iter(_chosen(options, values)), None)
        if len(options) <= MAX_BUTTON_OPTIONS and q.field_type != "staff_member":
            return RadioButtonsElement(action_id=ids.ANSWER, options=_described(options),
                                       initial_option=initial)
        return StaticSelectElement(action_id=ids.ANSWER, options=options, initial_option=initial,
                                   placeholder=_placeholder(q))
    if q.field_type == "multi_choice":
        options = _options(q)
        initial_list = _chosen(options, values) or None
        if len(options) <= MAX_BUTTON_OPTIONS:
            return CheckboxesElement(action_id=ids.ANSWER, options=options,
                                     initial_options=initial_list)
        return StaticMultiSelectElement(action_id=ids.ANSWER, options=options,
                                        initial_options=initial_list,
                                        placeholder=_placeholder(q))
    if q.field_type == "date":
        return DatePickerElement(action_id=ids.ANSWER,
                                 initial_date=current if isinstance(current, str) and current
                                 else None,
                                 placeholder=_placeholder(q))
    if q.field_type == "datetime":
        initial_moment = None
        if isinstance(current, str) and current:
            initial_moment = int(datetime.fromisoformat(current).timestamp())
        return DateTimePickerElement(action_id=ids.ANSWER, initial_date_time=initial_moment)
    limit = min(q.max_length or MAX_INPUT_LENGTH, MAX_INPUT_LENGTH)
    return PlainTextInputElement(
        action_id=ids.ANSWER,
        multiline=q.field_type == "long_text",
        max_length=limit,
        initial_value=current if isinstance(current, str) and current else None,
        placeholder=_placeholder(q),
    )


def submitted_step(state_values: dict[str, Any]) -> str | None:
    """The step id of the question block in a submitted view's state, if there is one."""
    for block_id in state_values:
        step = ids.step_of_block(str(block_id))
        if step:
            return step
    return None


def raw_answer(state_values: dict[str, Any], step_id: str, zone: ZoneInfo) -> Raw:
    """Turn the submitted input for `step_id` into what the flow runner parses."""
    block = state_values.get(ids.question_block_id(step_id))
    value = block.get(ids.ANSWER) if isinstance(block, dict) else None
    if not isinstance(value, dict):
        raise UnreadableAnswer(f"no input for {step_id}")
    kind = value.get("type")
    if kind in ("radio_buttons", "static_select"):
        chosen = value.get("selected_option")
        return str(chosen["value"]) if isinstance(chosen, dict) and "value" in chosen else None
    if kind in ("checkboxes", "multi_static_select"):
        picked = value.get("selected_options") or []
        return [str(o["value"]) for o in picked if isinstance(o, dict) and "value" in o]
    if kind == "datepicker":
        return _text_or_none(value.get("selected_date"))
    if kind == "datetimepicker":
        return _local_text(value.get("selected_date_time"), zone)
    if kind == "plain_text_input":
        return _text_or_none(value.get("value"))
    raise UnreadableAnswer(f"unexpected input type {kind!r}")


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _local_text(epoch: object, zone: ZoneInfo) -> str | None:
    """Slack's datetimepicker gives epoch seconds; the runner reads local `YYYY-MM-DD HH:MM`."""
    if epoch is None or isinstance(epoch, bool):
        return None
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, OSError) as error:
        raise UnreadableAnswer("not a time") from error
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
