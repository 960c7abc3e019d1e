"""Delivers outbox notifications to Teams: alerts to the alert channel and to people's chats."""

import logging
from zoneinfo import ZoneInfo

from botbuilder.schema import ChannelAccount, ConversationParameters

from adapters.teams.activities import card_message
from adapters.teams.checkin_cards import checkin_summary
from adapters.teams.notification_cards import message_card
from adapters.teams.offer import OfferOnly, offer_only
from adapters.teams.references import SERVICE, Reference
from adapters.teams.report_actions import receipt_mark
from adapters.teams.turn import TeamsBot
from bot import inbound
from bot.alert_cards import alert_card
from bot.cases.messages import CaseNotice
from bot.delivery import Outgoing, PermanentError
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage

log = logging.getLogger(__name__)


class TeamsTransport:
    def __init__(self, bot: TeamsBot) -> None:
        self._bot = bot

    async def send(self, item: Outgoing) -> str | None:
        message: Message | OfferOnly = item.message
        if isinstance(item.message, ReceiptMessage) and item.destination_kind == "person" \
                and await self._receipt_already_shown(item.message.reference):
            if not item.message.checkin_offer:
                return None
            message = offer_only(item.message)  # the offer still goes
        reference = await self._where(item)
        zone = self._bot.zone
        activity = card_message(message_card(message, zone), _summary(message, zone))
        connector = self._bot.connector
        if item.replaces_message_id:
            await connector.update(reference.service_url, reference.conversation_id,
                                   item.replaces_message_id, activity)
            return item.replaces_message_id
        return await connector.send(reference.service_url, reference.conversation_id, activity)

    async def _receipt_already_shown(self, reference: str) -> bool:
        return not await inbound.claim(self._bot.runtime, "teams", receipt_mark(reference))

    async def _where(self, item: Outgoing) -> Reference:
        references = self._bot.references
        if item.destination_kind == "channel":
            known = await references.find(item.destination)
            service = known or await references.find(SERVICE)
            if service is None:
                raise PermanentError(
                    "Teams has not been set up yet: add the app to the team that holds the "
                    "alert channel, so the bot learns where to post")
            return Reference(service.service_url, item.destination, service.tenant_id,
                             service.bot_id, False)
        known = await references.find(item.destination)
        if known is not None and known.personal:
            return known
        return await self._open_chat(item.destination)

    async def _open_chat(self, user_id: str) -> Reference:
        """Start a 1:1 chat with someone the bot has not talked to (works once the app is
        installed for them, e.g. pre-installed by a Teams admin)."""
        service = await self._bot.references.find(SERVICE)
        if service is None:
            raise PermanentError(f"no Teams conversation with {user_id} yet")
        parameters = ConversationParameters(
            is_group=False, bot=ChannelAccount(id=service.bot_id),
            members=[ChannelAccount(id=user_id)], tenant_id=service.tenant_id,
            channel_data={"tenant": {"id": service.tenant_id}})
        try:
            conversation_id, _ = await self._bot.connector.create_conversation(
                service.service_url, parameters)
        except PermanentError:
            raise PermanentError(f"{user_id} has not installed the Teams app; the alert "
                                 "channel still has the alert") from None
        reference = Reference(service.service_url, conversation_id, service.tenant_id,
                              service.bot_id, True)
        await self._bot.references.store(user_id, reference)
        return reference


def _summary(message: Message | OfferOnly, zone: ZoneInfo) -> str:
    """The notification preview: reference and kind only (an alert's: the core card's)."""
    if isinstance(message, AlertMessage):
        return alert_card(message, zone).summary
    if isinstance(message, ReceiptMessage | AcknowledgedMessage | CaseNotice):
        return f"{message.kind_label} {message.reference}"
    return checkin_summary(message)
