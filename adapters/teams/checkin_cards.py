"""Check-in messages as Adaptive Cards: the core's cards (bot.checkins.cards), and the receipt
or the offer alone (when the receipt was already shown on the report card)."""

import dataclasses
from zoneinfo import ZoneInfo

from adapters.teams import cards as teams_cards
from adapters.teams.card_kit import Element, card
from adapters.teams.cards import adaptive_card, render_block
from adapters.teams.notification_cards import receipt_message_card
from adapters.teams.offer import OfferOnly
from bot.checkins.cards import OFFER_QUESTION
from bot.checkins.cards import message_card as core_message_card
from bot.checkins.cards import offer_card as core_offer_card
from bot.checkins.messages import CheckinMessage
from bot.notifications import ReceiptMessage
from bot.ui.cards import Buttons, unrenderable

SUMMARY_ZONE = ZoneInfo("UTC")
"""A card's summary names no time, so any zone gives the same summary."""


def checkin_summary(message: CheckinMessage | OfferOnly) -> str:
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
        return card([*receipt["body"], *said], [*receipt.get("actions", []),
                                                *map(teams_cards.action, offer.buttons())])
    core = core_message_card(message, zone)
    if core is None:
        raise unrenderable(message)
    return adaptive_card(core)


def summary_text(message: CheckinMessage) -> str:
    """The notification preview."""
    core = core_message_card(message, SUMMARY_ZONE)
    if core is None:
        raise unrenderable(message)
    return core.summary
