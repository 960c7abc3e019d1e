"""The case record's notification: one content-free notice type (clock reminders, assignment,
feedback to the reporter). No imports from bot.notifications, so that module can register
it (`CASE_MESSAGES`) without an import cycle."""

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class CaseNotice:
    type: ClassVar[str] = "case_notice"
    reference: str
    kind_label: str
    notice: str
    """clock_reminder, clock_overdue, assigned or feedback."""
    text: str
    """The whole message, content-free, ready to show on any platform as it is."""
    step: int = 0
    """The case entry's sequence (keeps each notice's outbox key distinct)."""
    due_at: str | None = None
    to_reporter: bool = False


CASE_MESSAGES = (CaseNotice,)
