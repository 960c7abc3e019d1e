"""Buttons on alerts (and the Home tab): Acknowledge in-channel, and View details privately."""

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids, modal
from adapters.slack.details_view import details_view
from adapters.slack.flow_handlers import SLACK_FAILURES
from adapters.slack.payloads import action_value, text_of, user_of
from adapters.slack.text import escape
from bot import details
from bot.access import Action
from bot.acknowledgement import acknowledge
from bot.actors import resolve_actor
from bot.refusals import no_such_report
from bot.runtime import Runtime

log = logging.getLogger(__name__)


class AlertHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client

    async def on_acknowledge(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        user = user_of(body)
        reference = action_value(body)
        if not user or not reference:
            return
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user)
        try:
            result = await acknowledge(self.runtime, actor, reference)
        except Exception:
            log.exception("slack: acknowledging failed")
            await modal.tell(self.client, body, "Sorry, that could not be recorded just now. "
                             "Please press Acknowledge again.")
            return
        if result.refused:  # a button's reference is not echoed back
            text = no_such_report(None, Action.ACKNOWLEDGE)
        else:
            text = ("✅ " if result.status == "acknowledged" else "") + result.text()
        await modal.tell(self.client, body, escape(text))

    async def on_view_details(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        user = user_of(body)
        reference = action_value(body)
        trigger = text_of(body, "trigger_id")
        if not user or not reference or not trigger:
            return
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user)
        try:
            found = await details.view_details(self.runtime, actor, reference)
        except Exception:
            log.exception("slack: reading details failed")
            await modal.tell(self.client, body, "Sorry, the details could not be opened just now.")
            return
        if found is None:
            await modal.tell(self.client, body,
                             escape(no_such_report(None, Action.VIEW_DETAILS)))
            return
        try:
            await self.client.views_open(trigger_id=trigger, view=details_view(found))
        except SLACK_FAILURES as error:
            log.warning("slack: could not open details: %s", type(error).__name__)
            await modal.tell(self.client, body, "Sorry, the details could not be opened just now; "
                                         "please press View details again.")

