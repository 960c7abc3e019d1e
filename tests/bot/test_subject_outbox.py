"""Property: whatever happens after a report about someone is filed (acknowledgements, clocks
running, escalations, case work, questions, feedback, a check-in taken up or arranged, a quick
alert completed later), no notification is queued for the person it is about while they are
its subject: nothing naming the report, and nothing naming its reporter (their check-ins)
while it is open. Nor is a new alert posted to a channel they watch."""

import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from bot.acknowledgement import acknowledge
from bot.actors import Actor, resolve_actor
from bot.alerts import channel_allowed
from bot.cases import actions
from bot.cases.feedback import send_feedback
from bot.checkins import offer, scheduling
from bot.checkins.people import person_of
from bot.clock import ManualClock
from bot.followup import answers
from bot.followup.questions import ask_reporter
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.engine import Database
from storage.models import Base, OutboxMessage, Report
from tests.bot.driving import file_report
from tests.bot.quick_helpers import complete, quick_alert
from tests.kinds import ReportKind
from tests.security.conftest import Shared
from tests.security.strategies import OVER_HTTP

START = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
PEOPLE = ("lead", "deputy", "ceo", "dpl", "manager", "alex", "jo")
GUEST = "guest:sam"
MODES = ("full", "quick", "quick_later")
"""A full report naming them; a quick alert naming them; one that names them on completion."""
MINUTES = (16, 31, 4 * 60 + 1, 24 * 60 + 1, 3 * 24 * 60 + 1)
OPS = st.one_of(
    st.tuples(st.sampled_from(["ack", "note", "ask", "feedback", "close"]),
              st.sampled_from(PEOPLE), st.just("")),
    st.tuples(st.just("assign"), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    st.tuples(st.just("advance"), st.sampled_from(MINUTES).map(str), st.just("")),
    st.tuples(st.sampled_from(["checkin", "debrief", "answer", "complete"]), st.just(""),
              st.just("")),
)


@dataclass
class Run:
    runtime: Runtime
    clock: ManualClock
    reporter: Actor
    subject: str
    reference: str = ""
    known_after: int | None = 0
    """Rows after this outbox id were written knowing who it is about (None: not yet)."""
    closed_after: int | None = None
    checks: list[str] = field(default_factory=list)

    def actor(self, person: str) -> Actor:
        return resolve_actor(self.runtime.config, "console", person)


async def _clear(database: Database) -> None:
    async with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())


async def _last_row(runtime: Runtime) -> int:
    async with runtime.database.sessions() as session:
        rows = await session.execute(select(OutboxMessage.id).order_by(OutboxMessage.id.desc())
                                     .limit(1))
        return rows.scalar() or 0


async def _file(run: Run, mode: str) -> None:
    about = {"about_staff": "yes", "about_staff_person": run.subject}
    if mode == "full":
        receipt = await file_report(run.runtime, run.reporter, ReportKind.SAFEGUARDING_CONCERN,
                                    about)
    else:
        receipt = await quick_alert(run.runtime, run.reporter,
                                    **(about if mode == "quick" else {}))
        run.known_after = None if mode == "quick_later" else 0
    run.reference = receipt.reference


async def _do(run: Run, op: tuple[str, str, str]) -> None:
    name, who, other = op
    runtime, ref = run.runtime, run.reference
    if name == "advance":
        run.clock.advance(timedelta(minutes=int(who)))
        while await run_due_timers(runtime, default_handlers()):
            pass
    elif name == "ack":
        await acknowledge(runtime, run.actor(who), ref)
    elif name == "note":
        await actions.add_note(runtime, run.actor(who), ref, "a note")
    elif name == "ask":
        await ask_reporter(runtime, run.actor(who), ref, "a question?")
    elif name == "feedback":
        await send_feedback(runtime, run.actor(who), ref)
    elif name == "assign":
        await actions.assign(runtime, run.actor(who), ref, other)
    elif name == "close":
        before = await _last_row(runtime)
        if (await actions.close(runtime, run.actor(who), ref, "duplicate", "done")).done:
            run.closed_after = before
    elif name == "checkin":
        await offer.answer(runtime, run.reporter, offer.YES)
    elif name == "debrief":
        me = person_of(run.reporter)
        if me is not None:
            await scheduling.schedule(runtime, run.reporter, me,
                                      run.clock.now() + timedelta(minutes=5))
    elif name == "answer":
        await answers.answer_question(runtime, run.reporter, ref, None, "an answer")
    elif name == "complete" and run.known_after is None:
        before = await _last_row(runtime)
        replies = await complete(runtime, run.reporter, ref, about_staff="yes",
                                 about_staff_person=run.subject)
        if "Record complete" in str(replies):
            run.known_after = before


