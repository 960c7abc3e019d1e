"""Case buttons (`case.*` Action.Execute verbs) to the core's case actions.

Every answer is an invoke response seen only by the person who pressed: the case card again,
with what was recorded or why nothing was (the core decides who may; a refusal or a problem
writes no entry). Nothing here posts a message, because the case card holds content."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Literal, Protocol

from adapters.teams import case_forms as forms
from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element
from adapters.teams.case_cards import (
    case_card,
    done_panel,
    downloads_panel,
    exports_off_panel,
    problem_panel,
)
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import refusal_card
from adapters.teams.turn import Turn
from bot.access import RECORD_KEEPERS, Action
from bot.actors import Actor
from bot.cases import actions, record
from bot.cases.entries import CaseProblem, CaseResult, refusal_text
from bot.cases.feedback import send_feedback
from bot.cases.record import CaseView
from bot.flow.answers import AnswerError, parse_date_text
from bot.followup.questions import ask_reporter
from bot.refusals import no_such_report

MAX_REFERENCE = 40
Writer = Callable[[Turn, str, dict[str, Any]], Awaitable[CaseResult]]


class ExportLinker(Protocol):
    """Makes short-lived personal download links (bot/cases/export_links.py)."""

    def link(self, actor: Actor, reference: str, fmt: Literal["json", "pdf"],
             now: datetime) -> str: ...


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


async def _note(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await actions.add_note(turn.runtime, turn.actor, reference, _text(data, forms.NOTE))


async def _decide(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await actions.record_decision(
        turn.runtime, turn.actor, reference, _text(data, forms.DECISION),
        _text(data, forms.DECISION_REASONS), _text(data, forms.DECISION_AGENCY) or None)


async def _refer(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    runtime = turn.runtime
    given = _text(data, forms.REFERRAL_DATE).strip()
    today = runtime.clock.now().astimezone(runtime.config.organisation.zone).date()
    try:
        on = parse_date_text(given, today) if given else None
    except AnswerError as error:
        raise CaseProblem(f"The referral's date: {error}") from None
    return await actions.record_referral(
        runtime, turn.actor, reference, _text(data, forms.REFERRAL_AGENCY), on,
        _text(data, forms.REFERRAL_THEIRS) or None, _text(data, forms.REFERRAL_NOTE) or None)


async def _outcome(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    number = _text(data, forms.OUTCOME_REFERRAL).strip().lstrip("#")
    if not number.isdigit() or len(number) > 9:
        raise CaseProblem("Choose which referral this outcome is for.")
    return await actions.record_referral_outcome(
        turn.runtime, turn.actor, reference, int(number), _text(data, forms.OUTCOME),
        _text(data, forms.OUTCOME_NOTE) or None)


async def _assign(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    person = _text(data, forms.ASSIGN_PERSON).strip()
    if not person:
        raise CaseProblem("Choose who should hold the case.")
    return await actions.assign(turn.runtime, turn.actor, reference, person,
                                _text(data, forms.ASSIGN_REASON) or None)


async def _link(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    other = _text(data, forms.LINK_OTHER).strip()[:MAX_REFERENCE]
    if not other:
        raise CaseProblem("Give the other report's reference, e.g. SG-2026-0002.")
    return await actions.link(turn.runtime, turn.actor, reference, other,
                              _text(data, forms.LINK_WHY) or None)


async def _close(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await actions.close(turn.runtime, turn.actor, reference,
                               _text(data, forms.CLOSE_OUTCOME), _text(data, forms.CLOSE_REASON))


async def _reopen(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await actions.reopen(turn.runtime, turn.actor, reference,
                                _text(data, forms.REOPEN_REASON))


async def _feedback(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await send_feedback(turn.runtime, turn.actor, reference)


async def _ask(turn: Turn, reference: str, data: dict[str, Any]) -> CaseResult:
    return await ask_reporter(turn.runtime, turn.actor, reference, _text(data, forms.QUESTION))


WRITES: dict[str, Writer] = {
    "case.note": _note,
    "case.decide": _decide,
    "case.refer": _refer,
    "case.outcome": _outcome,
    "case.assign": _assign,
    "case.link": _link,
    "case.close": _close,
    "case.reopen": _reopen,
    "case.feedback": _feedback,
    "case.ask": _ask,
}
"""verb -> what it does (the core words any refusal)."""


def done_text(verb: str, result: CaseResult, view: CaseView) -> str:
    entry = next((e for e in view.entries if e.sequence == result.sequence), None)
    said = f"#{result.sequence} {entry.summary}" if entry else f"Entry #{result.sequence}"
    if verb == "case.close":
        return f"{said}. The record is now read-only; Reopen adds a new entry if needed."
    if verb == "case.assign":
        return f"{said}. They are being told (reference only)."
    if verb == "case.ask":
        return (f"{said}: sent privately. The reporter is told only that there is a question "
                f"about {result.reference}; you will be told when they answer.")
    if verb == "case.feedback" and entry and "could not" not in entry.summary:
        return (f"{said}: they are told only that it was looked at and action taken, "
                "nothing else.")
    return f"{said}: recorded."


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    reference = action.data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return message_response("That button has no valid report reference; nothing was done.")
    if action.verb == "case.open":
        return await show(turn, reference)
    if action.verb == "case.export":
        return await export(turn, reference)
    if action.verb not in WRITES:
        return message_response("That button could not be understood; nothing was changed.")
    write = WRITES[action.verb]
    try:
        result = await write(turn, reference, action.data)
    except CaseProblem as problem:  # the form could not be read: the core was not called
        return await show(turn, reference, problem_panel(str(problem)))
    if result.status in ("refused", "not_found"):
        return card_response(refusal_card(refusal_text(result)))
    if not result.done:
        return await show(turn, reference, problem_panel(refusal_text(result)))
    return await show(turn, reference,
                      lambda view: done_panel(done_text(action.verb, result, view)))


Note = Element | Callable[[CaseView], Element] | None


async def show(turn: Turn, reference: str, note: Note = None,
               downloads: Callable[[CaseView], Element] | None = None) -> dict[str, Any]:
    """The case card for this person (an audited read), or a refusal."""
    view = await record.view_case(turn.runtime, turn.actor, reference)
    if view is None:
        return card_response(refusal_card(no_such_report(reference, Action.VIEW_CASE)))
    shown = note(view) if callable(note) else note
    return card_response(case_card(view, turn.bot.zone, keeper_choices(turn), shown,
                                   downloads(view) if downloads else None))


async def export(turn: Turn, reference: str) -> dict[str, Any]:
    """Personal download links on the card (the server re-checks who may, and audits)."""
    links: ExportLinker | None = turn.bot.exports
    if links is None:
        return await show(turn, reference, downloads=lambda view: exports_off_panel())

    def panel(view: CaseView) -> Element:
        now = turn.runtime.clock.now()
        return downloads_panel([
            ("Download PDF", links.link(turn.actor, view.reference, "pdf", now)),
            ("Download JSON", links.link(turn.actor, view.reference, "json", now))])

    return await show(turn, reference, downloads=panel)


def keeper_choices(turn: Turn) -> forms.Choices:
    """People offered in the Assign form. Only a hint: the core decides who may hold it."""
    config = turn.runtime.config
    roles = set(RECORD_KEEPERS) | {config.escalation.fallback_role}
    return [(p.id, f"{p.initials} ({', '.join(r.label for r in p.roles)})")
            for p in config.people if p.has_any_role(roles)]
