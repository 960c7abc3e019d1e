"""One small input modal per case action (static selects for the fixed vocabulary, a date
picker for a referral's date, plain text inputs for what people write), and reading what was
submitted back out of the view state."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.fields import MAX_INPUT_LENGTH, OPTION_TEXT
from adapters.slack.text import clip
from adapters.slack.views import plain, title
from bot.cases.vocabulary import Agency, ClosureOutcome, Decision, ReferralOutcome
from bot.followup.wording import MAX_QUESTION

MAX_REFERENCE = 40
APPEND_ONLY = "Added to the record as a new entry; entries are never edited afterwards."
ASK_HINT = ("The reporter gets a direct message saying only that you have a question about "
            "this report; they read it and answer in a private window. Both are added to the "
            "case, and you are told when the answer arrives.")


@dataclass(frozen=True)
class Form:
    title: str
    submit: str
    default_block: str
    """Where a problem is shown unless a word in it points at another field."""
    error_words: tuple[tuple[str, str], ...] = ()


FORMS: dict[str, Form] = {
    "note": Form("Add a note", "Add note", ids.CASE_TEXT),
    "decide": Form("Record a decision", "Record", ids.CASE_TEXT,
                   (("is not a decision", ids.CASE_CODE), ("agency", ids.CASE_AGENCY))),
    "refer": Form("Record a referral", "Record", ids.CASE_AGENCY,
                  (("date", ids.CASE_DATE), ("agency", ids.CASE_AGENCY))),
    "outcome": Form("Referral outcome", "Record", ids.CASE_REFERRAL,
                    (("is not an outcome", ids.CASE_CODE),)),
    "assign": Form("Assign the case", "Assign", ids.CASE_PERSON),
    "link": Form("Link a report", "Link", ids.CASE_OTHER),
    "ask": Form("Ask the reporter", "Send question", ids.CASE_TEXT),
    "close": Form("Close the case", "Close case", ids.CASE_CODE,
                  (("reason is needed", ids.CASE_TEXT),)),
    "reopen": Form("Reopen the case", "Reopen", ids.CASE_TEXT),
}


@dataclass(frozen=True)
class FormContext:
    reference: str
    today: date
    referrals: Sequence[tuple[int, str]] = ()
    people: Sequence[tuple[str, str]] = ()
    """(person id, label) of those the case can be assigned to."""


def _options(pairs: Iterable[tuple[str, str]]) -> list[Option]:
    return [Option(value=value, text=plain(clip(text, OPTION_TEXT), OPTION_TEXT))
            for value, text in list(pairs)[:100]]


def _select(block: str, label: str, pairs: Iterable[tuple[str, str]], optional: bool = False,
            hint: str | None = None) -> InputBlock:
    return InputBlock(block_id=block, label=plain(label, 2000), optional=optional,
                      hint=plain(hint, 2000) if hint else None,
                      element=StaticSelectElement(action_id=ids.VALUE, options=_options(pairs),
                                                  placeholder=plain("Choose…", 150)))


class Labelled(Protocol):
    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


def _enum(members: Iterable[Labelled]) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in members]


def _text(block: str, label: str, optional: bool = False, multiline: bool = True,
          hint: str | None = None, max_length: int = MAX_INPUT_LENGTH) -> InputBlock:
    return InputBlock(block_id=block, label=plain(label, 2000), optional=optional,
                      hint=plain(hint, 2000) if hint else None,
                      element=PlainTextInputElement(action_id=ids.VALUE, multiline=multiline,
                                                    max_length=max_length))


def _inputs(key: str, context: FormContext) -> list[Block]:
    agencies = _enum(Agency)
    if key == "note":
        return [_text(ids.CASE_TEXT, "Note", hint=APPEND_ONLY)]
    if key == "decide":
        return [_select(ids.CASE_CODE, "Decision", _enum(Decision)),
                _select(ids.CASE_AGENCY, "Agency (if the decision is about one)", agencies,
                        optional=True, hint="E.g. 'Decided not to refer' with the ICO."),
                _text(ids.CASE_TEXT, "Reasons", hint=APPEND_ONLY)]
    if key == "refer":
        return [_select(ids.CASE_AGENCY, "Referred to", agencies),
                InputBlock(block_id=ids.CASE_DATE, label=plain("Date of the referral", 2000),
                           element=DatePickerElement(action_id=ids.VALUE,
                                                     initial_date=context.today.isoformat())),
                _text(ids.CASE_THEIRS, "Their reference", optional=True, multiline=False,
                      max_length=200),
                _text(ids.CASE_TEXT, "What was passed on", optional=True)]
    if key == "outcome":
        return [_select(ids.CASE_REFERRAL, "Which referral",
                        [(str(n), f"#{n} {text}") for n, text in context.referrals]),
                _select(ids.CASE_CODE, "What they decided", _enum(ReferralOutcome)),
                _text(ids.CASE_TEXT, "Note", optional=True)]
    if key == "assign":
        return [_select(ids.CASE_PERSON, "Assign to", context.people,
                        hint="They are told in a direct message (no details)."),
                _text(ids.CASE_TEXT, "Reason", optional=True)]
    if key == "link":
        return [_text(ids.CASE_OTHER, "The other report's reference", multiline=False,
                      max_length=MAX_REFERENCE),
                _text(ids.CASE_TEXT, "Why they are related", optional=True)]
    if key == "ask":
        return [_text(ids.CASE_TEXT, "Your question to the reporter", hint=ASK_HINT,
                      max_length=MAX_QUESTION)]
    if key == "close":
        return [_select(ids.CASE_CODE, "Outcome", _enum(ClosureOutcome),
                        hint="Refused while a statutory clock is still running."),
                _text(ids.CASE_TEXT, "Reason for closing")]
    return [_text(ids.CASE_TEXT, "Reason for reopening",
                  hint="The closure stays in the record as it was; this adds a new entry.")]


def form_view(key: str, context: FormContext) -> View:
    """The form for one case action. Its private_metadata carries the reference only: the case
    view it refreshes is the one the bot opened for the person who submits it."""
    form = FORMS[key]
    blocks: list[Block] = [
        ContextBlock(elements=[plain(f"{context.reference} · private: only people handling "
                                     "this case see it", 200)]),
        *_inputs(key, context),
    ]
    metadata = json.dumps({"ref": context.reference}, separators=(",", ":"))
    return View(type="modal", callback_id=f"{ids.CASE_FORM}{key}", title=title(form.title),
                submit=plain(form.submit, 24), close=plain("Cancel", 24),
                private_metadata=metadata, blocks=blocks)


def form_key(callback_id: object) -> str | None:
    key = str(callback_id or "").removeprefix(ids.CASE_FORM)
    return key if key in FORMS and str(callback_id).startswith(ids.CASE_FORM) else None


def form_target(metadata: object) -> str | None:
    """The reference a form's private_metadata names (None if unreadable)."""
    try:
        found = json.loads(metadata) if isinstance(metadata, str) else {}
    except ValueError:
        return None
    ref = found.get("ref") if isinstance(found, dict) else None
    return ref[:MAX_REFERENCE] if isinstance(ref, str) and ref else None


def error_block(key: str, message: str) -> str:
    form = FORMS[key]
    lowered = message.lower()
    return next((block for word, block in form.error_words if word in lowered),
                form.default_block)


# -- reading what was submitted -----------------------------------------------------------


def _element(values: dict[str, Any], block: str) -> dict[str, Any]:
    found = (values.get(block) or {}).get(ids.VALUE) if isinstance(values, dict) else None
    return found if isinstance(found, dict) else {}


def typed(values: dict[str, Any], block: str) -> str | None:
    value = _element(values, block).get("value")
    return value if isinstance(value, str) else None


def chosen(values: dict[str, Any], block: str) -> str | None:
    option = _element(values, block).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


class BadDate(ValueError):
    """The date picker's value is not a date (a forged or broken payload)."""


def picked_date(values: dict[str, Any], block: str) -> date | None:
    value = _element(values, block).get("selected_date")
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadDate("Choose a date from the calendar.") from None
