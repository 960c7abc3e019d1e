"""Check-in messages as Adaptive Cards: the core's cards (bot.checkins.cards), and the receipt
or the offer alone (when the receipt was already shown on the report card)."""

import dataclasses
from zoneinfo import ZoneInfo

from adapters.teams import cards as teams_cards
from adapters.teams.card_kit import Element, card, words
from adapters.teams.cards import adaptive_card, render_block
from adapters.teams.notification_cards import receipt_message_card
from bot.checkins.cards import OFFER_QUESTION
from bot.checkins.cards import message_card as core_message_card
from bot.checkins.cards import offer_card as core_offer_card
from bot.checkins.messages import (
    CheckinMessage,
)
from bot.notifications import ReceiptMessage
from bot.ui.cards import Buttons

SUMMARY_ZONE = ZoneInfo("UTC")
"""A card's summary names no time, so any zone gives the same summary."""


@dataclasses.dataclass(frozen=True)
class OfferOnly:
    """In-process only: the receipt was already shown on the report card (Teams replaces the
    form with it), so only the check-in offer is sent."""

    checkin_offer: str


def offer_only(receipt: ReceiptMessage) -> OfferOnly:
    return OfferOnly(receipt.checkin_offer)


def checkin_summary(message: "CheckinMessage | OfferOnly") -> str:
    if isinstance(message, OfferOnly):
        return OFFER_QUESTION
    return summary_text(message)


def offer_card(token: str) -> Element:
    return adaptive_card(core_offer_card(token))


def message_card(message: CheckinMessage | ReceiptMessage | OfferOnly, zone: ZoneInfo
                 ) -> Element:
    if isinstance(message, OfferOnly):
        return offer_card(message.checkin_offer)
    if isinstance(message, ReceiptMessage):
        receipt = receipt_message_card(dataclasses.replace(message, checkin_offer=""))
        offer = core_offer_card(message.checkin_offer)
        said = [out for block in offer.blocks if not isinstance(block, Buttons)
                for out in render_block(block)]
        return {**receipt, "body": [*receipt["body"], *said],
                "actions": [*receipt.get("actions", []), *map(teams_cards.action, offer.buttons())]}
    core = core_message_card(message, zone)
    return adaptive_card(core) if core is not None else card([words(summary_text(message))])


def summary_text(message: CheckinMessage) -> str:
    """The notification preview."""
    core = core_message_card(message, SUMMARY_ZONE)
    return core.summary if core is not None else OFFER_QUESTION
