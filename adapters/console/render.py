"""Plain-text rendering of the core's UI models and notifications for the terminal."""

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from adapters.console.cards import TextCards
from bot.alert_cards import acknowledged_card, alert_card
from bot.cases.messages import CaseNotice
from bot.checkins.cards import message_card as checkin_message_card
from bot.checkins.cards import offer_card
from bot.checkins.messages import CHECKIN_MESSAGES
from bot.config import OrgConfig
from bot.details import ReportLine
from bot.durations import format_duration
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage
from bot.reporter import line as reporter_line
from bot.ui import Notice, Question, Receipt, Reply, ReportDetails, Summary
from bot.ui.cards import unrenderable
from bot.ui.registry import all_interactions
from bot.ui.wording import TYPING_HINTS, WHO_WILL_SEE, urgency_label

_TONE_MARK = {"emergency": "!!! ", "warning": "! ", "error": "x ", "success": "", "info": ""}
def render(reply: Reply) -> str:
    if isinstance(reply, Question):
        return _question(reply)
    if isinstance(reply, Notice):
        title = f"{reply.title}: " if reply.title else ""
        keep = " (Or type 'keep'.)" if reply.title == "Initials only" else ""
        return f"{_TONE_MARK[reply.tone]}{title}{reply.text}{keep}"
    if isinstance(reply, Summary):
        return _summary(reply)
    if isinstance(reply, Receipt):
        return _receipt(reply)
    return _details(reply)


def _question(q: Question) -> str:
    lines = []
    if q.error:
        lines.append(f"x {q.error}")
    lines.append(f"[{q.position}/{q.total}] {q.prompt}" if q.counter else q.prompt)
    if q.help:
        lines.append(f"    {q.help.strip()}")
    if q.options and q.field_type != "yes_no":
        lines.extend(f"    {i}) {option.label}" for i, option in enumerate(q.options, 1))
    hint = TYPING_HINTS.get(q.field_type)
    if hint:
        lines.append(f"    {hint}")
    if not q.required:
        lines.append("    Optional: press Enter to skip.")
    if q.current_display is not None:
        lines.append(f"    Current answer: {q.current_display} (type 'keep' to keep it)")
    return "\n".join(lines)


def _summary(s: Summary) -> str:
    lines = [f"Review your {s.title.lower()}{' (PRACTICE)' if s.practice else ''}:"]
    lines.extend(f"  {i}. {item.label}: {item.value}" for i, item in enumerate(s.items, 1))
    lines.append(f"Urgency: {urgency_label(s.urgency)}")
    if s.seen_by:
        privacy = " ".join(s.privacy) or ("It is confidential, not anonymous; a concern about "
                                          "a member of staff goes around that person.")
        lines.append(f"{WHO_WILL_SEE}: {', '.join(s.seen_by)}. {privacy}")
    lines.append("Type 'submit' to send it, 'edit N' to change answer N, 'back', or 'cancel'.")
    return "\n".join(lines)


def _receipt(r: Receipt) -> str:
    practice = " (practice)" if r.practice else ""
    lines = [f"Submitted{practice}. Your reference is {r.reference}. "
             f"It is stored. {r.status}"]
    if r.seen_by:
        lines.append(f"{WHO_WILL_SEE}: {', '.join(r.seen_by)}. {' '.join(r.privacy)}".strip())
    lines.extend(f"  - {step}" for step in r.next_steps)
    if r.incomplete:
        lines.append(f"RECORD INCOMPLETE: finish it with /complete {r.reference}")
    return "\n".join(lines)


def _details(d: ReportDetails) -> str:
    lines = [
        f"PRIVATE: {d.reference} · {d.kind_label}{' (practice)' if d.practice else ''}",
        f"  State: {d.state} · Urgency: {urgency_label(d.urgency)}",
        f"  Recorded: {d.recorded_at}" + (f" · Happened: {d.occurred_at}" if d.occurred_at else ""),
    ]
    if d.reporter:
        lines.append(f"  {reporter_line(d.reporter)}")
    if d.acknowledged:
        lines.append(f"  Acknowledged by {d.acknowledged}")
    lines.extend(f"  - {item.label}: {item.value}" for item in d.items)
    return "\n".join(lines)


def render_lines(lines: list[ReportLine], now: datetime) -> str:
    if not lines:
        return "No reports to show."
    return "\n".join(
        f"  {line.reference} · {line.kind_label} · {line.state} · "
        f"{urgency_label(line.urgency)} · {format_duration(now - line.recorded_at)} ago"
        for line in lines
    )


def render_message(message: Message, config: OrgConfig) -> str:
    zone = config.organisation.zone
    if isinstance(message, CHECKIN_MESSAGES):
        card = checkin_message_card(message, zone)
        return text_cards().line(card) if card is not None else ""
    if isinstance(message, AlertMessage):
        return _alert(message, zone)
    if isinstance(message, CaseNotice):
        hint = _NOTICE_HINTS.get(message.notice, "")
        return message.text + (hint.format(ref=message.reference, n=message.step) if hint else "")
    if isinstance(message, ReceiptMessage):
        steps = " ".join(message.next_steps)
        offer = (f" {text_cards().line(offer_card(message.checkin_offer))}"
                 if message.checkin_offer else "")
        finish = f" Finish it: /complete {message.reference}" if message.incomplete else ""
        return (f"Receipt: your {message.kind_label.lower()} {message.reference} is stored. "
                f"{WHO_WILL_SEE}: {', '.join(message.seen_by)}. {steps}").strip() + finish + (
                    offer)
    if isinstance(message, AcknowledgedMessage):
        return _acknowledged(message, zone)
    raise unrenderable(message)


_NOTICE_HINTS = {
    "question": " (/answer {ref} {n})",
    "answered": " (/case {ref})",
    "completed": " (/case {ref})",
    "completion_reminder": " (/complete {ref})",
}
"""What to type next at the console, after a notice's own (content-free) text."""


@cache
def text_cards() -> TextCards:
    """The terminal's renderer, with the console command of every interaction."""
    return TextCards(all_interactions().console_command)


def _alert(a: AlertMessage, zone: ZoneInfo) -> str:
    return text_cards().line(alert_card(a, zone))


def _acknowledged(m: AcknowledgedMessage, zone: ZoneInfo) -> str:
    return text_cards().line(acknowledged_card(m, zone))


def format_duration_seconds(seconds: int | None) -> str:
    return format_duration(timedelta(seconds=max(seconds or 0, 0)))