async def _check(run: Run) -> None:
    if run.known_after is None:
        return
    async with run.runtime.database.sessions() as session:
        report = (await session.execute(select(Report).where(Report.reference == run.reference))
                  ).scalar_one()
        rows = list((await session.execute(
            select(OutboxMessage).where(OutboxMessage.id > run.known_after)
            .order_by(OutboxMessage.id))).scalars())
    assert report.subject_person_id == run.subject
    for row in rows:
        names_report = row.report_id is not None  # whatever the report's state
        while_open = run.closed_after is None or row.id <= run.closed_after  # check-ins
        if names_report or while_open:
            assert row.recipient_person_id != run.subject, (row.event, row.payload)
        if row.destination_kind == "channel" and row.event == "alert":
            assert channel_allowed(run.runtime, report), row.payload


@pytest.fixture
async def shared(runtime: Runtime, clock: ManualClock) -> AsyncIterator[Shared[Run]]:
    yield Shared(Run(runtime, clock, resolve_actor(runtime.config, "console", "alex"), ""))


SCENARIOS = settings(OVER_HTTP, max_examples=40)
"""Each example starts from empty tables, so the shared database holds only its own rows."""
CLOSE_TO_THEM = ("their manager", "the wellbeing lead", "the lead")
"""Subjects drawn more often: whoever would otherwise hear of the reporter's check-ins, and
the person who handles everything."""
WITH_MANAGER = {"alex": "manager", "jo": "deputy"}


def _subject(reporter: str, drawn: str) -> str:
    return {"their manager": WITH_MANAGER.get(reporter, "dpl"), "the wellbeing lead": "dpl",
            "the lead": "lead"}.get(drawn, drawn)


@SCENARIOS
@given(reporter=st.sampled_from((*PEOPLE, GUEST)),
       drawn=st.sampled_from(CLOSE_TO_THEM) | st.sampled_from(PEOPLE),
       mode=st.sampled_from(MODES), ops=st.lists(OPS, max_size=8))
@example(reporter="jo", drawn="their manager", mode="full", ops=[("checkin", "", "")])
@example(reporter="alex", drawn="their manager", mode="quick",
         ops=[("debrief", "", ""), ("advance", str(3 * 24 * 60 + 1), "")])
@example(reporter="alex", drawn="deputy", mode="quick_later",
         ops=[("complete", "", ""), ("ack", "lead", "")])
@example(reporter=GUEST, drawn="the wellbeing lead", mode="full", ops=[("checkin", "", "")])
async def test_nothing_is_queued_for_the_person_a_report_is_about(
    shared: Shared[Run], reporter: str, drawn: str, mode: str,
    ops: list[tuple[str, str, str]],
) -> None:
    subject = _subject(reporter, drawn)
    if reporter == subject:
        return
    base = shared.app
    await _clear(base.runtime.database)
    clock = ManualClock(START)  # each example from the same Saturday morning
    runtime = dataclasses.replace(base.runtime, clock=clock)
    run = Run(runtime, clock, resolve_actor(runtime.config, "console", reporter), subject)
    await _file(run, mode)
    for op in ops:
        await _do(run, op)
        await _check(run)
    await _check(run)
