"""Plain-text rendering of chronologies for the terminal (the case record is the core's
card, rendered by adapters/console/cards.py)."""

from zoneinfo import ZoneInfo

from bot.cases.chronology import Event
from bot.flow.answers import format_local


def render_chronology(title: str, events: list[Event], zone: ZoneInfo) -> str:
    if not events:
        return f"{title}: nothing to show."
    lines = [f"PRIVATE CHRONOLOGY: {title}"]
    for event in events:
        lines.append(f"  {format_local(event.at, zone)} · {event.reference} · {event.what} "
                     f"· {event.by}")
        lines.extend(f"      {label}: {text}" for label, text in event.parts)
    return "\n".join(lines)
