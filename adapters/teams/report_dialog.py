"""The report flow in a Teams dialog (task module), driven by the core as Slack's modals are.

`task/fetch` opens it: a new report (`reporting.open_report`; nothing is stored until the
first answer, so its untouched start travels in the dialog's buttons as a draft), the report
in progress, or the completion of a quick alert. Each `task/submit` is one input to
`reporting.respond`; the answer is the next card in the dialog. A dialog is not a message:
no answer is ever posted to the chat, nor put in an edit of a chat message. When the report
is sent, the receipt (reference, kind, urgency; no answers) goes to the chat, in place of the
start card that opened the form, and the dialog closes with a short message.
"""

import logging
from dataclasses import dataclass
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element
from adapters.teams.dialog_cards import REPLACE, dialog_cards, dialog_title
from adapters.teams.flow_cards import notice_card
from adapters.teams.invoke import dialog_message, dialog_response
from adapters.teams.notification_cards import OPEN_VERB
from adapters.teams.report_actions import (
    GONE,
    NO_TARGET,
    PERSONAL_ONLY,
    RESUME_VERB,
    STALE,
    UNKNOWN,
    flow_input,
    receipt_mark,
)
from adapters.teams.turn import Turn
from bot import inbound, reporting
from bot.delivery import PermanentError, TransientError
from bot.flow.progress import FlowProgress
from bot.flow.runner import Repeat, Submit
from bot.form_wording import submitted
from bot.quick.cards import COMPLETE
from bot.quick.completion import start_completion
from bot.stored_flow import StoredFlow
from bot.ui import Notice, Question, Receipt, Reply, Summary

log = logging.getLogger(__name__)
COMPLETE_VERB = COMPLETE
FORM = "form"
"""Carried by the dialog's buttons: the start card in the chat that the receipt replaces."""
DRAFT = "draft"
"""Carried by the dialog's buttons until the first answer: the report's unsaved start."""
MAX_ID = 200
MAX_REFERENCE = 40
PRESSES = frozenset({"report.answer", "report.back", "report.edit", "report.submit",
                     "report.cancel"})


@dataclass(frozen=True)
class Where:
    progress: FlowProgress
    draft: dict[str, Any] | None
    stored: StoredFlow | None


async def fetch(turn: Turn, action: CardAction) -> dict[str, Any] | None:
    """Open the form in a dialog: `report.open` (kind, practice, quick), `report.resume` or
    `quick.complete` (reference)."""
    if not turn.personal:
        return dialog_message(PERSONAL_ONLY)
    carry: dict[str, Any] = {}
    pressed = turn.activity.reply_to_id
    if action.data.get(REPLACE) is True and _usable_id(pressed):
        carry[FORM] = pressed
    if action.verb == COMPLETE_VERB:
        reference = _reference(action.data)
        if reference is None:
            return dialog_message(UNKNOWN)
        replies = await start_completion(turn.runtime, turn.actor, turn.report_conversation,
                                         reference)
        return await _screen(turn, replies, carry, carry_on=False)
    if action.verb == RESUME_VERB:
        replies = await reporting.resume(turn.runtime, turn.actor, turn.report_conversation)
        if replies:
            return await _screen(turn, replies, carry)
    elif action.verb != OPEN_VERB:
        return dialog_message(UNKNOWN)
    return await _open(turn, action.data, carry)


async def _open(turn: Turn, data: dict[str, Any], carry: dict[str, Any]) -> dict[str, Any] | None:
    kind = data.get("kind")
    chosen = kind if isinstance(kind, str) and kind in turn.runtime.kinds else None
    opening = await reporting.open_report(turn.runtime, turn.actor, turn.report_conversation,
                                          chosen, data.get("practice") is True,
                                          quick=data.get("quick") is True)
    if opening.draft is not None:
        carry = {**carry, DRAFT: opening.draft}
    return await _screen(turn, opening.replies, carry)


