"""How a check-in ends, and who is told: flags only, at once; a shared note is read privately.

- Whoever arranged it (its watchers) hears that it happened, whether the person asked to talk,
  and a low-score flag; "no response" and "could not be delivered" likewise.
- A request to talk also reaches the person asked for at once: the manager (else the
  wellbeing role), or the wellbeing role for "someone else".
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.checkins import notify, records
from bot.checkins.messages import CheckinOutcomeMessage, CheckinTalkMessage
from bot.checkins.people import (
    NOBODY,
    contacts_for,
    kept_from,
    label,
    person_by_id,
    wellbeing_holders,
)
from bot.config import OrgConfig, Person
from bot.runtime import Runtime
from storage.repositories import checkins
from storage.wellbeing_models import Checkin

SCORE_STEP = "how_are_you"
TALK_STEP = "talk_to"
NOTE_STEP = "note"
SHARE_STEP = "share_note"
TALK_CHOICES = ("manager", "someone_else")


@dataclass(frozen=True)
class Flags:
    """What the answers mean for the people watching: never the answers themselves."""

    talk: str
    low_score: bool
    note_shared: bool

    @classmethod
    def of(cls, config: OrgConfig, answers: dict[str, Any] | None) -> "Flags":
        answers = answers or {}
        score = answers.get(SCORE_STEP)
        low = isinstance(score, str) and score.isdigit() and int(score) <= (
            config.wellbeing.low_score)
        talk = answers.get(TALK_STEP)
        note = answers.get(NOTE_STEP)
        shared = answers.get(SHARE_STEP) == "yes" and isinstance(note, str) and bool(note.strip())
        return cls(talk if talk in TALK_CHOICES else "", low, shared)


def shared_note(answers: dict[str, Any] | None) -> str | None:
    """The note, only if the person chose to share it with their manager."""
    answers = answers or {}
    note = answers.get(NOTE_STEP)
    if answers.get(SHARE_STEP) == "yes" and isinstance(note, str) and note.strip():
        return note
    return None


def watchers(config: OrgConfig, checkin: Checkin, person: Person | None = None,
             kept: frozenset[str] = NOBODY) -> list[Person]:
    """Who is told how it went: its watchers, but never anyone `kept` from the person (then
    whoever would hear instead, bot.checkins.people.contacts_for)."""
    found = [config.person(pid) for pid in checkin.watchers]
    people = [p for p in found if p is not None and p.id != checkin.person_id]
    told = [p for p in people if p.id not in kept]
    if len(told) < len(people) and person is not None:
        told += [p for p in contacts_for(config, person, kept) if p not in told]
    return told


def talk_people(config: OrgConfig, person: Person, talk: str,
                kept: frozenset[str] = NOBODY) -> list[Person]:
    """Who a request to talk goes to: the manager (else the wellbeing role), or the role."""
    if talk == "manager":
        return contacts_for(config, person, kept)
    if talk == "someone_else":
        return [p for p in wellbeing_holders(config) if p.id != person.id and p.id not in kept]
    return []


async def finish(session: AsyncSession, runtime: Runtime, checkin: Checkin, outcome: str,
                 answers: dict[str, Any] | None, now: datetime, firing: int | None = None
                 ) -> Flags | None:
    """End the check-in with this outcome and tell who should know. None if it changed first.

    outcome: completed, declined, no_response or undeliverable. `firing`: the id of the timer
    running this (the sweeper marks it fired; it is not cancelled here)."""
    late = checkin.state == "no_response"
    values: dict[str, Any] = {"state": outcome, "next_timer_id": None, "ended_at": now,
                              "progress_sealed": None}
    if outcome == "completed":
        values["completed_at"] = now
        values["answers_sealed"] = records.seal(runtime.keys, checkin.id, records.ANSWERS,
                                                answers or {})
    if checkin.next_timer_id != firing:
        await checkins.cancel_timer(session, checkin.next_timer_id)
    if not await checkins.save(session, checkin.id, checkin.version, now, **values):
        return None
    flags = Flags.of(runtime.config, answers if outcome == "completed" else None)
    person = person_by_id(runtime.config, checkin.person_id)
    initials = label(person, checkin.person_id)
    kept = await kept_from(session, person) if person is not None else NOBODY
    told = watchers(runtime.config, checkin, person, kept)
    if outcome != "no_response" or runtime.config.wellbeing.tell_no_response:
        message = CheckinOutcomeMessage(checkin.id, initials, outcome, flags.talk,
                                        flags.low_score, flags.note_shared, late)
        await notify.to_people(session, runtime, now,
                               notify.key_prefix(checkin.id, f"outcome_{outcome}"), told, message)
    if person is not None and flags.talk:
        extra = [p for p in talk_people(runtime.config, person, flags.talk, kept)
                 if p.id not in {w.id for w in told}]
        talk = CheckinTalkMessage(checkin.id, person.id, initials, flags.talk)
        await notify.to_people(session, runtime, now, notify.key_prefix(checkin.id, "talk"),
                               extra, talk)
    return flags
