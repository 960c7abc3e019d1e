"""No report content leaves the private views: a marker planted at the start and another in
the middle of every free-text answer of every kind of report (and the quick alert, case notes,
a question and its answer) reaches no outbox payload, no message to a channel or a person, no
audit detail and no log line, at any level, through filing, escalation, acknowledgement and
the case's life."""

import json
import logging
from datetime import timedelta
from itertools import count

import pytest
from sqlalchemy import select

from bot.acknowledgement import acknowledge
from bot.cases import actions, feedback
from bot.clock import ManualClock
from bot.delivery import deliver_due
from bot.details import view_details
from bot.flow.definition import FieldType
from bot.followup.answers import answer_question, open_question
from bot.followup.questions import ask_reporter
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.models import AuditEvent, OutboxMessage, Timer
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.bot.quick_helpers import quick_alert
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

TEXT = (FieldType.SHORT_TEXT, FieldType.LONG_TEXT)
FILLER = "the group carried on and everyone was spoken to afterwards as agreed"
"""Long enough that a snippet from the start of an answer never reaches its middle marker."""


class Markers:
    """Unique markers, each planted at the start or in the middle of one answer."""

    def __init__(self) -> None:
        self.numbers = count(1)
        self.planted: list[str] = []

    def _new(self, where: str) -> str:
        marker = f"zq{next(self.numbers):03d}{where}"
        self.planted.append(marker)
        return marker

    def text(self, limit: int = 200) -> str:
        """An answer with a marker first and another in its middle, within `limit`."""
        start, middle = self._new("s"), self._new("m")
        return f"{start} {FILLER} {middle} {FILLER}"[:limit]

    def found_in(self, text: str) -> list[str]:
        return [m for m in self.planted if m in text]


def _planted_answers(runtime: Runtime, kind: ReportKind, markers: Markers) -> dict[str, str]:
    answers = {**ANSWERS[kind], "host_organisation": "yes"}
    for step in runtime.flows[kind.value].steps:
        if step.type in TEXT:
            answers[step.id] = markers.text()
    return answers


async def _everything_leaving(runtime: Runtime, transport: RecordingTransport) -> str:
    """Every outbox row (all columns), every message handed to a transport, every audit
    detail and every timer: what could reach a channel, a DM or a log."""
    async with runtime.database.sessions() as session:
        outbox = list((await session.execute(select(OutboxMessage))).scalars())
        audit = list((await session.execute(select(AuditEvent))).scalars())
        timers = list((await session.execute(select(Timer))).scalars())
    assert outbox and audit and transport.sent, "the journey really sent and recorded things"
    rows = [json.dumps({c.key: str(getattr(r, c.key)) for c in r.__table__.columns})
            for r in [*outbox, *timers]]
    return "\n".join([*rows, *(json.dumps(a.detail) for a in audit),
                      *(repr(item) for item in transport.sent)])


async def _tick(runtime: Runtime, transport: RecordingTransport) -> None:
    await run_due_timers(runtime, default_handlers())
    await deliver_due(runtime, {"console": transport})


async def test_markers_in_every_answer_reach_no_message_payload_audit_or_log(
    runtime: Runtime, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    markers, transport = Markers(), RecordingTransport()
    transport.failures_left = 2  # failed sends are logged: they must carry no content either
    lead, alex = actor(runtime, "lead"), actor(runtime, "alex")
    references = []
    for kind in ReportKind:
        receipt = await file_report(runtime, alex, kind, _planted_answers(runtime, kind, markers))
        references.append(receipt.reference)
    quick = await quick_alert(runtime, actor(runtime, "jo"),
                              what_happened_briefly=markers.text(200))
    await _tick(runtime, transport)
    clock.advance(timedelta(minutes=30))
    await _tick(runtime, transport)
    for reference in [*references, quick.reference]:
        details = await view_details(runtime, lead, reference)
        assert details is not None and markers.found_in(repr(details)), "planted, and shown"
        await acknowledge(runtime, lead, reference)
    case = references[0]
    await actions.add_note(runtime, lead, case, markers.text(500))
    await actions.record_decision(runtime, lead, case, "monitor", markers.text(500))
    await actions.record_referral(runtime, lead, case, "police", None, markers.text(100),
                                  markers.text(500))
    await actions.assign(runtime, lead, case, "deputy", markers.text(500))
    await ask_reporter(runtime, lead, case, markers.text(400))
    assert await open_question(runtime, alex, case) is not None
    await answer_question(runtime, alex, case, None, markers.text(500))
    await feedback.send_feedback(runtime, lead, case)
    clock.advance(timedelta(hours=3))
    await _tick(runtime, transport)
    await _tick(runtime, transport)

    assert len(markers.planted) >= 40
    assert markers.found_in(await _everything_leaving(runtime, transport)) == []
    assert "INSERT INTO reports" in caplog.text, "the statements really were logged"
    assert markers.found_in(caplog.text) == []
