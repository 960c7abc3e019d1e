"""Text helpers for Block Kit: escaping what users wrote, and fitting Slack's length limits."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.durations import format_duration
from bot.flow.answers import format_local

ELLIPSIS = "…"
TONE_MARK = {"emergency": "🚨", "warning": "⚠️", "error": "❌", "success": "✅", "info": "ℹ️"}


def escape(text: str) -> str:
    """Make text safe inside mrkdwn: no mentions (<@U1>, <!channel>) and no links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + ELLIPSIS


def chunks(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters, preferring line breaks."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", limit // 2, limit)
        if cut <= 0:
            cut = rest.rfind(" ", limit // 2, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ")
    pieces.append(rest)
    return pieces


def local_time(iso: str, zone: ZoneInfo) -> str:
    return format_local(datetime.fromisoformat(iso), zone)


def seconds_text(seconds: int | None) -> str:
    return format_duration(timedelta(seconds=max(seconds or 0, 0)))
