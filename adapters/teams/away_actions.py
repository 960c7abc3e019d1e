"""Typed `away until DATE`, `away 3d` and `back` in a personal chat (bot/availability.py):
while someone is away, new alerts skip them and go to the next available person."""

from adapters.teams.notification_cards import text_card
from adapters.teams.turn import Turn
from bot import availability
from bot.flow.answers import format_local

USAGE = "Type away until 2026-12-24 (a time may follow: away until friday 17:00), or away 3d."


async def on_words(turn: Turn, words: list[str]) -> None:
    """The reply names no report: only when the person is away until, or that they are back."""
    if words[:1] == ["back"]:
        await turn.reply(text_card(await back_text(turn), "success"))
        return
    try:
        until = await availability.set_away(turn.runtime, turn.actor, " ".join(words[1:]))
    except availability.AwayError as error:
        said = str(error).replace("/away", "away")  # the core speaks in console commands
        await turn.reply(text_card(f"{said} {USAGE}", "warning"))
        return
    when = format_local(until, turn.bot.zone)
    await turn.reply(text_card(f"You are marked away until {when}. New alerts go to the next "
                               "available person meanwhile. Type back to end it early.",
                               "success"))


async def back_text(turn: Turn) -> str:
    if await availability.set_back(turn.runtime, turn.actor):
        return "Welcome back: you will receive alerts again."
    return ("You were not marked away. (Writing a report? Use the Back button on the card.)")
