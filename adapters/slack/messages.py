"""Notifications as Block Kit messages. Reference, kind, urgency and time only: never content."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    MarkdownTextObject,
    SectionBlock,
)

from adapters.slack import cards
from adapters.slack.notice_messages import notice_blocks
from adapters.slack.text import escape
from adapters.slack.views import INCOMPLETE, complete_button
from bot.alert_cards import acknowledged_card, alert_card
from bot.audience import privacy_lines
from bot.cases.messages import CaseNotice
from bot.checkins.messages import CHECKIN_MESSAGES
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage
from bot.ui.cards import unrenderable
from bot.ui.wording import WHO_WILL_SEE


@dataclass(frozen=True)
class Rendered:
    text: str
    """The notification text (also what screen readers and push notifications show)."""
    blocks: list[Block]

    def block_dicts(self) -> list[dict]:
        return [block.to_dict() for block in self.blocks]


def content(message: Message, zone: ZoneInfo) -> tuple[str, list[dict[str, Any]]]:
    """A notification's text and Block Kit dicts, built and validated with slack_sdk.models
    once per distinct message: the alert to the channel and to each lead is one rendering.
    The dicts are shared: read them, never change them."""
    try:
        hash(message)
    except TypeError:  # a message that cannot be a cache key is rendered every time
        rendered = render(message, zone)
        return rendered.text, rendered.block_dicts()
    return _content(message, zone)


@lru_cache(maxsize=256)
def _content(message: Message, zone: ZoneInfo) -> tuple[str, list[dict[str, Any]]]:
    rendered = render(message, zone)
    return rendered.text, rendered.block_dicts()


def render(message: Message, zone: ZoneInfo) -> Rendered:
    if isinstance(message, CHECKIN_MESSAGES) or (isinstance(message, ReceiptMessage)
                                                  and message.checkin_offer):
        from adapters.slack.checkin_messages import render_any  # check-ins render there

        return render_any(message, zone)
    if isinstance(message, AlertMessage):
        return _alert(message, zone)
    if isinstance(message, ReceiptMessage):
        return _receipt(message)
    if isinstance(message, CaseNotice):
        return Rendered(escape(message.text), notice_blocks(message))
    if isinstance(message, AcknowledgedMessage):
        return _acknowledged(message, zone)
    raise unrenderable(message)


def _alert(a: AlertMessage, zone: ZoneInfo) -> Rendered:
    card = alert_card(a, zone)
    return Rendered(escape(card.summary), cards.blocks(card))


PRIVACY = frozenset(line for about in (True, False) for practice in (True, False)
                   for line in privacy_lines(about, practice))
"""The core's 'who will see it' sentences, which the receipt's next steps end with."""


def _receipt(r: ReceiptMessage) -> Rendered:
    practice = " (practice)" if r.practice else ""
    who = ", ".join(r.seen_by) or "the safeguarding lead"
    privacy = " ".join(escape(step) for step in r.next_steps if step in PRIVACY)
    steps = "\n".join(f"• {escape(step)}" for step in r.next_steps if step not in PRIVACY)
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(
            text=f"Your {escape(r.kind_label.lower())} *{escape(r.reference)}*{practice} is "
                 "stored. Thank you for reporting it.")),
        SectionBlock(text=MarkdownTextObject(
            text=f"*{WHO_WILL_SEE}:* {escape(who)}. {privacy}".strip())),
    ]
    if steps:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*What happens next*\n{steps}")))
    if r.incomplete:
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"*{INCOMPLETE}.* Write the full report with this button, today if you can.")))
        blocks.append(ActionsBlock(block_id="receipt_complete",
                                   elements=[complete_button(r.reference)]))
    # the check-in is offered once, in the core's words, after the receipt (checkin_messages)
    text = f"Receipt: your report {r.reference} is stored."
    if r.incomplete:
        text += " The record is incomplete: please complete it when you can."
    return Rendered(escape(text), blocks)


def _acknowledged(m: AcknowledgedMessage, zone: ZoneInfo) -> Rendered:
    card = acknowledged_card(m, zone)
    return Rendered(escape(card.summary), cards.blocks(card))
