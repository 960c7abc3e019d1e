"""Notifications as Block Kit messages. Reference, kind, urgency and time only: never content."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from adapters.slack import ids
from adapters.slack.notice_messages import notice_blocks
from adapters.slack.text import escape, local_time, seconds_text, urgency_label
from adapters.slack.views import INCOMPLETE, complete_button, plain
from bot.audience import privacy_lines
from bot.cases.messages import CaseNotice
from bot.checkins.messages import CHECKIN_MESSAGES
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage


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
    if isinstance(message, CHECKIN_MESSAGES) or getattr(message, "checkin_offer", ""):
        from adapters.slack.checkin_messages import render_any  # check-ins render there

        return render_any(message, zone)
    if isinstance(message, AlertMessage):
        return _alert(message, zone)
    if isinstance(message, ReceiptMessage):
        return _receipt(message)
    if isinstance(message, CaseNotice):
        return Rendered(escape(message.text), notice_blocks(message))
    return _acknowledged(message)


def _fields(*pairs: tuple[str, str]) -> list[MarkdownTextObject]:
    return [MarkdownTextObject(text=f"*{name}*\n{escape(value)}") for name, value in pairs]


def _alert(a: AlertMessage, zone: ZoneInfo) -> Rendered:
    urgency = urgency_label(a.urgency)
    if a.practice:
        heading = f"Practice alert: {a.kind_label}"
    elif a.step:
        heading = f"⏰ Escalation {a.step}: {a.kind_label} still unacknowledged"
    elif a.urgency == "immediate_danger":
        heading = f"🚨 Immediate danger: new {a.kind_label.lower()}"
    else:
        heading = f"🔔 New {a.kind_label.lower()}"
    blocks: list[Block] = [
        HeaderBlock(text=plain(heading, 150)),
        SectionBlock(fields=_fields(("Reference", a.reference), ("Urgency", urgency),
                                    ("Kind", a.kind_label),
                                    ("Recorded", local_time(a.recorded_at, zone)))),
    ]
    if a.acknowledged_by:
        after = seconds_text(a.seconds_to_acknowledge)
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"✅ Acknowledged by {escape(a.acknowledged_by)} after {after}.")))
        text = f"{a.reference} acknowledged by {a.acknowledged_by} after {after}"
    elif a.practice:
        blocks.append(ContextBlock(elements=[plain(
            "Practice only: nobody else was alerted and nothing needs doing.", 200)]))
        text = f"Practice alert {a.reference}"
    else:
        blocks.append(ContextBlock(elements=[plain(
            "Details are never shown here. View details opens them privately, and each view is "
            "recorded.", 200)]))
        blocks.append(ActionsBlock(block_id=f"alert:{a.reference}", elements=[
            ButtonElement(action_id=ids.ACKNOWLEDGE, text=plain("Acknowledge", 75),
                          value=a.reference, style="primary"),
            ButtonElement(action_id=ids.VIEW_DETAILS, text=plain("View details", 75),
                          value=a.reference),
        ]))
        text = f"{a.kind_label} {a.reference}, urgency {urgency}: please acknowledge"
    return Rendered(escape(text), blocks)


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
            text=f"*Who will see it:* {escape(who)}. {privacy}".strip())),
    ]
    if steps:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*What happens next*\n{steps}")))
    if r.incomplete:
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"*{INCOMPLETE}.* Write the full report with this button, today if you can.")))
        blocks.append(ActionsBlock(block_id="receipt_complete",
                                   elements=[complete_button(r.reference)]))
    blocks.append(ContextBlock(elements=[plain(
        "Reporting something like this can be hard. If it has affected you, ask your manager "
        "for a short wellbeing check-in: it is voluntary and kept apart from the report.", 300)]))
    text = f"Receipt: your report {r.reference} is stored."
    if r.incomplete:
        text += " The record is incomplete: please complete it when you can."
    return Rendered(escape(text), blocks)


def _acknowledged(m: AcknowledgedMessage) -> Rendered:
    after = seconds_text(m.seconds_to_acknowledge)
    if m.to_reporter:
        text = (f"Your report {m.reference} has been picked up by {m.acknowledged_by} "
                f"({after} after you submitted it). Thank you for reporting it.")
    else:
        text = f"{m.reference} ({m.kind_label}) has been acknowledged by {m.acknowledged_by} " \
               f"after {after}."
    safe = escape(text)
    return Rendered(safe, [SectionBlock(text=MarkdownTextObject(text=f"✅ {safe}"))])
