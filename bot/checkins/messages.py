"""Check-in notifications. Never answers: at most the flags a manager must act on.

(The offer itself rides on the report's receipt: ReceiptMessage.checkin_offer.)

Registered in bot.notifications so the outbox can carry them; adapters render them. People
are named by initials, as everywhere else.
"""

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class CheckinRequestedMessage:
    """To the manager (or wellbeing role): this person would like a check-in."""

    type: ClassVar[str] = "checkin_requested"
    person_id: str
    person_initials: str
    follow_ups: tuple[str, ...] = ()
    """When the organisation's default follow-ups were scheduled (ISO times), if any."""
    zone: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "follow_ups", tuple(self.follow_ups))


@dataclass(frozen=True)
class CheckinNoticeMessage:
    """To the person: a check-in was arranged for them, moved, or cancelled."""

    type: ClassVar[str] = "checkin_notice"
    checkin_id: int
    change: str
    """scheduled, moved or cancelled."""
    due_at: str
    zone: str
    by_initials: str


@dataclass(frozen=True)
class CheckinDueMessage:
    """To the person at the due time (or as the one gentle reminder)."""

    type: ClassVar[str] = "checkin_due"
    checkin_id: int
    arranged_by: str
    """Initials of whoever arranged it; empty when the person arranged it themselves."""
    reminder: bool = False


@dataclass(frozen=True)
class CheckinOutcomeMessage:
    """To whoever arranged it: what happened. Flags only; a shared note is read privately."""

    type: ClassVar[str] = "checkin_outcome"
    checkin_id: int
    person_initials: str
    outcome: str
    """completed, declined, no_response or undeliverable."""
    talk: str = ""
    """manager, someone_else, or empty."""
    low_score: bool = False
    note_shared: bool = False
    late: bool = False
    """Answered after "no response" was already sent."""

    @property
    def needs_attention(self) -> bool:
        return bool(self.talk) or self.low_score or self.outcome == "undeliverable"

    def details(self) -> list[str]:
        """What the arranger should know, in words every platform shows the same way."""
        found = []
        if self.talk:
            found.append("asked to talk to " + ("you" if self.talk == "manager" else
                                                "someone else (the wellbeing lead has been told)"))
        if self.low_score:
            found.append("they may be having a hard time (low score)")
        if self.outcome == "undeliverable":
            found.append("please check in with them another way")
        return found


@dataclass(frozen=True)
class CheckinTalkMessage:
    """To whoever the person asked to talk to, when that is not who arranged the check-in."""

    type: ClassVar[str] = "checkin_talk"
    checkin_id: int
    person_id: str
    person_initials: str
    asked_for: str
    """manager (the recipient is their manager, or the wellbeing role when they have none) or
    someone_else (the recipient holds the wellbeing role)."""


CheckinMessage = (CheckinRequestedMessage | CheckinNoticeMessage | CheckinDueMessage
                  | CheckinOutcomeMessage | CheckinTalkMessage)
CHECKIN_MESSAGES: tuple[type[CheckinMessage], ...] = (
    CheckinRequestedMessage, CheckinNoticeMessage, CheckinDueMessage, CheckinOutcomeMessage,
    CheckinTalkMessage,
)


def is_checkin_message(message: object) -> bool:
    return isinstance(message, CHECKIN_MESSAGES)
