"""What each kind of activity does: messages, installs, card actions."""

import logging
from typing import Any

from botbuilder.schema import Activity

from adapters.teams import (
    alert_actions,
    case_export,
    checkin_actions,
    dispatch,
    followup_actions,
    quick_actions,
    report_actions,
    report_dialog,
)
from adapters.teams.activities import CARD_ACTION, card_action, command_text, dialog_action
from adapters.teams.invoke import (
    DIALOG_INVOKES,
    TASK_FETCH,
    dialog_message,
    error_response,
    message_response,
)
from adapters.teams.notification_cards import channel_greeting_card, text_card, welcome_card
from adapters.teams.report_actions import PERSONAL_ONLY
from adapters.teams.turn import TeamsBot, Turn
from bot.checkins import away

log = logging.getLogger(__name__)
HELP_WORDS = {"help", "hi", "hello", "start", "menu", ""}
TYPED = {"away": away.AWAY, "back": away.BACK}
"""Typed first words that do one interaction of the core, with the rest as its text."""


async def handle(bot: TeamsBot, activity: Activity) -> tuple[int, dict[str, Any] | None]:
    """The HTTP status and (for invokes) the body to answer the channel with."""
    if activity.type == "invoke":
        return 200, await on_invoke(bot, activity)
    if activity.type == "message":
        await bot.references.remember(activity)
        await on_message(Turn.begin(bot, activity))
    elif activity.type == "conversationUpdate":
        await on_conversation_update(bot, activity)
    elif activity.type == "installationUpdate":
        await bot.references.remember(activity)
    return 200, None


async def on_invoke(bot: TeamsBot, activity: Activity) -> dict[str, Any] | None:
    if activity.name in DIALOG_INVOKES:
        return await on_dialog(bot, activity)
    if activity.name != CARD_ACTION:
        return error_response(400, "NotSupported", "This bot does not handle that request.")
    action = card_action(activity)
    if action is None:
        return error_response(400, "BadRequest", "The card action is missing or malformed.")
    await bot.references.remember(activity)
    turn = Turn.begin(bot, activity)
    if action.verb.startswith("report."):
        return await report_actions.on_action(turn, action)
    if action.verb.startswith("followup."):  # the question only ever opens in a dialog
        return await followup_actions.on_action(turn, action)
    if action.verb.startswith("quick."):  # so does the report flow
        return await quick_actions.on_action(turn, action)
    if action.verb in bot.interactions:
        return await dispatch.on_action(turn, bot.interactions, action)
    if action.verb.startswith("case."):
        return await case_export.on_action(turn, action)
    return message_response(report_actions.UNKNOWN)


async def on_dialog(bot: TeamsBot, activity: Activity) -> dict[str, Any] | None:
    """`task/fetch` opens a dialog, `task/submit` is a press inside one. The answer is the
    dialog's next card, a short message, or nothing (the dialog closes)."""
    action = dialog_action(activity)
    if action is None:
        return dialog_message(report_actions.UNKNOWN)
    await bot.references.remember(activity)
    turn = Turn.begin(bot, activity)
    opening = activity.name == TASK_FETCH
    if action.verb.startswith("report.") or action.verb == report_dialog.COMPLETE_VERB:
        if opening:
            return await report_dialog.fetch(turn, action)
        return await report_dialog.submit(turn, action)
    if action.verb.startswith("followup."):
        if opening:
            return await followup_actions.fetch(turn, action)
        return await followup_actions.submit_answer(turn, action)
    return dialog_message(report_actions.UNKNOWN)


async def on_message(turn: Turn) -> None:
    words = command_text(turn.activity).split()
    if not turn.personal:
        await turn.reply(text_card(PERSONAL_ONLY))
        return
    first = words[0] if words else ""
    if len(words) <= 1 and first in HELP_WORDS:
        # The menu needs no database: its buttons carry on with a report already open.
        await turn.reply(welcome_card(turn.runtime.config.organisation.name, turn.runtime.kinds))
    elif first in ("report", "quick", "cancel"):
        await report_actions.on_words(turn, words)
    elif first in ("ack", "view"):
        await alert_actions.on_words(turn, words)
    elif first in ("debrief", "checkin"):
        await checkin_actions.on_words(turn, words)
    elif first in TYPED:
        await dispatch.on_words(turn, turn.bot.interactions, TYPED[first], " ".join(words[1:]))
    elif first in ("complete", "incomplete"):
        await quick_actions.on_words(turn, words)
    elif first == "questions":
        await followup_actions.on_words(turn, words)
    elif await report_actions.in_progress(turn):
        await report_actions.on_words(turn, words)
    else:
        await turn.reply(welcome_card(turn.runtime.config.organisation.name, turn.runtime.kinds))


async def on_conversation_update(bot: TeamsBot, activity: Activity) -> None:
    """Installed in a personal chat or a team: keep the reference, say hello once."""
    bot_id = activity.recipient.id if activity.recipient else None
    added = [m.id for m in activity.members_added or []]
    await bot.references.remember(activity)
    if bot_id is None or bot_id not in added:
        return
    turn = Turn.begin(bot, activity)
    if turn.personal:
        await turn.post(welcome_card(bot.runtime.config.organisation.name, bot.runtime.kinds))
    else:
        await turn.post(channel_greeting_card())
