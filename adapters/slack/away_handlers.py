"""`/away until DATE` (or `/away 3d`) and `/back`: answered privately, to the person only."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck

from adapters.slack import ids
from adapters.slack.payloads import text_of, user_of
from bot.actors import Actor, resolve_actor
from bot.availability import AwayError, set_away, set_back
from bot.flow.answers import format_local
from bot.runtime import Runtime

log = logging.getLogger(__name__)
HELP = ("/away until 2026-12-24 (optionally with a time, e.g. /away until 2026-12-24 09:00), "
        "or /away 3d or /away 4h: while you are away, new alerts and reminders go to the next "
        "available person. /back ends it.")
SORRY = "Sorry, that could not be saved just now. Please try again."


class AwayHandlers:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    async def on_away(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        text = (text_of(body, "text") or "").strip()
        if text.lower() in ("", "help"):
            await ack(text=HELP)
            return
        try:
            until = await set_away(self.runtime, self._actor(body), text)
        except AwayError as error:
            await ack(text=f"{error} {HELP}")
            return
        except Exception:
            log.exception("slack: /away failed")
            await ack(text=SORRY)
            return
        when = format_local(until, self.runtime.config.organisation.zone)
        await ack(text=f"You are marked away until {when}. New alerts and reminders go to the "
                       "next available person until then; type /back when you return.")

    async def on_back(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        try:
            ended = await set_back(self.runtime, self._actor(body))
        except Exception:
            log.exception("slack: /back failed")
            await ack(text=SORRY)
            return
        if ended:
            await ack(text="Welcome back: you are no longer marked away, so alerts reach you "
                           "again.")
        else:
            await ack(text="You were not marked away with /away, so nothing changed (absences "
                           "planned in the organisation's config still apply).")


def register(bolt: AsyncApp, runtime: Runtime) -> None:
    handlers = AwayHandlers(runtime)
    bolt.command(ids.AWAY_COMMAND)(handlers.on_away)
    bolt.command(ids.BACK_COMMAND)(handlers.on_back)
