"""Typed `ack REF` and `view REF` in a personal chat: the same interactions as the buttons on
an alert (bot.alert_interactions), answered in the chat. A typed view answers with the alert
as it stands (its View details button shows the details privately): details typed into a
chat would stay there as a message."""

from adapters.teams.activities import CardAction
from adapters.teams.dispatch import outcome_card, press
from adapters.teams.notification_cards import text_card
from adapters.teams.turn import Turn
from bot.alert_cards import ACKNOWLEDGE
from bot.alert_interactions import SHOW
from bot.refusals import needs_reference

MAX_REFERENCE = 40


async def on_words(turn: Turn, words: list[str]) -> None:
    if len(words) != 2:
        await turn.reply(text_card(needs_reference(words[0] if words else "view"), "warning"))
        return
    verb, reference = words
    action = CardAction(ACKNOWLEDGE if verb == "ack" else SHOW,
                        {"reference": reference[:MAX_REFERENCE]})
    await turn.reply(outcome_card(await press(turn, turn.bot.interactions, action, typed=True)))
