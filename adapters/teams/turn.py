"""One incoming activity being handled: who sent it, where, and how to answer there."""

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from botbuilder.schema import Activity

from adapters.teams.activities import card_message, is_personal, sender_ids, tenant_of
from adapters.teams.card_kit import Element
from adapters.teams.connector import ConnectorClient
from adapters.teams.references import References
from bot.actors import Actor, resolve_actor
from bot.runtime import Runtime
from bot.ui.actions import Interactions
from bot.ui.registry import all_interactions

if TYPE_CHECKING:
    from adapters.teams.case_export import ExportLinker

log = logging.getLogger(__name__)


@dataclass
class TeamsBot:
    """What every turn shares: the core runtime, the connector and stored references."""

    runtime: Runtime
    connector: ConnectorClient
    references: References
    exports: "ExportLinker | None" = None
    """Personal download links for case exports; None unless SAFEGUARD_PUBLIC_URL is set."""
    interactions: Interactions = field(default_factory=all_interactions)
    """The core's interactions, pressed through adapters.teams.dispatch."""

    @property
    def zone(self) -> ZoneInfo:
        return self.runtime.config.organisation.zone


@dataclass
class Turn:
    bot: TeamsBot
    activity: Activity
    actor: Actor

    @classmethod
    def begin(cls, bot: TeamsBot, activity: Activity) -> "Turn":
        return cls(bot, activity, identify(bot.runtime, activity))

    @property
    def runtime(self) -> Runtime:
        return self.bot.runtime

    @property
    def personal(self) -> bool:
        return is_personal(self.activity)

    @property
    def report_conversation(self) -> str:
        """Where this person's report in progress is kept: one per user, in their 1:1 chat."""
        return f"teams:{tenant_of(self.activity)}:{self.actor.user_id}:report"

    async def reply(self, card: Element, summary: str | None = None) -> str | None:
        activity = self.activity
        return await self.bot.connector.send(
            activity.service_url, activity.conversation.id, card_message(card, summary),
            reply_to=activity.id)

    async def post(self, card: Element) -> str | None:
        activity = self.activity
        return await self.bot.connector.send(activity.service_url, activity.conversation.id,
                                             card_message(card))

    async def replace(self, activity_id: str, card: Element) -> None:
        """Edit a message the bot sent earlier in this conversation (e.g. the form card)."""
        activity = self.activity
        await self.bot.connector.update(activity.service_url, activity.conversation.id,
                                        activity_id, card_message(card))


def identify(runtime: Runtime, activity: Activity) -> Actor:
    """The person from the config by Teams user id, else by Entra object id, else unknown."""
    ids = sender_ids(activity)
    for user_id in ids:
        actor = resolve_actor(runtime.config, "teams", user_id)
        if actor.person is not None:
            return actor
    return resolve_actor(runtime.config, "teams", ids[0] if ids else "unknown")
