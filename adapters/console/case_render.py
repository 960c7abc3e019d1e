"""Plain-text rendering of the case record, its clocks and chronologies for the terminal."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cases.chronology import Event
from bot.cases.record import CaseView, ClockView
from bot.durations import format_duration
from bot.flow.answers import format_local
from bot.reporter import line as reporter_line


def _clock(clock: ClockView, now: datetime, zone: ZoneInfo) -> str:
    due = format_local(clock.due_at, zone)
    status = clock.status.replace("_", " ")
    line = f"    [{status}] {clock.label} ({clock.basis}): due {due}"
    if clock.status == "running":
        line += f", {format_duration(clock.due_at - now)} left"
    elif clock.met_at is not None:
        line += f"; met {format_local(clock.met_at, zone)} by entry #{clock.met_by}"
    return line


def render_case(view: CaseView, zone: ZoneInfo) -> str:
    practice = " (practice)" if view.practice else ""
    lines = [
        f"PRIVATE CASE: {view.reference} · {view.kind_label}{practice} · {view.state} · "
        f"urgency {view.urgency.replace('_', ' ')}",
        f"  Recorded {format_local(view.recorded_at, zone)}",
    ]
    if view.reporter:
        lines.append(f"  {reporter_line(view.reporter)}")
    if view.incomplete:
        lines.append("  RECORD INCOMPLETE: a quick alert; the reporter has not added the full "
                     "record yet (/view shows the quick account).")
    if view.unanswered:
        numbers = ", ".join(f"#{n}" for n in view.unanswered)
        lines.append(f"  Waiting for the reporter to answer: question {numbers}")
    if view.acknowledged_at:
        lines.append(f"  Acknowledged by {view.acknowledged_by}, "
                     f"{format_local(view.acknowledged_at, zone)} · Held by {view.holder}")
    if view.closed_at:
        lines.append(f"  Closed {format_local(view.closed_at, zone)}: {view.outcome} "
                     "(read-only; /reopen adds a new entry)")
    if view.clocks:
        lines.append("  Clocks:")
        lines.extend(_clock(clock, view.now, zone) for clock in view.clocks)
    lines.append("  Entries:" if view.entries else "  No entries yet.")
    for entry in view.entries:
        lines.append(f"    #{entry.sequence} {format_local(entry.at, zone)} · {entry.by} · "
                     f"{entry.summary}")
        lines.extend(f"        {label}: {text}" for label, text in entry.parts)
        if entry.erased:
            lines.append("        (content erased under the retention policy)")
    return "\n".join(lines)


def render_chronology(title: str, events: list[Event], zone: ZoneInfo) -> str:
    if not events:
        return f"{title}: nothing to show."
    lines = [f"PRIVATE CHRONOLOGY: {title}"]
    for event in events:
        lines.append(f"  {format_local(event.at, zone)} · {event.reference} · {event.what} "
                     f"· {event.by}")
        lines.extend(f"      {label}: {text}" for label, text in event.parts)
    return "\n".join(lines)
