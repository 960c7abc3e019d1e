"""Nothing sensitive is ever logged: planted answers never reach any log line, at any level."""

import logging
from datetime import timedelta

import pytest

from bot import reporting
from bot.acknowledgement import acknowledge
from bot.clock import ManualClock
from bot.delivery import deliver_due
from bot.details import view_details
from bot.flow.runner import AnswerInput
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import KIND_WORD, PLANTED, console_lines

DRAFT_SECRET = "Marmalade-Lantern-3314"


async def test_a_whole_report_life_logs_no_content(
    runtime: Runtime, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's statements and parameters too
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    transport = RecordingTransport()
    transport.failures_left = 2  # failures are logged: they must not carry content either
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    jo = actor(runtime, "jo")
    await reporting.start(runtime, jo, "c-jo", ReportKind.OPERATIONAL_INCIDENT)
    for answer in ("no", "yesterday 10:00", "zoom", DRAFT_SECRET):
        await reporting.respond(runtime, jo, "c-jo", AnswerInput(answer))
    await deliver_due(runtime, {"console": transport})
    clock.advance(timedelta(minutes=20))
    await run_due_timers(runtime, default_handlers())
    await deliver_due(runtime, {"console": transport})
    await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    assert "INSERT INTO reports" in caplog.text  # the statements really were logged
    assert PLANTED not in caplog.text and DRAFT_SECRET not in caplog.text


def test_the_console_logs_no_content_even_when_debugging(journey_db: str) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    run = run_console([f"/report {KIND_WORD[kind]}", *console_lines(kind), "submit"],
                      journey_db, extra_env={"SAFEGUARD_DEBUG": "1"})
    assert "Your reference is" in run.stdout
    assert PLANTED not in run.stderr
