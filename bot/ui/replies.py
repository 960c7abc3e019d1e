"""The report flow's screens and private views: what the core asks adapters to show while a
report is written and read (question, review, receipt, details, notices)."""

from dataclasses import dataclass, field
from typing import Literal

from bot.audience import ALERTING

Tone = Literal["info", "warning", "emergency", "success", "error"]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


OPTIONAL_MARK = "(optional)"
CHOOSE_ONE = "Choose one"
CHOOSE_ALL = "Choose all that apply"
"""How a flow marks an optional question in its prompt."""


@dataclass(frozen=True)
class Question:
    """One question of a guided flow."""

    flow_title: str
    step_id: str
    prompt: str
    field_type: str
    required: bool
    position: int
    total: int
    help: str | None = None
    placeholder: str | None = None
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    current_value: str | list[str] | None = None
    current_display: str | None = None
    error: str | None = None
    can_go_back: bool = True

    @property
    def hint_in_box(self) -> str | None:
        """What an empty input shows: the flow's placeholder, else for a list of options
        'Choose one' or 'Choose all that apply' (never a blank box)."""
        if self.placeholder:
            return self.placeholder
        if self.field_type == "multi_choice":
            return CHOOSE_ALL
        return CHOOSE_ONE if self.options and self.field_type != "yes_no" else None

    @property
    def unmarked_prompt(self) -> str:
        """The prompt without its "(optional)": for a surface that marks optional inputs itself."""
        bare = self.prompt.removesuffix(OPTIONAL_MARK).rstrip()
        return bare if not self.required and bare else self.prompt

    @property
    def counter(self) -> str:
        """'Question 2 of 5'; empty for a flow of one question (it would only say 1 of 1)."""
        return f"Question {self.position} of {self.total}" if self.total > 1 else ""


@dataclass(frozen=True)
class Notice:
    """Guidance or a status line: emergency guidance, errors, confirmations."""

    text: str
    title: str | None = None
    tone: Tone = "info"


@dataclass(frozen=True)
class SummaryItem:
    step_id: str
    label: str
    value: str


@dataclass(frozen=True)
class Summary:
    """The answers to review before submitting."""

    title: str
    items: tuple[SummaryItem, ...]
    urgency: str
    practice: bool
    seen_by: tuple[str, ...]
    """Who will see the report, by role."""
    privacy: tuple[str, ...] = ()
    """Core wording to show with seen_by: confidential, not anonymous; a concern about staff
    goes around that person (bot.audience)."""


@dataclass(frozen=True)
class Receipt:
    """Shown to the reporter once the report is durably stored."""

    reference: str
    kind_label: str
    urgency: str
    practice: bool
    seen_by: tuple[str, ...]
    next_steps: tuple[str, ...] = ()
    privacy: tuple[str, ...] = ()
    """As on the review: confidential, not anonymous; staff concerns go around the person."""
    incomplete: bool = False
    """A quick alert: the full record is still to be written. Offer 'Complete the record'
    (bot.quick.completion.start_completion with this reference)."""
    status: str = ALERTING
    """Whether anyone could be alerted, in the core's words (bot.audience): shown where a
    platform would otherwise say "the right people are being alerted"."""


@dataclass(frozen=True)
class ReporterInfo:
    """Who filed a report and how to reach them. Only for the private views that show the
    report itself (details, case, chronology, exports): never in alerts, DMs, receipts or
    logs. Built, and worded, by bot.reporter."""

    initials: str
    """Their initials; "guest" for someone not in the config."""
    role: str
    """Their roles, e.g. "staff"; "guest" for someone not in the config."""
    platform: str
    """Where they filed it: "slack", "teams" or "console"."""
    user_id: str
    """Their user id there (Slack U…, Teams 29:… or object id, console person or guest id)."""
    guest: bool
    text: str
    """The words to show, e.g. "JF (staff), on Slack"."""
    contact: str
    """A plain way to reach them, e.g. "Slack user U0JO", for where no mention can be shown."""
    label: str
    """"Reported by"."""
    contact_label: str
    """"Contact", before `contact` or an adapter's mention of them."""
    ids: tuple[tuple[str, str], ...] = ()
    """(platform, user id) where they can be reached: where they filed it first, then the
    ids the config gives them on other platforms. An adapter mentions them with its own."""

    def id_on(self, platform: str) -> str | None:
        """Their user id on this platform, if known."""
        return next((user for where, user in self.ids if where == platform), None)


@dataclass(frozen=True)
class ReportDetails:
    """The full report, for a private view by an authorised person only."""

    reference: str
    kind_label: str
    state: str
    urgency: str
    practice: bool
    recorded_at: str
    occurred_at: str | None
    acknowledged: str | None
    items: tuple[SummaryItem, ...] = field(default_factory=tuple)
    message_link: str | None = None
    """A link to the chat message the report was started from, if any."""
    incomplete: bool = False
    """A quick alert whose full record the reporter has not written yet."""
    reporter: ReporterInfo | None = None
    """Who filed it and how to reach them (the same private view only)."""


@dataclass(frozen=True)
class ReporterQuestion:
    """A lead's question to the reporter, shown only to the reporter in a private view (a
    modal, or a card replaced once answered): never left in message history."""

    reference: str
    number: int
    """The question's entry number on the case: pass it back to answer it."""
    asked_at: str
    text: str
    answered: bool
    max_length: int


Reply = Question | Notice | Summary | Receipt | ReportDetails
