"""ORM models: reports, flow progress, the outbox, timers and the audit trail."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import Identifier, UTCDateTime


class Base(DeclarativeBase):
    pass


OPEN_REPORTS = "state <> 'closed'"
"""The predicate of the open-reports index; queries must use it literally to use the index."""


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_open", "recorded_at", postgresql_where=text(OPEN_REPORTS),
              sqlite_where=text(OPEN_REPORTS)),
        # covers counting by month and kind (annual picture, register) without the rows
        Index("ix_reports_month", "recorded_at", "kind", "is_practice"),
    )

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), index=True)
    urgency: Mapped[str] = mapped_column(String(20))
    is_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    flow_id: Mapped[str] = mapped_column(String(64))
    flow_version: Mapped[int] = mapped_column(Integer)
    reporter_platform: Mapped[str] = mapped_column(String(20))
    reporter_user_id: Mapped[str] = mapped_column(String(128))
    reporter_person_id: Mapped[str | None] = mapped_column(String(64))
    subject_person_id: Mapped[str | None] = mapped_column(String(64))
    about_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discovered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    answers_sealed: Mapped[str] = mapped_column(Text)
    """The answers, encrypted (bot.records opens them for authorised views only)."""
    context_sealed: Mapped[str] = mapped_column(Text)
    """Where the report started from, e.g. a link to a chat message; encrypted."""
    routed_roles: Mapped[list[str]] = mapped_column(JSON)
    escalation_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """The escalation plan as it stood when the report was filed (bot.escalation_snapshot);
    NULL for reports filed before it was kept (derived from the config on first use)."""
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """While set, retention never erases this record."""
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When retention erased the content (the entry itself is kept, empty)."""
    version: Mapped[int] = mapped_column(Integer, default=1)


class ReferenceCounter(Base):
    """The last number handed out per reference series and year (e.g. SG, 2026); a coded
    reference (bot.references) is claimed here once as its own series (e.g. SG-K7QMX, 2026, 0),
    so no code is ever handed out twice."""

    __tablename__ = "reference_counters"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class FlowSession(Base):
    """A flow in progress in one conversation, so a restart mid-flow loses nothing."""

    __tablename__ = "flow_sessions"
    __table_args__ = (UniqueConstraint("platform", "conversation_id"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(128))
    flow_id: Mapped[str] = mapped_column(String(64))
    state_sealed: Mapped[str] = mapped_column(Text)
    """The answers so far, encrypted."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class OutboxMessage(Base):
    """A notification to send, written in the same transaction as the change that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(20))
    destination_kind: Mapped[str] = mapped_column(String(20))
    destination: Mapped[str] = mapped_column(String(200))
    recipient_person_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    replaces_key: Mapped[str | None] = mapped_column(String(200))
    """The dedupe key of an earlier message this one edits in place (e.g. the channel alert)."""
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_token: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    platform_message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    outcome_unknown: Mapped[bool] = mapped_column(Boolean, default=False)
    """The last attempt may have reached the platform; check before sending again."""


class Timer(Base):
    """Something to do at a due time (an escalation step, later reminders and check-ins)."""

    __tablename__ = "timers"
    __table_args__ = (
        Index("ix_timers_due", "status", "due_at"),
        UniqueConstraint("report_id", "kind", "step"),
    )

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    step: Mapped[int] = mapped_column(Integer, default=1)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lease_token: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Who did what to which record, and when. Never any report content."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(40))
    actor_platform: Mapped[str | None] = mapped_column(String(20))
    actor_user_id: Mapped[str | None] = mapped_column(String(128))
    actor_person_id: Mapped[str | None] = mapped_column(String(64))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 over prev_hash and this entry: editing or deleting any entry breaks the chain."""
    mac: Mapped[str] = mapped_column(String(120))
    """`m1.<key id>.<HMAC>` of `hash` with a key derived from the key ring: without the key,
    nobody can recompute the chain after changing an entry."""


class ChainHead(Base):
    """The newest link of a chain (`audit` or `case_entries`), kept apart from its table and
    signed, so removing the newest entries (or all of them) shows: the head still counts them.
    Advanced in the same transaction as each entry (storage.repositories.chain)."""

    __tablename__ = "chain_heads"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)
    last_id: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(120))
    """`m1.<key id>.<HMAC>` of name, count, last id and last hash."""


class PlatformConversation(Base):
    """How to reach a person or channel proactively on a platform (e.g. a Teams reference)."""

    __tablename__ = "platform_conversations"
    __table_args__ = (UniqueConstraint("platform", "address"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    """A user id or channel id on that platform."""
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InboundRequest(Base):
    """Requests already handled, so a platform's retry never acts twice."""

    __tablename__ = "inbound_requests"
    __table_args__ = (UniqueConstraint("platform", "request_key"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    request_key: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class InteractionKey(Base):
    """A signed interaction already acted on (a hash of its payload, an activity id), written
    in the same transaction as what it did, so a replay acts once; purged after its window."""

    __tablename__ = "interaction_keys"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PrivateView(Base):
    """A private view (a modal) the bot opened for one person: a later request may refresh
    only a view the bot opened for that same person, never one named in the request."""

    __tablename__ = "private_views"
    __table_args__ = (
        UniqueConstraint("platform", "view_id"),
        Index("ix_private_views_owner", "platform", "user_id", "purpose"),
    )

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    view_id: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(20))
    """What the view shows, e.g. 'case' or 'checkin'."""
    reference: Mapped[str | None] = mapped_column(String(40))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Absence(Base):
    """Someone is away: they are skipped when alerts go out, and the next person is alerted."""

    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_person", "person_id", "ends_at"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))


class JobRun(Base):
    """When a periodic job (e.g. retention) last ran, so one replica runs it per period."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(UTCDateTime)
