"""ORM model for the case record: append-only entries after a report is acknowledged."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import Identifier, UTCDateTime


class CaseEntry(Base):
    """One thing recorded on a case. Rows are only ever added (retention may empty
    `content_sealed`, keeping the row). Codes are plain; whatever a person typed is sealed."""

    __tablename__ = "case_entries"
    __table_args__ = (
        UniqueConstraint("report_id", "sequence"),
        Index("ix_case_entries_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    """1, 2, 3 … per report: the entry's number on its case."""
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_person_id: Mapped[str | None] = mapped_column(String(64))
    """Who recorded it (None for the bot's own entries, such as clock reminders)."""
    code: Mapped[str | None] = mapped_column(String(40))
    """A decision, a referral or closure outcome, or a clock's key."""
    agency: Mapped[str | None] = mapped_column(String(40))
    effective_on: Mapped[date | None] = mapped_column(Date)
    """The day something happened outside the bot, e.g. the date of a referral."""
    person_id: Mapped[str | None] = mapped_column(String(64))
    """Whom a case was assigned to."""
    related_report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    refers_to: Mapped[int | None] = mapped_column(Integer)
    """The sequence of an earlier entry on the same case (a referral's outcome, a reopening's
    closure, the decision that started a clock)."""
    content_sealed: Mapped[str] = mapped_column(Text)
    """What was typed (note text, reasons, their reference number), encrypted and bound to
    this report and entry."""
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 over prev_hash and this entry's plain fields, in one chain across all cases
    (the sealed content is bound to its entry by AES-GCM instead: rotation and retention
    re-seal it without touching the chain)."""
    mac: Mapped[str] = mapped_column(String(120))
    """`m1.<key id>.<HMAC>` of `hash` (see AuditEvent.mac)."""
