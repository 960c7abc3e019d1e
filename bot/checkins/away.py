"""Away and back, declared once for every surface: `/away until DATE` (or `/away 3d`) and
`/back` in Slack and the console, `away …` and `back` typed in a Teams chat. Answered to the
person only, and naming no report: only when they are away until, or that they are back."""

from bot import availability
from bot.checkins.wording import typed
from bot.flow.answers import format_local
from bot.runtime import Runtime
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request

AWAY = "away.set"
BACK = "away.back"
MAX_TEXT = 100
WELCOME_BACK = "Welcome back: you will receive alerts again."


def away_help(platform: str) -> str:
    away, back = typed(platform, "away"), typed(platform, "back")
    return (f"{away} until 2026-12-24 (optionally with a time, e.g. {away} until 2026-12-24 "
            f"09:00), or {away} 3d or {away} 4h: while you are away, new alerts and reminders "
            f"go to the next available person. {back} ends it.")


def _in_words_of(platform: str, said: str) -> str:
    """The core's messages name the console command; say it as typed here."""
    return said.replace("/away", typed(platform, "away"))


async def _away(runtime: Runtime, request: Request) -> Outcome:
    platform = request.actor.platform
    text = request.arg("text", MAX_TEXT)
    try:
        until = await availability.set_away(runtime, request.actor, text)
    except availability.AwayError as error:
        said = _in_words_of(platform, str(error))
        return Outcome(tell=f"{said} {away_help(platform)}", tone="error")
    when = format_local(until, runtime.config.organisation.zone)
    return Outcome(tell=f"You are marked away until {when}. New alerts and reminders go to the "
                        f"next available person meanwhile; {typed(platform, 'back')} ends it "
                        "early.", tone="success")


async def _back(runtime: Runtime, request: Request) -> Outcome:
    if await availability.set_back(runtime, request.actor):
        return Outcome(tell=WELCOME_BACK, tone="success")
    return Outcome(tell="You were not marked away, so nothing changed (absences planned in the "
                        "organisation's config still apply).")


INTERACTIONS = (
    Interaction(AWAY, _away, ConsoleCommand("/away {text}")),
    Interaction(BACK, _back, ConsoleCommand("/back")),
)
