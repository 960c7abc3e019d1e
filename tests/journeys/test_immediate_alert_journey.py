"""Immediate danger through `safeguard-bot console`: yes → the 999 guidance → the lead is
alerted at once → the reporter finishes the record, which completes that one case."""

import re

from bot.domain import CODE_ALPHABET, REFERENCE_PATTERN
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import PLANTED, console_lines

KIND = ReportKind.SAFEGUARDING_CONCERN
ALERTED = re.compile(rf"The safeguarding lead has been alerted, ({REFERENCE_PATTERN})\.")
CODED = re.compile(rf"^SG-2026-[{CODE_ALPHABET}]{{5}}$")
"""An immediate-danger alert is filed as a quick alert, so it takes a code (bot.references):
the console prints it, and the rest of each journey names the reference it printed."""


def _alerted(stdout: str) -> str:
    """The one reference the reporter was told the lead was alerted with (a code)."""
    [reference] = ALERTED.findall(stdout)
    assert CODED.match(reference), reference
    return str(reference)


def _after(stdout: str, typed: str) -> str:
    """What was printed after a typed line, up to the next one."""
    return stdout.split(f"> {typed}\n", 1)[1].split("\n> ", 1)[0]


def test_yes_alerts_the_lead_at_once_and_the_record_completes_the_same_case(
    journey_db: str,
) -> None:
    lines = console_lines(KIND)[1:]
    first = run_console(["/report safeguarding", "yes", *lines, "submit"], journey_db)
    after_yes = _after(first.stdout, "yes")
    reference = _alerted(after_yes)
    assert after_yes.startswith("!!! Call the emergency services now on 999")
    told = after_yes.index(f"The safeguarding lead has been alerted, {reference}")
    assert after_yes.index("999") < told < after_yes.index("[2/19]")
    lead = [line for line in after_yes.splitlines() if "direct message to SO (lead" in line]
    assert len(lead) == 1 and "Acknowledge: /ack" in lead[0], (
        "the alert reached the lead before any other answer")
    assert "Urgency: Immediate danger" in lead[0], (
        "the alert reached the lead before any other answer")

    assert f"the full record is now added to {reference}" in _after(first.stdout, "submit")
    assert "Your reference is" not in first.stdout, "no second report"
    assert len([x for x in first.to("direct message to SO (lead") if "Acknowledge: /ack" in x]) == 1
    assert all(PLANTED not in line for line in first.deliveries())

    second = run_console(["/as lead", "/open", f"/case {reference}"], journey_db)
    listed = _after(second.stdout, "/open")
    assert listed.count("SG-2026-") == 1 and "Immediate danger" in listed
    case = _after(second.stdout, f"/case {reference}")
    assert "Record incomplete" not in case and "Full record added by the reporter" in case
    assert PLANTED in case


def test_cancel_asks_first_and_after_an_alert_discards_only_the_draft(journey_db: str
                                                                      ) -> None:
    lines = console_lines(KIND)[1:3]
    run = run_console(["/report safeguarding", "yes", *lines, "cancel", "cancel", "/mine"],
                      journey_db)
    reference = _alerted(_after(run.stdout, "yes"))
    asked, gone = run.stdout.split("> cancel\n")[1:3]
    assert f"Discard the draft of the full record for {reference} (2 answers)?" in asked
    assert f"The draft of the full record was discarded. {reference} still stands" in gone
    assert "still incomplete" in gone and "Your report was discarded" not in gone
    assert reference in _after(run.stdout, "/mine")
