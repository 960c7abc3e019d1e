"""Completing a quick alert in Teams (bot.quick.interactions): the **Complete the record**
button (on the receipt, the reminder and the list) and typed `complete REF`, `complete` or
`incomplete`.

The button opens the full flow for the alert's kind in a dialog (adapters/teams/
report_dialog.py, `quick.complete`); when it is submitted the core adds it to the same record
(bot.quick.completion). Typed `complete REF` starts it at once (a refusal is said, and
recorded, there and then) and answers with a start card that opens the dialog. Only the
reporter may complete.
"""

from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.dialog_cards import start_card
from adapters.teams.dispatch import outcome_card, press
from adapters.teams.flow_cards import flow_cards
from adapters.teams.followup_cards import dialog_openers
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import text_card
from adapters.teams.report_actions import PERSONAL_ONLY, RESUME_VERB, UNKNOWN
from adapters.teams.turn import Turn
from bot.quick.cards import COMPLETE, LIST
from bot.quick.completion import start_completion
from bot.ui import Notice, Question, Reply, Summary

MAX_REFERENCE = 40


def opens_form(replies: list[Reply]) -> bool:
    return any(isinstance(reply, Question | Summary) for reply in replies)


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """The button on a card (not a dialog): the core's way to the record, whose button opens
    the dialog. Nothing is started or changed."""
    if not turn.personal:
        return message_response(PERSONAL_ONLY)
    if action.verb != COMPLETE:
        return message_response(UNKNOWN)
    return card_response(dialog_openers(outcome_card(await press(
        turn, turn.bot.interactions, action))))


async def on_words(turn: Turn, words: list[str]) -> None:
    """`complete REF` starts it; `complete` or `incomplete` lists what is left to do."""
    runtime, actor = turn.runtime, turn.actor
    if words[0] == "complete" and len(words) == 2:
        reference = words[1][:MAX_REFERENCE]
        replies = await start_completion(runtime, actor, turn.report_conversation, reference)
        notices: list[Reply] = [r for r in replies if isinstance(r, Notice)]
        if opens_form(replies):
            await turn.reply(start_card(RESUME_VERB, {}, None, notices))
        else:  # refused (and recorded), or nothing left to complete
            shown, _ = flow_cards(notices, turn.bot.zone)
            await turn.reply(shown or text_card(UNKNOWN))
        return
    outcome = await press(turn, turn.bot.interactions, CardAction(LIST, {}), typed=True)
    await turn.reply(dialog_openers(outcome_card(outcome)))
