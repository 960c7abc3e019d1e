"""Domain vocabulary: report kinds, states, urgency, roles and references."""

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


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


@dataclass(frozen=True)
class ReportKind:
    """A kind of report, as the kinds registry declares it (bot.kinds; flows/kinds.yaml)."""

    id: str
    """Stored with each report, e.g. `safeguarding_concern`."""
    prefix: str
    """Two capital letters that start its references, e.g. `SG`."""
    label: str
    """How it reads on alerts, registers and receipts, e.g. `Safeguarding concern`."""
    aliases: tuple[str, ...] = ()
    """Words that start this kind of report when typed after /report, e.g. `breach`."""
    flow: str = ""
    """The id of its full flow (flows/<flow>.yaml); the registry defaults it to `id`."""
    routes: tuple[Role, ...] = ()
    """The roles it goes to unless the config's [routing] says otherwise."""
    choice: str = ""
    """How the quick alert's kind question offers it."""
    retention: timedelta | None = None
    """How long its content is kept unless [retention] says otherwise (None: kept)."""


PRACTICE_PREFIX = "PRACTICE"
CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ"
"""Letters and digits nobody confuses (no 0/O, 1/I/L, no U) and no vowels, so a code never
spells a word."""
CODE_LENGTH = 5
REFERENCE_PATTERN = (r"(?:PRACTICE-)?[A-Z]{2}-\d{4}-(?:\d{4,}|"
                     f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}})")
"""Any reference, numbered (`SG-2026-0007`) or coded (`SG-2026-K7QMX`), for adapters and tests
that pick references out of text."""
_REFERENCE = re.compile(REFERENCE_PATTERN)


@dataclass(frozen=True)
class Reference:
    """A human reference: numbered in order, such as `SG-2026-0007`, or a non-sequential code,
    such as `SG-2026-K7QMX`, for reports whose numbering must not tell anyone anything
    (bot.references says which); `PRACTICE-` in front for practice."""

    kind: ReportKind
    year: int
    number: int = 0
    practice: bool = False
    code: str | None = None
    """A coded reference's code: CODE_LENGTH characters of CODE_ALPHABET, at least one a
    letter (so it never reads as a number)."""

    @property
    def series(self) -> str:
        """The counter a number is drawn from: one per prefix and year."""
        base = self.kind.prefix
        return f"{PRACTICE_PREFIX}-{base}" if self.practice else base

    def __str__(self) -> str:
        tail = self.code if self.code is not None else f"{self.number:04d}"
        return f"{self.series}-{self.year}-{tail}"


def is_code(text: str) -> bool:
    """Could this be a coded reference's code?"""
    return (len(text) == CODE_LENGTH and all(c in CODE_ALPHABET for c in text)
            and not text.isdigit())


def normalise_reference(text: str) -> str:
    """Upper-case and trim what a person typed as a reference."""
    return text.strip().upper()


def looks_like_reference(text: str) -> bool:
    """Is this text a reference (numbered or coded), rather than, say, initials?"""
    return _REFERENCE.fullmatch(normalise_reference(text)) is not None
