"""Check-in messages as Block Kit: the core's cards (bot.checkins.cards), and the receipt with
the core's check-in offer at its end. Flags only: what a person wrote is never in a message."""

import dataclasses
from zoneinfo import ZoneInfo

from adapters.slack import cards
from adapters.slack.messages import Rendered, render
from bot.checkins.cards import message_card, offer_blocks
from bot.checkins.messages import CheckinMessage
from bot.notifications import ReceiptMessage


def receipt_with_offer(message: ReceiptMessage, zone: ZoneInfo) -> Rendered:
    """The ordinary receipt, then the core's check-in offer."""
    plain_receipt = render(dataclasses.replace(message, checkin_offer=""), zone)
    offer = [out for block in offer_blocks(message.checkin_offer)
             for out in cards.render_block(block)]
    return Rendered(plain_receipt.text, [*plain_receipt.blocks, *offer])


def render_any(message: CheckinMessage | ReceiptMessage, zone: ZoneInfo) -> Rendered:
    if isinstance(message, ReceiptMessage):
        return receipt_with_offer(message, zone)
    card = message_card(message, zone)
    if card is None:
        raise TypeError(f"not a check-in message: {type(message).__name__}")
    text, _ = cards.message(card)
    return Rendered(text, cards.blocks(card))
