"""Quick alerts in Slack: 'Complete the record' opens the full flow in a modal (its answers then
go through the ordinary flow handlers). The core decides who may (refusals are audited there).
The follow-up with the reporter is the core's interactions (adapters.slack.dispatch)."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids
from adapters.slack.modal import show
from adapters.slack.payloads import action_value, team_of, user_of
from adapters.slack.view_cache import flow_view_dict
from adapters.slack.views import MAX_BLOCKS, notice_blocks, plain, title
from bot.actors import resolve_actor
from bot.quick.completion import start_completion
from bot.quick.wording import COMPLETE_LABEL, SORRY
from bot.runtime import Runtime
from bot.ui import Notice

log = logging.getLogger(__name__)


class FollowupHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client
        self.zone = runtime.config.organisation.zone

    async def on_complete(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Complete the record: the full flow for the quick alert's kind, in a modal."""
        await ack()
        reference = action_value(body)
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")
        if not reference or not actor.user_id:
            return
        conversation = ids.conversation_id(team_of(body), actor.user_id)
        try:
            replies = await start_completion(self.runtime, actor, conversation, reference[:40])
            view = flow_view_dict(replies, conversation, self.zone)
        except Exception:
            log.exception("slack: starting a completion failed")
            view = _sorry().to_dict()
        await show(self.client, body, view)


def _sorry() -> View:
    return View(type="modal", callback_id=ids.FOLLOWUP_NOTICE_VIEW, title=title(COMPLETE_LABEL),
                close=plain("Close", 24), clear_on_close=True,
                blocks=notice_blocks(Notice(SORRY, tone="error"))[:MAX_BLOCKS])


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    bolt.action(ids.COMPLETE)(FollowupHandlers(runtime, client).on_complete)
