"""The Bolt AsyncApp: request checks, authorisation without network calls, and our listeners."""

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids
from adapters.slack.case_export import register as register_cases
from adapters.slack.checkin_arrange import register as register_checkins
from adapters.slack.dispatch import register as register_interactions
from adapters.slack.entry_handlers import EntryHandlers
from adapters.slack.flow_handlers import FlowHandlers
from adapters.slack.followup_handlers import register as register_followup
from bot.cases.export_links import ExportLinks
from bot.checkins import away
from bot.runtime import Runtime
from bot.ui.registry import all_interactions

log = logging.getLogger(__name__)
COMMANDS = {ids.AWAY_COMMAND: away.AWAY, ids.BACK_COMMAND: away.BACK}
"""Slash commands that do one interaction of the core (adapters.slack.dispatch)."""


class SingleWorkspace(AsyncAuthorize):
    """This app is installed in one workspace with one bot token: no auth.test per process.

    Bolt's default would call auth.test on the first request, putting a Web API round trip
    (and its failure modes) inside the 3-second window of whichever request comes first.
    """

    def __init__(self, token: str) -> None:
        self.token = token

    async def __call__(self, *, context: AsyncBoltContext, enterprise_id: str | None,
                       team_id: str | None, user_id: str | None, **_: Any) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id,
                               user_id=user_id, bot_token=self.token)


def build_bolt(runtime: Runtime, client: AsyncWebClient, token: str, signing_secret: str,
               links: ExportLinks | None = None) -> AsyncApp:
    """`links` makes personal export downloads (None: SAFEGUARD_PUBLIC_URL is not set)."""
    bolt = AsyncApp(
        name="safeguard-bot",
        signing_secret=signing_secret,
        client=AsyncWebClient(base_url=client.base_url, timeout=client.timeout),
        authorize=SingleWorkspace(token),
        process_before_response=True,
        ignoring_self_events_enabled=False,  # we subscribe to no message events
        logger=logging.getLogger("slack_bolt"),
    )
    flows = FlowHandlers(runtime, client)
    entries = EntryHandlers(runtime, client, flows)
    bolt.command(ids.COMMAND)(flows.on_command)
    bolt.view_submission(ids.QUESTION_VIEW)(flows.on_question)
    bolt.view_submission(ids.REVIEW_VIEW)(flows.on_review)
    bolt.action(ids.BACK)(flows.on_back)
    bolt.action(ids.EDIT)(flows.on_edit)
    bolt.action(ids.DISCARD)(flows.on_discard)
    bolt.action(ids.HOME_REPORT)(entries.on_home_report)
    bolt.action(ids.HOME_PRACTICE)(entries.on_home_practice)
    bolt.action(ids.HOME_QUICK)(entries.on_home_quick)
    bolt.shortcut(ids.MESSAGE_SHORTCUT)(entries.on_message_shortcut)
    bolt.shortcut(ids.GLOBAL_SHORTCUT)(entries.on_global_shortcut)
    bolt.event("app_home_opened")(entries.on_home_opened)
    register_interactions(bolt, runtime, client, all_interactions(), COMMANDS)
    register_checkins(bolt, runtime, client)
    register_cases(bolt, runtime, client, links)
    register_followup(bolt, runtime, client)
    bolt.view_closed(re.compile(".*"))(_ignore)
    return bolt


async def _ignore(ack: Any) -> None:
    await ack()
