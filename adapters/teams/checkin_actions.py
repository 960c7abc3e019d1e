"""Typed check-in words in a Teams personal chat, as the core's interactions: `checkin`
(answer yours), `debrief list`, and `debrief NAME [WHEN]` or `debrief me [WHEN]` (arrange one:
with a time at once, else the form). Every card button is dispatched by adapters.teams.dispatch."""

from adapters.teams import dispatch
from adapters.teams.notification_cards import text_card
from adapters.teams.references import PLATFORM
from adapters.teams.turn import Turn
from bot.checkins.arrange import arrange_help
from bot.checkins.cards import ARRANGE, LIST
from bot.checkins.questions import START


async def on_words(turn: Turn, words: list[str]) -> None:
    table = turn.bot.interactions
    rest = words[1:]
    if words[:1] == ["checkin"]:
        await dispatch.on_words(turn, table, START, "")
    elif rest == ["list"]:
        await dispatch.on_words(turn, table, LIST, "")
    elif not rest:
        await turn.reply(text_card(arrange_help(PLATFORM)))
    else:
        await dispatch.on_words(turn, table, ARRANGE, " ".join(rest[1:]), person=rest[0])
