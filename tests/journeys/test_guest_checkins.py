"""A guest (someone not in the config) takes up a wellbeing check-in through `safeguard-bot
console`: the offer on their receipt, yes, the wellbeing lead told (no report content), the
follow-up delivered to the guest, their answers, the low-score flag; a safeguarding lead and
another guest see nothing of it; the wellbeing lead arranges another for them."""

import re

from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import PLANTED, console_lines

REQUESTED = re.compile(r"Check-in requested: (Guest \w{4}) would like .* "
                       r"/debrief (guest-[0-9a-f]{16}) ")
GUEST = "direct message to guest:sam (not in the config)"
WELLBEING = "direct message to PL (dpl"


def test_a_guest_takes_up_a_check_in_and_only_the_wellbeing_lead_follows_it(
    journey_db: str,
) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    run = run_console([
        "/guest sam", "/report incident", *console_lines(kind), "submit", "/checkin yes",
        "/advance 1d",  # past the first follow-up (4h later, moved into working hours)
        "/checkin", "1", "", "", "2", "no",
        "/as dpl", "/debrief list",
        "/as lead", "/debrief list",
        "/guest kim", "/checkin yes", "/checkin",
        "/as dpl",
    ], journey_db)
    assert run.returncode == 0, run.stderr
    receipt = [line for line in run.to(GUEST) if "Receipt:" in line]
    assert len(receipt) == 1 and "Would you like someone to check in with you?" in receipt[0]
    assert "PL has been asked to arrange a check-in" in run.stdout

    request = run.to(WELLBEING)
    found = REQUESTED.search(" ".join(request))
    assert found, request
    label, guest_id = found.groups()
    assert not any("requested" in line for line in run.to("(manager")), "no manager for guests"
    assert all(PLANTED not in line and "OI-2026" not in line for line in request
               if "Check-in" in line)

    due = [line for line in run.to(GUEST) if "Wellbeing check-in" in line]
    assert len(due) == 1, run.stdout
    outcome = [line for line in run.to(WELLBEING) if f"for {label}: answered" in line]
    assert len(outcome) == 1 and "NEEDS ATTENTION" in outcome[0] and "low score" in outcome[0]
    checkin = int(re.search(r"Check-in #(\d+)", outcome[0]).group(1))  # type: ignore[union-attr]

    wellbeing_part, rest = run.stdout.split("> /as lead", 1)
    lead_part, guest_part = rest.split("> /guest kim", 1)
    assert f"#{checkin} · {label} ({guest_id})" in wellbeing_part.split("> /as dpl", 1)[1]
    assert guest_id not in lead_part and "Check-ins you arranged or follow: none." in lead_part
    assert "There is no check-in offer for you to answer" in guest_part
    assert "You have no check-in waiting for an answer" in guest_part

    later = run_console([
        "/as lead", f"/debrief view {checkin}", f"/debrief {guest_id} tomorrow 10:00",
        "/as dpl", f"/debrief view {checkin}", f"/debrief {guest_id} tomorrow 10:00",
    ], journey_db)
    lead_part, wellbeing_part = later.stdout.split("> /as dpl", 1)
    assert f"You cannot see check-in #{checkin}" in lead_part
    assert "manager or the wellbeing lead" in lead_part
    assert f"PRIVATE: wellbeing check-in #{checkin} for {label}" in wellbeing_part
    assert "Low score: yes" in wellbeing_part
    assert f"Scheduled {label}'s wellbeing check-in" in wellbeing_part
    notice = [line for line in later.to(GUEST) if "PL arranged a short wellbeing check-in" in line]
    assert len(notice) == 1, later.stdout
