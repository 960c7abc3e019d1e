"""Journeys through `safeguard-bot console`: a quick alert that escalates while incomplete,
the reporter's reminders and the completion that keeps the first account; a lead's question
and the reporter's answer with no question or answer text in any message; a guest reporting
and being refused another person's report."""

import re

from sqlalchemy import select

from bot.domain import REFERENCE_PATTERN
from storage.engine import open_database
from storage.models import OutboxMessage
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import PLANTED, console_lines

REFERENCE = re.compile(rf"Your reference is ({REFERENCE_PATTERN})")
QUICK_PLANT = "Heron-Cobalt-5529"
QUICK = ["/quick", "no", "1", f"AB upset at the end of the art group {QUICK_PLANT}", "now",
         "no", "submit"]
QUESTION = "When did the call end? Osprey-Velvet-3310"
ANSWER = "About four, when AB logged off. Lynx-Amber-9902"


def _reference(stdout: str) -> str:
    found = REFERENCE.search(stdout)
    assert found, stdout
    return found.group(1)


def _after(stdout: str, command: str) -> str:
    """What the console printed for one command (up to the next prompt echo)."""
    return stdout.split(f"> {command}\n", 1)[1].split("\n> ", 1)[0]


async def _payloads(database_url: str) -> str:
    database = open_database(database_url)
    try:
        async with database.sessions() as session:
            rows = await session.execute(select(OutboxMessage.payload))
            return " ".join(str(payload) for payload in rows.scalars())
    finally:
        await database.dispose()


def test_a_quick_alert_escalates_while_incomplete_reminds_and_completes(
    journey_db: str,
) -> None:
    first = run_console([*QUICK, "/advance 20m"], journey_db)
    reference = _reference(first.stdout)
    assert "RECORD INCOMPLETE: finish it with /complete" in first.stdout
    assert any("Escalation 1" in line for line in first.to("direct message to CE (ceo"))

    kind = ReportKind.SAFEGUARDING_CONCERN
    second = run_console([
        "/as lead", f"/case {reference}", "/as alex", "/advance 2h", "/incomplete",
        f"/complete {reference}", *console_lines(kind), "submit", "/incomplete",
        "/as lead", f"/view {reference}", f"/case {reference}", "/advance 1d",
    ], journey_db)
    out = second.stdout
    assert "Record incomplete" in _after(out, f"/case {reference}")
    reminders = [line for line in second.to("direct message to AT (alex")
                 if "Reminder: the full record" in line]
    assert len(reminders) == 1 and reference in reminders[0]
    assert reference in _after(out, "/incomplete")
    assert "full record is now added" in out
    told = [line for line in second.deliveries() if "added the full record" in line]
    assert {line.split(" (")[0].split("to ")[-1] for line in told} >= {"SO", "DP", "CE"}
    assert "no quick alerts waiting" in out.split("submit\n", 1)[1]
    view = _after(out, f"/view {reference}")
    quick_part, _, full_part = view.partition("Full record added")
    assert QUICK_PLANT in quick_part and "What happened (one line)" in quick_part
    assert PLANTED not in quick_part and PLANTED in full_part, "the first account comes first"
    case = out.rsplit(f"> /case {reference}\n", 1)[1]
    assert "Record incomplete" not in case and "Full record added by the reporter" in case
    assert PLANTED in case and "the reporter (AT)" in case
    for line in first.deliveries() + second.deliveries():
        assert QUICK_PLANT not in line and PLANTED not in line
    assert QUICK_PLANT not in first.stderr + second.stderr
    assert PLANTED not in first.stderr + second.stderr


async def test_a_question_and_answer_never_appear_in_any_message(journey_db: str) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    filed = run_console(["/report safeguarding", *console_lines(kind), "submit"], journey_db)
    reference = _reference(filed.stdout)
    run = run_console([
        "/as lead", f"/ack {reference}", f"/ask {reference}: {QUESTION}", "/as alex",
        "/questions", f"/answer {reference}", ANSWER, f"/answer {reference} 1: again",
        "/as jo", f"/answer {reference} 1: not mine", "/as lead", f"/case {reference}",
    ], journey_db)
    out = run.stdout
    asked = [line for line in run.to("direct message to AT (alex") if "question" in line]
    assert len(asked) == 1 and f"has a question about {reference}" in asked[0]
    assert QUESTION in _after(out, f"/answer {reference}")  # only in the private view
    assert "answer to question #1" in out and "was already answered" in out
    assert "You cannot answer questions" in _after(out, f"/answer {reference} 1: not mine")
    answered = [line for line in run.to("direct message to SO (lead")
                if "has answered question #1" in line]
    assert len(answered) == 1
    case = _after(out, f"/case {reference}")
    assert QUESTION in case and ANSWER in case
    payloads = await _payloads(journey_db)
    for secret in ("Osprey", "Lynx", QUESTION, ANSWER, PLANTED):
        assert secret not in payloads
        assert all(secret not in line for line in run.deliveries())
        assert secret not in run.stderr


async def test_a_guest_reports_and_is_refused_another_persons_report(
    journey_db: str,
) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    other = _reference(run_console(["/report incident", *console_lines(kind), "submit"],
                                   journey_db).stdout)
    run = run_console([
        "/guest sam", "/report incident", *console_lines(kind), "submit", "/mine",
        f"/view {other}", f"/case {other}", f"/answer {other}: hello", f"/complete {other}",
    ], journey_db)
    out = run.stdout
    mine = _reference(out)
    assert mine != other
    receipts = run.to("direct message to guest:sam (not in the config)")
    assert any("Receipt" in line and mine in line for line in receipts)
    listed = _after(out, "/mine")
    assert mine in listed and other not in listed
    assert _after(out, f"/view {other}").startswith(f"x You cannot view {other}")
    assert _after(out, f"/case {other}").startswith(f"x You cannot view the case {other}")
    assert "You cannot answer questions" in _after(out, f"/answer {other}: hello")
    assert "You cannot complete" in _after(out, f"/complete {other}")
    assert PLANTED not in out.split("> /mine", 1)[1]
