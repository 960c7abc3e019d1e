"""Domain vocabulary: report kinds, states, urgency, roles and references."""

from dataclasses import dataclass
from enum import StrEnum


class ReportKind(StrEnum):
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    CONFIDENTIALITY_BREACH = "confidentiality_breach"
    OPERATIONAL_INCIDENT = "operational_incident"

    @property
    def prefix(self) -> str:
        return _PREFIXES[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_PREFIXES = {
    ReportKind.SAFEGUARDING_CONCERN: "SG",
    ReportKind.CONFIDENTIALITY_BREACH: "CB",
    ReportKind.OPERATIONAL_INCIDENT: "OI",
}
_LABELS = {
    ReportKind.SAFEGUARDING_CONCERN: "Safeguarding concern",
    ReportKind.CONFIDENTIALITY_BREACH: "Confidentiality breach",
    ReportKind.OPERATIONAL_INCIDENT: "Operational incident",
}


class ReportState(StrEnum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class Urgency(StrEnum):
    IMMEDIATE_DANGER = "immediate_danger"
    HIGH = "high"
    NORMAL = "normal"

    @property
    def label(self) -> str:
        return {"immediate_danger": "IMMEDIATE DANGER", "high": "High", "normal": "Normal"}[self]

    @property
    def rank(self) -> int:
        """Higher is more urgent."""
        return {"immediate_danger": 3, "high": 2, "normal": 1}[self]


class Role(StrEnum):
    SAFEGUARDING_LEAD = "safeguarding_lead"
    DEPUTY_SAFEGUARDING_LEAD = "deputy_safeguarding_lead"
    CEO = "ceo"
    DATA_PROTECTION_LEAD = "data_protection_lead"
    MANAGER = "manager"
    STAFF = "staff"
    WELLBEING_LEAD = "wellbeing_lead"
    """Arranges wellbeing check-ins for anyone; never sees safeguarding records by this role."""

    @property
    def label(self) -> str:
        """How the role reads in a sentence: 'safeguarding lead', 'CEO'."""
        return _ROLE_LABELS.get(self, self.value.replace("_", " "))


_ROLE_LABELS = {Role.CEO: "CEO"}


PRACTICE_PREFIX = "PRACTICE"


@dataclass(frozen=True)
class Reference:
    """A human reference such as `SG-2026-0007` (or `PRACTICE-SG-2026-0001`)."""

    kind: ReportKind
    year: int
    number: int
    practice: bool = False

    @property
    def series(self) -> str:
        """The counter a number is drawn from: one per prefix and year."""
        base = self.kind.prefix
        return f"{PRACTICE_PREFIX}-{base}" if self.practice else base

    def __str__(self) -> str:
        return f"{self.series}-{self.year}-{self.number:04d}"


def normalise_reference(text: str) -> str:
    """Upper-case and trim what a person typed as a reference."""
    return text.strip().upper()
