"""A report's alert, "acknowledged" notice and private details as cards, on every surface.

Alerts and notices carry reference, kind, urgency and time only: never what happened. The
details card is shown only privately (a modal, a card only the person who pressed sees, the
console) and only after the core has checked who may read it."""

from zoneinfo import ZoneInfo

from bot.notifications import AcknowledgedMessage, AlertMessage
from bot.quick.wording import LEAD_INCOMPLETE
from bot.ui import ReportDetails
from bot.ui.cards import (
    Answer,
    Block,
    Buttons,
    Card,
    Contact,
    Facts,
    Heading,
    Panel,
    Text,
    button,
)
from bot.ui.wording import PRIVATE_DETAILS, duration_words, local_time, urgency_label

ACKNOWLEDGE = "alert.ack"
VIEW_DETAILS = "alert.view"
OPEN_CASE = "case.open"
DETAILS = "report_details"
DANGER_CHECK = ("Immediate danger was reported. Make sure the emergency services have been "
                "called.")
PRACTICE_ONLY = "Practice only: nobody else was alerted and nothing needs doing."
PRIVATE_VIEW = ("Private: only you can see this. Your viewing is recorded; don't copy it into "
                "channels or messages.")
NOT_YET = "not yet"
INCOMPLETE = "Record incomplete"


def _alert_heading(a: AlertMessage) -> Heading:
    kind = a.kind_label.lower()
    if a.practice:
        return Heading(f"Practice alert: {a.kind_label}")
    if a.acknowledged_by:
        return Heading(f"{a.kind_label} {a.reference}: acknowledged", "success")
    if a.step:
        return Heading(f"Escalation {a.step}: {kind} still unacknowledged", "error")
    if a.urgency == "immediate_danger":
        return Heading(f"Immediate danger: new {kind}", "emergency")
    return Heading(f"New {kind}", "warning")


def acknowledged_line(by: str, at: str | None, seconds: int | None, zone: ZoneInfo) -> str:
    when = f" at {local_time(at, zone)}" if at else ""
    return f"Acknowledged by {by}{when}, {duration_words(seconds)} after it was recorded."


def alert_card(a: AlertMessage, zone: ZoneInfo, note: str | None = None) -> Card:
    """A new report, an escalation, or (edited in place) who acknowledged it. `note`: what the
    person who just pressed Acknowledge is told, in the same one panel (never a second)."""
    urgency = urgency_label(a.urgency)
    heading = _alert_heading(a)
    blocks: list[Block] = [heading]
    if a.urgency == "immediate_danger" and not a.acknowledged_by and not a.practice:
        blocks.append(Text(DANGER_CHECK, tone="emergency"))
    blocks.append(Facts((("Reference", a.reference), ("Kind", a.kind_label),
                         ("Urgency", urgency), ("Recorded", local_time(a.recorded_at, zone)))))
    if a.acknowledged_by:
        line = acknowledged_line(a.acknowledged_by, a.acknowledged_at,
                                 a.seconds_to_acknowledge, zone)
        blocks.append(Panel("success", (Text(line), *((Text(note),) if note else ()))))
        summary = f"{a.reference} acknowledged by {a.acknowledged_by}"
    elif a.practice:
        blocks.append(Text(PRACTICE_ONLY, subtle=True))
        summary = f"Practice alert {a.reference}"
    else:
        blocks.append(Text(PRIVATE_DETAILS, subtle=True))
        blocks.append(Buttons((
            button(ACKNOWLEDGE, "Acknowledge", "primary", reference=a.reference),
            button(VIEW_DETAILS, "View details", reference=a.reference))))
        summary = f"{a.kind_label} {a.reference}, urgency {urgency}: please acknowledge"
    return Card(heading.text, summary, tuple(blocks), heading.tone)


def acknowledged_card(m: AcknowledgedMessage, zone: ZoneInfo) -> Card:
    after = duration_words(m.seconds_to_acknowledge)
    if m.to_reporter:
        text = (f"Your report {m.reference} has been acknowledged by {m.acknowledged_by} "
                f"({after} after you submitted it). Thank you for reporting it.")
    else:
        text = (f"{m.reference} ({m.kind_label}) has been acknowledged by {m.acknowledged_by} "
                f"after {after}. Nothing more is needed from you.")
    return Card("Acknowledged", text, (Panel("success", (Text(text),)),), "success")


def refusal_card(text: str) -> Card:
    """The one refusal (bot.refusals): the same for a report that does not exist."""
    return Card("Not available", text, (Panel("error", (Heading("Not available to you", "error"),
                                                         Text(text, tone="error"))),), "error")


def details_card(d: ReportDetails) -> Card:
    """The full report, privately: facts, who reported, the answers, and the way to the case."""
    practice = " (practice)" if d.practice else ""
    pairs = [("State", d.state), ("Urgency", urgency_label(d.urgency)),
             ("Recorded", d.recorded_at)]
    if d.occurred_at:
        pairs.append(("Happened", d.occurred_at))
    pairs.append(("Acknowledged", d.acknowledged or NOT_YET))
    blocks: list[Block] = [Heading(f"{d.reference} · {d.kind_label}{practice}"),
                           Text(PRIVATE_VIEW, tone="warning", subtle=True), Facts(tuple(pairs))]
    if d.reporter:
        r = d.reporter
        blocks.append(Contact(r.label, r.text, r.contact_label, r.contact, r.initials, r.ids))
    if d.incomplete:
        blocks.append(Panel("warning", (Heading(INCOMPLETE, "warning"), Text(LEAD_INCOMPLETE))))
    blocks += [Answer(item.label, item.value) for item in d.items]
    if not d.practice:
        blocks.append(Buttons((button(OPEN_CASE, "Open case", "primary",
                                      reference=d.reference),)))
    return Card("Private report", f"{d.reference} (private)", tuple(blocks), id=DETAILS)