async def submit(turn: Turn, action: CardAction) -> dict[str, Any] | None:
    """One press in the dialog: answer, back, change, submit or cancel."""
    if not turn.personal:
        return dialog_message(PERSONAL_ONLY)
    if action.verb not in PRESSES:
        return dialog_message(UNKNOWN)
    carry = {FORM: action.data[FORM]} if _usable_id(action.data.get(FORM)) else {}
    where = await _where(turn, action.data)
    if action.verb == "report.cancel" and _cancels(action, where):
        return await _cancel(turn, where, carry)
    if where is None:  # sent, discarded, or never started: nothing to change
        return dialog_message(GONE.text)
    given = "stale" if action.verb == "report.cancel" else flow_input(action, where.progress)
    if given is None:
        return dialog_message(UNKNOWN)
    lead: list[Reply] = []
    if isinstance(given, str):  # an out-of-date card, or a change with nothing chosen
        lead, given = [STALE if given == "stale" else NO_TARGET], Repeat()
    replies = await reporting.respond(turn.runtime, turn.actor, turn.report_conversation,
                                      given, draft=where.draft, stored=where.stored)
    return await _screen(turn, [*lead, *replies], carry, finishing=isinstance(given, Submit))


def _cancels(action: CardAction, where: Where | None) -> bool:
    """Cancel from a card of the step now current; one out of date discards nothing."""
    step = action.data.get("step")
    return where is None or where.stored is None or step is None or step == where.progress.current


async def _cancel(turn: Turn, where: Where | None, carry: dict[str, Any]
                  ) -> dict[str, Any] | None:
    if where is None or where.stored is None:
        return None  # nothing was stored: the dialog just closes
    replies = await reporting.cancel(turn.runtime, turn.actor, turn.report_conversation)
    if any(not isinstance(reply, Notice) for reply in replies):  # asks first: the form stays
        return await _screen(turn, replies, carry)
    return dialog_message(_said(replies))


async def _where(turn: Turn, data: dict[str, Any]) -> Where | None:
    """This person's report: stored, or the unsaved start the dialog carries; else None."""
    stored = await reporting.current(turn.runtime, turn.report_conversation, "teams")
    if stored is not None:
        return Where(stored.progress, None, stored)
    draft = data.get(DRAFT)
    if not isinstance(draft, dict):
        return None
    try:
        progress = FlowProgress.from_json(draft)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    known = progress.flow_id == reporting.CHOOSE_KIND or progress.flow_id in turn.runtime.flows
    return Where(progress, draft, None) if known else None


async def _screen(turn: Turn, replies: list[Reply], carry: dict[str, Any],
                  finishing: bool = False, carry_on: bool = True) -> dict[str, Any] | None:
    """The next card in the dialog; or, once the flow has ended, the receipt (or the core's
    last word) in the chat and a short message closing the dialog. A bare notice gets the
    report in progress after it (`carry_on`), as on Slack."""
    if carry_on and not any(isinstance(r, Question | Summary | Receipt) for r in replies):
        replies = [*replies, *await reporting.resume(turn.runtime, turn.actor,
                                                     turn.report_conversation)]
    shown, separate = dialog_cards(replies, turn.bot.zone, carry)
    for guidance in separate:  # emergency guidance stays in the chat: fixed text, no answer
        await _post(turn, guidance)
    receipt = next((r for r in replies if isinstance(r, Receipt)), None)
    if receipt is not None and shown is not None:
        if await _to_chat(turn, shown, carry.get(FORM)):
            await _mark_shown(turn, receipt.reference)
        return dialog_message(submitted(receipt.reference))
    if shown is not None and any(isinstance(r, Question | Summary) for r in replies):
        return dialog_response(shown, dialog_title(replies))
    said = _said(replies)
    if finishing and carry.get(FORM):  # e.g. a completed record: the start card says so
        await _to_chat(turn, notice_card(Notice(said, tone="success")), carry[FORM])
    return dialog_message(said)


def _said(replies: list[Reply]) -> str:
    return " ".join(r.text for r in replies if isinstance(r, Notice)) or GONE.text


async def _to_chat(turn: Turn, shown: Element, form_id: str | None) -> bool:
    """Replace the start card with this card, or post it; False if Teams did not take it."""
    if form_id:
        try:
            await turn.replace(form_id, shown)
            return True
        except PermanentError as error:
            log.warning("could not replace the start card, posting instead: %s", error)
        except TransientError as error:
            log.warning("could not replace the start card: %s", error)
            return False
    return await _post(turn, shown)


async def _post(turn: Turn, shown: Element) -> bool:
    try:
        await turn.post(shown)
        return True
    except (TransientError, PermanentError) as error:
        log.warning("could not post to the personal chat: %s", error)
        return False


async def _mark_shown(turn: Turn, reference: str) -> None:
    """The outbox's receipt need not be sent again (its check-in offer still is)."""
    await inbound.claim(turn.runtime, "teams", receipt_mark(reference))


def _usable_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID


def _reference(data: dict[str, Any]) -> str | None:
    reference = data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return None
    return reference.strip()
