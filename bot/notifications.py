"""Neutral notification messages (never report content) and how they are addressed."""

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from bot.cases.messages import CASE_MESSAGES, CaseNotice
from bot.checkins.messages import CHECKIN_MESSAGES, CheckinMessage
from bot.config import OrgConfig, Person


@dataclass(frozen=True)
class AlertMessage:
    """A new report needs a lead: reference, kind, urgency and time only."""

    type: ClassVar[str] = "alert"
    reference: str
    kind_label: str
    urgency: str
    recorded_at: str
    practice: bool = False
    step: int = 0
    """0 for the first alert; 1 onwards for escalations and reminders."""
    acknowledged_by: str | None = None
    acknowledged_at: str | None = None
    seconds_to_acknowledge: int | None = None


@dataclass(frozen=True)
class ReceiptMessage:
    """Sent to the reporter once the report is stored."""

    type: ClassVar[str] = "receipt"
    reference: str
    kind_label: str
    urgency: str
    practice: bool
    seen_by: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    checkin_offer: str = ""
    """An offer of a wellbeing check-in (its token; see bot.checkins.offer), if any."""
    incomplete: bool = False
    """A quick alert: the full record is still to be written (offer 'Complete the record';
    bot.quick.completion.start_completion)."""


@dataclass(frozen=True)
class AcknowledgedMessage:
    """Tells the reporter, and the others alerted, that a lead has the report."""

    type: ClassVar[str] = "acknowledged"
    reference: str
    kind_label: str
    acknowledged_by: str
    acknowledged_at: str
    seconds_to_acknowledge: int
    to_reporter: bool = False


Message = AlertMessage | ReceiptMessage | AcknowledgedMessage | CheckinMessage | CaseNotice
MESSAGE_TYPES: tuple[type[Message], ...] = (AlertMessage, ReceiptMessage, AcknowledgedMessage,
                                            *CHECKIN_MESSAGES, *CASE_MESSAGES)
"""Every message type: each surface renders each (tests/test_architecture.py)."""
_TYPES: dict[str, type[Message]] = {
    cls.type: cls for cls in (AlertMessage, ReceiptMessage, AcknowledgedMessage,
                              *CHECKIN_MESSAGES, *CASE_MESSAGES)
}


def to_payload(message: Message) -> dict[str, Any]:
    return {"type": message.type, **asdict(message)}


def from_payload(payload: dict[str, Any]) -> Message:
    data = dict(payload)
    cls = _TYPES[data.pop("type")]
    for key in ("seen_by", "next_steps"):
        if key in data:
            data[key] = tuple(data[key])
    return cls(**data)


@dataclass(frozen=True)
class Address:
    """One place a notification goes: a person's direct messages or an alert channel."""

    platform: str
    kind: str
    """'person' or 'channel'."""
    destination: str
    person_id: str | None = None

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.kind}:{self.destination}"


CONSOLE_CHANNEL = "alerts"


def person_addresses(person: Person, platforms: tuple[str, ...]) -> list[Address]:
    """Every platform in this deployment where the person can be reached directly."""
    found = []
    for platform in platforms:
        user = {"console": person.id, "slack": person.slack_user, "teams": person.teams_user}.get(
            platform
        )
        if user:
            found.append(Address(platform, "person", user, person.id))
    return found


def channel_addresses(config: OrgConfig, platforms: tuple[str, ...]) -> list[Address]:
    found = []
    channels = {
        "console": CONSOLE_CHANNEL,
        "slack": config.slack.alert_channel,
        "teams": config.teams.alert_conversation,
    }
    for platform in platforms:
        if channels.get(platform):
            found.append(Address(platform, "channel", str(channels[platform])))
    return found


@dataclass
class Batch:
    """Notifications gathered during one change, written to the outbox in its transaction."""

    items: list[tuple[str, Address, Message, str | None]] = field(default_factory=list)

    def add(self, event: str, address: Address, message: Message, replaces: str | None = None):
        self.items.append((event, address, message, replaces))
