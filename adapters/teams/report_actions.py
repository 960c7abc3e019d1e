"""The report flow in a personal chat: card buttons and typed words to the core's flow runner."""

import logging
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.flow_cards import ANSWER, ANSWER_DATE, ANSWER_TIME, EDIT_TARGET, flow_cards
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import text_card
from adapters.teams.turn import Turn
from bot import reporting
from bot.delivery import PermanentError, TransientError
from bot.domain import ReportKind
from bot.flow.answers import Raw
from bot.flow.progress import FlowProgress
from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, Submit
from bot.records import open_flow_state
from bot.ui import Notice, Receipt, Reply
from storage.models import FlowSession
from storage.repositories import inbound

log = logging.getLogger(__name__)
PERSONAL_ONLY = ("Reports are made in a personal chat with me, never in a channel: open a chat "
                 "with the Safeguarding app and type report.")
STALE = Notice("That card was out of date, so nothing was changed. Here is where your report "
               "stands now.", tone="warning")
KIND_WORDS = {
    "safeguarding": ReportKind.SAFEGUARDING_CONCERN, "concern": ReportKind.SAFEGUARDING_CONCERN,
    "breach": ReportKind.CONFIDENTIALITY_BREACH,
    "confidentiality": ReportKind.CONFIDENTIALITY_BREACH,
    "incident": ReportKind.OPERATIONAL_INCIDENT, "operational": ReportKind.OPERATIONAL_INCIDENT,
}


def receipt_mark(reference: str) -> str:
    """Recorded once the form was replaced by the receipt, so the outbox need not repeat it."""
    return f"receipt-shown:{reference}"


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """A button on a report card: answer, back, change, submit, cancel, start."""
    if not turn.personal:
        return message_response(PERSONAL_ONLY)
    replies = await _replies_for(turn, action)
    if replies is None:
        return message_response("That button could not be understood; nothing was changed.")
    card = await show(turn, replies, form_id=turn.activity.reply_to_id)
    return card_response(card)


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `report [practice] [kind|quick]`, `quick` or `cancel`, or anything else while a
    report is open."""
    runtime, conversation = turn.runtime, turn.report_conversation
    if words and words[0] in ("report", "quick"):
        practice = any(w in ("practice", "practise") for w in words[1:])
        kind = next((KIND_WORDS[w] for w in words[1:] if w in KIND_WORDS), None)
        quick = words[0] == "quick" or "quick" in words[1:]
        replies = await reporting.start(runtime, turn.actor, conversation, kind, practice,
                                        quick=quick)
    elif words == ["cancel"]:
        replies = await reporting.cancel(runtime, turn.actor, conversation)
    else:
        replies = [Notice("Please answer on the card (typed answers would stay in the chat). "
                          "Here it is again; type cancel to discard the report."),
                   *await reporting.resume(runtime, turn.actor, conversation)]
    await show(turn, replies, form_id=None)


async def in_progress(turn: Turn) -> bool:
    return await reporting.current(turn.runtime, turn.report_conversation, "teams") is not None


async def _replies_for(turn: Turn, action: CardAction) -> list[Reply] | None:
    runtime, actor, conversation = turn.runtime, turn.actor, turn.report_conversation
    data = action.data
    if action.verb == "report.start":
        kind = data.get("kind")
        chosen = ReportKind(kind) if kind in tuple(ReportKind) else None
        return await reporting.start(runtime, actor, conversation, chosen,
                                     data.get("practice") is True,
                                     quick=data.get("quick") is True)
    if action.verb == "report.cancel":
        return await reporting.cancel(runtime, actor, conversation)
    row = await reporting.current(runtime, conversation, "teams")
    if row is None:
        return [Notice("There is no report in progress. Type report to start one.")]
    given = flow_input(action, _progress(turn, row))
    if given is None:
        return None
    if given == "stale":
        return [STALE, *await reporting.resume(runtime, actor, conversation)]
    if given == "no target":
        return [Notice("Choose the answer to change first, then press Change selected "
                       "answer."), *await reporting.resume(runtime, actor, conversation)]
    return await reporting.respond(runtime, actor, conversation, given)


def _progress(turn: Turn, row: FlowSession) -> FlowProgress:
    """Where the open report stands (to refuse out-of-date cards). The core keeps this private;
    `reporting.current_step()` would be the place for it."""
    state = open_flow_state(turn.runtime.keys, row.platform, row.conversation_id,
                            row.state_sealed)
    return FlowProgress.from_json(state)


def flow_input(action: CardAction, progress: FlowProgress) -> FlowInput | str | None:
    """The flow input a button means; 'stale' for an old card, None for an unknown verb."""
    data, verb = action.data, action.verb
    step = data.get("step")
    if step is not None and step != progress.current:
        return "stale"
    if verb == "report.answer":
        if step is None or progress.reviewing:
            return "stale"
        return AnswerInput(raw_answer(data))
    if verb == "report.back":
        return Back()
    if verb == "report.edit":
        target = data.get(EDIT_TARGET)
        if not progress.reviewing:
            return "stale"
        return Edit(target) if isinstance(target, str) and target.strip() else "no target"
    if verb == "report.submit":
        return Submit()
    return None


def raw_answer(data: dict[str, Any]) -> Raw:
    """Card input values as the flow parser takes them (see bot/flow/answers.py)."""
    if ANSWER_DATE in data or ANSWER_TIME in data:
        day = str(data.get(ANSWER_DATE) or "").strip()
        clock = str(data.get(ANSWER_TIME) or "").strip()
        return f"{day} {clock}".strip() or None
    value = data.get(ANSWER)
    if value is None:
        return None
    if isinstance(value, list):
        return [str(item) for item in value]
    text = str(value)
    if data.get("field") == "multi_choice":
        return [part for part in text.split(",") if part.strip()]
    return text


async def show(turn: Turn, replies: list[Reply], form_id: str | None) -> dict[str, Any]:
    """Put the replies on screen: replace the form card (or post a new one), emergency
    guidance as a message of its own. Returns the card shown."""
    card, separate = flow_cards(replies, turn.bot.zone)
    card = card or text_card("Done.")
    for extra in separate:
        await turn.post(extra)
    receipt = next((r for r in replies if isinstance(r, Receipt)), None)
    if form_id is None:
        await turn.reply(card)
        return card
    try:
        await turn.replace(form_id, card)
    except (TransientError, PermanentError) as error:
        log.warning("could not replace the form card: %s", error)
        return card  # the invoke response still shows it; the outbox sends the receipt
    if receipt is not None:
        async with turn.runtime.database.transaction() as session:
            await inbound.first_time(session, "teams", receipt_mark(receipt.reference),
                                     turn.runtime.clock.now())
    return card
