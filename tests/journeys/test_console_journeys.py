"""End-to-end journeys through `safeguard-bot console`, driven by piped scripts."""

import re

import pytest

from bot.domain import REFERENCE_PATTERN
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import ANSWERS, KIND_WORD, PLANTED, STEP_ORDER, console_lines

REFERENCE = re.compile(rf"Your reference is ({REFERENCE_PATTERN})")


def _reference(stdout: str) -> str:
    found = REFERENCE.search(stdout)
    assert found, stdout
    return found.group(1)


def test_file_a_concern_see_the_alert_acknowledge_it_and_the_reporter_is_told(
    journey_db: str,
) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    first = run_console(["/report safeguarding", *console_lines(kind), "submit"], journey_db)
    reference = _reference(first.stdout)
    assert reference.startswith("SG-")
    lead_alerts = first.to("direct message to SO (lead")
    assert len(lead_alerts) == 1 and "Acknowledge: /ack" in lead_alerts[0]
    assert reference in lead_alerts[0]
    assert len(first.to("#alerts channel")) == 1
    assert len(first.to("direct message to AT (alex")) == 1  # the receipt
    assert first.to("direct message to CE (ceo") == []

    second = run_console(["/as lead", f"/ack {reference}", f"/view {reference}"], journey_db)
    assert f"You have acknowledged {reference}" in second.stdout
    told = second.to("direct message to AT (alex")
    assert len(told) == 1 and "acknowledged by SO" in told[0]
    channel = second.to("#alerts channel")
    assert len(channel) == 1 and "updated in place" in channel[0]
    assert "Private: only you can see this" in second.stdout and PLANTED in second.stdout


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_kind_files_and_alerts_with_no_content_in_any_message(
    journey_db: str, kind: ReportKind
) -> None:
    run = run_console([f"/report {KIND_WORD[kind]}", *console_lines(kind), "submit"], journey_db)
    reference = _reference(run.stdout)
    assert reference.startswith(kind.prefix)
    assert run.deliveries(), run.stdout
    assert all(PLANTED not in line for line in run.deliveries())
    dpl_alerted = bool(run.to("direct message to PL (dpl"))
    assert dpl_alerted == (kind == ReportKind.CONFIDENTIALITY_BREACH)


def test_choosing_the_kind_from_a_menu(journey_db: str) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    run = run_console(["/report", "Operational incident", *console_lines(kind), "submit"],
                      journey_db)
    assert _reference(run.stdout).startswith("OI-")


def test_going_back_to_change_an_answer(journey_db: str) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    lines = console_lines(kind)
    at = STEP_ORDER[kind].index("session_name")
    script = [*lines[: at + 1], "back", "Tuesday choir", *lines[at + 1 :], "submit"]
    first = run_console([f"/report {KIND_WORD[kind]}", *script], journey_db)
    reference = _reference(first.stdout)
    second = run_console(["/as lead", f"/view {reference}"], journey_db)
    assert "Tuesday choir" in second.stdout
    assert ANSWERS[kind]["session_name"] not in second.stdout


def test_editing_an_answer_from_the_review(journey_db: str) -> None:
    kind = ReportKind.CONFIDENTIALITY_BREACH
    number = STEP_ORDER[kind].index("session_name") + 1
    script = [*console_lines(kind), f"edit {number}", "Autumn newsletter", "submit"]
    first = run_console([f"/report {KIND_WORD[kind]}", *script], journey_db)
    assert "Autumn newsletter" in first.stdout.split("Review your")[-1]
    reference = _reference(first.stdout)
    second = run_console(["/as dpl", f"/view {reference}"], journey_db)
    assert "Autumn newsletter" in second.stdout


def test_immediate_danger_says_call_999_first_and_marks_the_alert(journey_db: str) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    lines = ["yes", *console_lines(kind)[1:]]
    run = run_console([f"/report {KIND_WORD[kind]}", *lines, "submit"], journey_db)
    after_yes = run.stdout.split("> yes", 1)[1]
    assert after_yes.lstrip().startswith("!!! Call the emergency services now on 999")
    lead_alert = run.to("direct message to SO (lead")[0]
    assert "Urgency: Immediate danger" in lead_alert


def test_a_restart_in_the_middle_of_a_flow_continues_where_it_stopped(
    journey_db: str,
) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    lines = console_lines(kind)
    half = len(lines) // 2
    first = run_console([f"/report {KIND_WORD[kind]}", *lines[:half]], journey_db)
    assert "Your reference" not in first.stdout
    second = run_console([*lines[half:], "submit"], journey_db)
    assert "You have a report in progress; carrying on where you stopped." in second.stdout
    assert _reference(second.stdout).startswith("SG-")


def test_practice_alerts_only_the_person_practising(journey_db: str) -> None:
    kind = ReportKind.SAFEGUARDING_CONCERN
    run = run_console([f"/report practice {KIND_WORD[kind]}", *console_lines(kind), "submit"],
                      journey_db)
    reference = _reference(run.stdout)
    assert reference.startswith("PRACTICE-SG-")
    assert {line.split("·")[0] for line in run.deliveries()} == {
        "  --> [direct message to AT (alex, staff) "}
    assert any("Practice alert" in line for line in run.deliveries())
    lead = run_console(["/as lead", "/open"], journey_db)
    assert reference not in lead.stdout and "No reports to show." in lead.stdout


def test_nobody_acknowledges_so_the_ceo_is_alerted(journey_db: str) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    run = run_console([f"/report {KIND_WORD[kind]}", *console_lines(kind), "submit",
                       "/advance 29m", "/advance 1m"], journey_db)
    before, after = run.stdout.split("> /advance 1m", 1)
    assert "direct message to CE (ceo" not in before
    assert "Escalation 1" in after and "direct message to CE (ceo" in after


def test_mistyped_input_gets_a_clear_message_and_the_session_carries_on(
    journey_db: str,
) -> None:
    run = run_console(["/frobnicate", "/ack", "/as nobody", "/view SG-2026-0001",
                       "hello", "/report oops", "/whoami"], journey_db)
    assert run.returncode == 0
    assert "/frobnicate is not a command" in run.stdout
    assert "Usage: /ack REFERENCE" in run.stdout
    assert "Usage: /as ID" in run.stdout
    assert "You cannot view SG-2026-0001" in run.stdout
    assert "Type /report to start a report" in run.stdout
    assert "'oops' is not a kind of report" in run.stdout
    assert "You are Alex Turner" in run.stdout.split("> /whoami")[1]
    assert "Traceback" not in run.stdout + run.stderr
