"""Ways in besides /report: the Home tab, its buttons, and the shortcuts."""

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids
from adapters.slack.flow_handlers import SLACK_FAILURES, FlowHandlers
from adapters.slack.home import ToDo, home_view
from adapters.slack.payloads import text_of
from bot import details
from bot.actors import resolve_actor
from bot.followup.answers import pending_questions
from bot.quick.completion import incomplete_reports
from bot.runtime import Runtime

log = logging.getLogger(__name__)
MAX_LINK = 1000


class EntryHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient, flows: FlowHandlers) -> None:
        self.runtime = runtime
        self.client = client
        self.flows = flows

    async def on_home_opened(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        event = body.get("event") or {}
        user = text_of(event, "user")
        if not user or event.get("tab") not in (None, "home"):
            return
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user)
        try:
            open_lines = await details.open_reports(self.runtime, actor)
            mine = await details.my_reports(self.runtime, actor)
            to_do = ToDo(await incomplete_reports(self.runtime, actor),
                         await pending_questions(self.runtime, actor))
            view = home_view(self.runtime.config.organisation.name, open_lines, mine,
                             self.runtime.clock.now(), to_do)
            await self.client.views_publish(user_id=user, view=view)
        except SLACK_FAILURES as error:
            log.warning("slack: views.publish failed: %s", type(error).__name__)
        except Exception:
            log.exception("slack: building the Home tab failed")

    async def on_home_report(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self.flows.open_flow(body)

    async def on_home_practice(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self.flows.open_flow(body, practice=True)

    async def on_home_quick(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self.flows.open_flow(body, quick=True)

    async def on_global_shortcut(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self.flows.open_flow(body)

    async def on_message_shortcut(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Start a report with a link to the message as context: never a copy of its text."""
        await ack()
        link = await self._permalink(body)
        await self.flows.open_flow(body, context={"message_link": link} if link else None)

    async def _permalink(self, body: dict[str, Any]) -> str | None:
        channel = text_of(body, "channel", "id")
        ts = text_of(body, "message", "ts") or text_of(body, "message_ts")
        if not channel or not ts:
            return None
        try:
            response = await self.client.chat_getPermalink(channel=channel, message_ts=ts)
            link = response.get("permalink")
            if isinstance(link, str) and link.startswith("https://"):
                return link[:MAX_LINK]
        except SLACK_FAILURES as error:
            log.warning("slack: chat.getPermalink failed: %s", type(error).__name__)
        domain = text_of(body, "team", "domain")
        if domain and domain.replace("-", "").isalnum():
            return f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return None
