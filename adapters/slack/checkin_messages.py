"""Check-in notifications as Block Kit, and the check-in offer on a report's receipt.

Flags only: what a person wrote is never in a message (a shared note opens in a private modal).
"""

import dataclasses
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    SectionBlock,
)

from adapters.slack import cards
from adapters.slack import checkin_ids as cids
from adapters.slack.messages import Rendered, render
from adapters.slack.text import escape
from adapters.slack.views import plain
from bot.checkins.cards import message_card, offer_blocks
from bot.checkins.messages import (
    CheckinMessage,
    CheckinRequestedMessage,
)
from bot.checkins.wording import time_with_zone
from bot.notifications import ReceiptMessage


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _button(label: str, action: str, value: str, style: str | None = None,
            confirm: ConfirmObject | None = None) -> ButtonElement:
    return ButtonElement(action_id=action, text=plain(label, 75), value=value, style=style,
                         confirm=confirm)


def receipt_with_offer(message: ReceiptMessage, zone: ZoneInfo) -> Rendered:
    """The ordinary receipt, then the core's check-in offer."""
    plain_receipt = render(dataclasses.replace(message, checkin_offer=""), zone)
    offer = [out for block in offer_blocks(message.checkin_offer)
             for out in cards.render_block(block)]
    return Rendered(plain_receipt.text, [*plain_receipt.blocks, *offer])


def render_any(message: CheckinMessage | ReceiptMessage, zone: ZoneInfo) -> Rendered:
    if isinstance(message, ReceiptMessage):
        return receipt_with_offer(message, zone)
    return render_checkin(message, zone)


def render_checkin(message: CheckinMessage, zone: ZoneInfo) -> Rendered:
    card = message_card(message)
    if card is not None:
        text, _ = cards.message(card)
        return Rendered(text, cards.blocks(card))
    assert isinstance(message, CheckinRequestedMessage), message
    return _requested(message, zone)


def _requested(m: CheckinRequestedMessage, zone: ZoneInfo) -> Rendered:
    text = (f"{m.person_initials} would like someone to check in with them after a difficult "
            "session.")
    blocks: list[Block] = [_section(f"🤝 {escape(text)}")]
    if m.follow_ups:
        shown = ZoneInfo(m.zone) if m.zone else zone
        times = "\n".join(f"• {time_with_zone(moment, shown)}" for moment in m.follow_ups)
        blocks.append(_section(f"Follow-up check-ins are already scheduled:\n{times}"))
    blocks.append(ActionsBlock(block_id="checkin_requested", elements=[
        _button("Schedule a check-in", cids.SCHEDULE_FOR, m.person_id, "primary")]))
    return Rendered(escape(text), blocks)
