"""The report flow in a personal chat: what typed words do, and what the flow's inputs mean.

The questions themselves run in a dialog (adapters/teams/report_dialog.py). The chat only
ever gets a start card that opens the dialog: typed `report` answers with one, and so does
anything typed while a report is open (typed answers are never taken: they would stay in the
chat). Buttons of cards sent before the form moved to a dialog change nothing and show the
start card instead.
"""

import logging
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.dialog_cards import start_card
from adapters.teams.flow_cards import ANSWER, ANSWER_DATE, ANSWER_TIME, EDIT_TARGET, flow_cards
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import OPEN_VERB, text_card
from adapters.teams.turn import Turn
from bot import reporting
from bot.delivery import PermanentError, TransientError
from bot.flow.answers import Raw
from bot.flow.progress import FlowProgress
from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, Submit
from bot.form_wording import ANSWER_IN_FORM, start_heading
from bot.ui import Notice

log = logging.getLogger(__name__)
RESUME_VERB = "report.resume"
"""Opens the report in progress in a dialog (a new one if there is none)."""
PERSONAL_ONLY = ("Reports are made in a personal chat with me, never in a channel: open a chat "
                 "with the Safeguarding app and type report.")
UNKNOWN = "That button could not be understood; nothing was changed."
STALE = Notice("That card was out of date, so nothing was changed. Here is where your report "
               "stands now.", tone="warning")
GONE = Notice("There is no report in progress. Type report to start one.")
NO_TARGET = Notice("Choose the answer to change first, then press Change selected answer.")


def receipt_mark(reference: str) -> str:
    """Recorded once the receipt was shown in the chat, so the outbox need not repeat it."""
    return f"receipt-shown:{reference}"


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `report [practice] [kind|quick]`, `quick` or `cancel`, or anything else while a
    report is open: a start card (or the discard notice), never a question."""
    if words and words[0] in ("report", "quick"):
        practice = any(w in ("practice", "practise") for w in words[1:])
        kinds = turn.runtime.kinds  # any kind's alias (the kinds registry's)
        kind = next((k for w in words[1:] if (k := kinds.by_word(w)) is not None), None)
        quick = words[0] == "quick" or "quick" in words[1:]
        data: dict[str, Any] = {"kind": kind.id} if kind else {}
        data.update({"practice": True} if practice else {})
        data.update({"quick": True} if quick else {})
        await turn.reply(start_card(OPEN_VERB, data, start_heading(practice, quick)))
    elif words == ["cancel"]:
        replies = await reporting.cancel(turn.runtime, turn.actor, turn.report_conversation)
        shown, _ = flow_cards(replies, turn.bot.zone)
        await turn.reply(shown or text_card(GONE.text))
    else:
        notice = Notice(ANSWER_IN_FORM, tone="warning")
        await turn.reply(start_card(RESUME_VERB, {}, None, [notice]))


async def in_progress(turn: Turn) -> bool:
    return await reporting.current(turn.runtime, turn.report_conversation, "teams") is not None


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """A report button on a card from before the form moved to a dialog: nothing changes; the
    pressed card becomes the start card (a form card loses any answers it showed)."""
    if not turn.personal:
        return message_response(PERSONAL_ONLY)
    shown = start_card(RESUME_VERB, {}, start_heading())
    pressed = turn.activity.reply_to_id
    if action.verb != "report.start" and pressed:
        try:
            await turn.replace(pressed, shown)
        except (TransientError, PermanentError) as error:
            log.warning("could not replace an old report card: %s", error)
    return card_response(shown)


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
