"""Completing a quick alert in Teams: the `quick.complete` button (on the receipt, the
reminder and the list) and typed `complete REF`, `complete` or `incomplete`.

Completing runs the full flow for the alert's kind in the reporter's personal chat, on a new
form card that works like any report form (bot.quick.completion); when it is submitted the
core adds it to the same record and the form becomes the confirmation. Only the reporter may.
"""

from typing import Any

from adapters.teams import report_actions
from adapters.teams.activities import CardAction
from adapters.teams.followup_cards import incomplete_card
from adapters.teams.invoke import message_response
from adapters.teams.report_actions import PERSONAL_ONLY
from adapters.teams.turn import Turn
from bot.quick.completion import incomplete_reports, start_completion
from bot.ui import Notice, Question, Reply, Summary

MAX_REFERENCE = 40
OPENED = ("The full report is open below, on a new card. What you sent first stays on the "
          "record exactly as it is; this is added to the same reference.")


def _reference(data: dict[str, Any]) -> str | None:
    reference = data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return None
    return reference.strip()


def opens_form(replies: list[Reply]) -> bool:
    return any(isinstance(reply, Question | Summary) for reply in replies)


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """Start the completion on a new form card; the pressed card stays as it was."""
    if not turn.personal:
        return message_response(PERSONAL_ONLY)
    reference = _reference(action.data)
    if action.verb != "quick.complete" or reference is None:
        return message_response("That button could not be understood; nothing was changed.")
    replies = await start_completion(turn.runtime, turn.actor, turn.report_conversation,
                                     reference)
    if not opens_form(replies):  # refused (and recorded), or nothing left to complete
        said = " ".join(r.text for r in replies if isinstance(r, Notice))
        return message_response(said or "There is nothing to complete.")
    await report_actions.show(turn, replies, form_id=None)
    return message_response(OPENED)


async def on_words(turn: Turn, words: list[str]) -> None:
    """`complete REF` starts it; `complete` or `incomplete` lists what is left to do."""
    runtime, actor = turn.runtime, turn.actor
    if words[0] == "complete" and len(words) == 2:
        reference = words[1][:MAX_REFERENCE]
        replies = await start_completion(runtime, actor, turn.report_conversation, reference)
        await report_actions.show(turn, replies, form_id=None)
        return
    await turn.reply(incomplete_card(await incomplete_reports(runtime, actor), turn.bot.zone))
