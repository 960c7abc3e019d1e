"""Wellbeing check-ins: staff wellbeing data, kept in their own tables apart from reports.

Nothing here refers to a report: a check-in offered on a receipt keeps no link to it.
"""

from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import Identifier, UTCDateTime


class Checkin(Base):
    """One check-in for one person at a due time, from scheduled to its outcome."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_person", "person_id", "state"),
        Index("ix_checkins_scheduled_by", "scheduled_by", "state"),
    )

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64))
    """Who is checked in on (a person id from the config)."""
    scheduled_by: Mapped[str] = mapped_column(String(64))
    watchers: Mapped[list[str]] = mapped_column(JSON)
    """Who sees the outcome: whoever arranged it, or for one's own check-ins the manager
    (else the wellbeing role)."""
    origin: Mapped[str] = mapped_column(String(20))
    """manager, self or follow_up (scheduled from a yes to the offer on a receipt)."""
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    zone: Mapped[str] = mapped_column(String(64))
    """The time zone the time was given in, and is shown in."""
    state: Mapped[str] = mapped_column(String(20))
    """scheduled, delivered, completed, declined, no_response, undeliverable or cancelled."""
    note_sealed: Mapped[str | None] = mapped_column(Text)
    """An optional note from whoever arranged it, shown to the person; encrypted."""
    progress_sealed: Mapped[str | None] = mapped_column(Text)
    """Answers so far while the person is answering; encrypted."""
    answers_sealed: Mapped[str | None] = mapped_column(Text)
    """The finished answers; encrypted."""
    next_timer_id: Mapped[int | None] = mapped_column(Integer)
    """The one pending timer that may act on this check-in (an older one finds it moved)."""
    delivery_round: Mapped[int] = mapped_column(Integer, default=0)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    """When it reached its outcome (answered, declined, no response, cancelled...)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class CheckinOffer(Base):
    """The offer of a check-in on a report receipt, and the reporter's answer to it."""

    __tablename__ = "checkin_offers"
    __table_args__ = (Index("ix_checkin_offers_person", "person_id", "created_at"),)

    id: Mapped[int] = mapped_column(Identifier, primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    """An opaque id carried by the offer's buttons (nothing links it to the report)."""
    person_id: Mapped[str] = mapped_column(String(64))
    answer: Mapped[str | None] = mapped_column(String(20))
    """yes or not_now, once answered."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CheckinGuest(Base):
    """Someone outside the config (a Slack or Teams guest, a volunteer) who takes up check-ins:
    where to reach them. The id is a hash of the platform and user id (bot.checkins.guests);
    written when they say yes or arrange one, and deleted by retention once none of their
    check-ins or offers remain. Nothing here refers to a report."""

    __tablename__ = "checkin_guests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The guest's person id for check-ins: `guest-` and 16 hex digits."""
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    """Their user id on that platform (Teams ids are long; the outbox addresses up to 200)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
