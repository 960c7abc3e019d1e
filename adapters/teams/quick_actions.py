"""Completing a quick alert in Teams: the **Complete the record** button (on the receipt, the
reminder and the list) and typed `complete REF`, `complete` or `incomplete`.

The button opens the full flow for the alert's kind in a dialog (adapters/teams/
report_dialog.py, `quick.complete`); when it is submitted the core adds it to the same record
(bot.quick.completion). Typed `complete REF` starts it at once (a refusal is said, and
recorded, there and then) and answers with a start card that opens the dialog. Only the
reporter may complete.
"""

from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import card, words
from adapters.teams.dialog_cards import start_card
from adapters.teams.flow_cards import flow_cards
from adapters.teams.followup_cards import complete_action, incomplete_card, incomplete_panel
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import text_card
from adapters.teams.report_actions import PERSONAL_ONLY, RESUME_VERB, UNKNOWN
from adapters.teams.turn import Turn
from bot.form_wording import START_TEXT
from bot.quick.completion import incomplete_reports, start_completion
from bot.ui import Notice, Question, Reply, Summary

MAX_REFERENCE = 40


def _reference(data: dict[str, Any]) -> str | None:
    reference = data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return None
    return reference.strip()


def opens_form(replies: list[Reply]) -> bool:
    return any(isinstance(reply, Question | Summary) for reply in replies)


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """The button on a card from before the form moved to a dialog: that card becomes one
    whose button opens the dialog. Nothing is started or changed."""
    if not turn.personal:
        return message_response(PERSONAL_ONLY)
    reference = _reference(action.data)
    if action.verb != "quick.complete" or reference is None:
        return message_response(UNKNOWN)
    return card_response(card([incomplete_panel(), words(START_TEXT, subtle=True)],
                              [complete_action(reference)]))


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
    await turn.reply(incomplete_card(await incomplete_reports(runtime, actor), turn.bot.zone))
