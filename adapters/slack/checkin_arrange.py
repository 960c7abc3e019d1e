"""/debrief in Slack: `/debrief @person [WHEN]`, `/debrief me [WHEN]`, `/debrief list` and
`/debrief help`. The mention becomes the person and the rest the time; everything else (the
form, scheduling, refusals, the list) is the core's interactions, through the dispatcher."""

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import checkin_ids as cids
from adapters.slack import ids
from adapters.slack.dispatch import Dispatch
from adapters.slack.payloads import text_of
from bot.checkins.arrange import arrange_help
from bot.checkins.cards import ARRANGE, LIST
from bot.runtime import Runtime
from bot.ui.registry import all_interactions


class Debrief:
    def __init__(self, dispatch: Dispatch) -> None:
        self.dispatch = dispatch

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        user, rest = cids.mentioned_user(text_of(body, "text") or "")
        words = rest.split()
        if [w.lower() for w in words[:1]] == ["help"]:
            await ack(text=arrange_help(ids.PLATFORM))
        elif [w.lower() for w in words] == ["list"] and user is None:
            await self.dispatch.command(ack, body, LIST)
        elif user is None and [w.lower() for w in words[:1]] in (["me"], ["myself"]):
            await self.dispatch.command(ack, body, ARRANGE, person="me",
                                        text=" ".join(words[1:]))
        elif user is None and words:
            await ack(text=arrange_help(ids.PLATFORM))
        else:
            await self.dispatch.command(ack, body, ARRANGE, user=user or "", text=rest)


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    bolt.command(cids.COMMAND)(Debrief(Dispatch(runtime, client, all_interactions())).on_command)
