"""Wellbeing check-ins end to end through `safeguard-bot console`, on a controllable clock:
offer → scheduled → delivered on time in the person's zone → answered → what the manager sees;
and the gentle reminder, then "no response"."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.journeys.console import ANY_HOUR_CONFIG, EXAMPLE_CONFIG, run_console
from tests.kinds import ReportKind
from tests.scripts import console_lines

NOTE = "Thinking about the group a lot, Heron-3318"
SCHEDULED = re.compile(r"check-in #(\d+) for (\w{3} \d{2} \w{3} \d{4}, \d{2}:\d{2}) \(([\w/]+)\)")


def _scheduled(stdout: str) -> tuple[int, datetime]:
    found = SCHEDULED.search(stdout)
    assert found, stdout
    zone = ZoneInfo(found.group(3))
    local = datetime.strptime(found.group(2), "%a %d %b %Y, %H:%M").replace(tzinfo=zone)
    return int(found.group(1)), local


def test_offer_schedule_deliver_answer_and_the_manager_sees_only_the_flags(
    journey_db: str,
) -> None:
    kind = ReportKind.OPERATIONAL_INCIDENT
    first = run_console(["/report incident", *console_lines(kind), "submit", "/checkin yes"],
                        journey_db)
    receipt = first.to("direct message to AT (alex")
    assert len(receipt) == 1 and "Would you like someone to check in with you?" in receipt[0]
    assert "MH has been asked to arrange a check-in" in first.stdout
    request = first.to("direct message to MH (manager")
    assert len(request) == 1 and "AT would like someone to check in" in request[0]
    assert "/debrief alex" in request[0]

    second = run_console([
        "/as manager", "/debrief alex in 2 days -- after the Tuesday group", "/advance 2d",
        "/as alex", "/checkin", "2", "", "1,3", "1", "yes", NOTE, "yes",
    ], journey_db)
    checkin, _ = _scheduled(second.stdout)
    due = [line for line in second.to("direct message to AT (alex")
           if "Wellbeing check-in: MH asked" in line]
    assert due, second.stdout
    assert "after the Tuesday group" in second.stdout.split("/checkin\n", 1)[1]
    assert "Samaritans" in second.stdout
    told = [line for line in second.to("direct message to MH (manager")
            if f"Check-in #{checkin}" in line]
    assert len(told) == 1 and "NEEDS ATTENTION" in told[0]
    assert "asked to talk to you" in told[0] and "low score" in told[0]
    assert all(NOTE not in line for line in second.deliveries())

    third = run_console(["/as manager", f"/debrief view {checkin}", "/debrief list",
                         "/as lead", f"/debrief view {checkin}", "/debrief list"], journey_db)
    manager_part, lead_part = third.stdout.split("/as lead", 1)
    assert f"PRIVATE: wellbeing check-in #{checkin} for AT" in manager_part
    assert NOTE in manager_part and "Low score: yes" in manager_part
    assert NOTE not in lead_part and f"You cannot see check-in #{checkin}" in lead_part
    assert "Check-ins you arranged or follow: none." in lead_part


def test_delivered_at_the_right_time_in_the_persons_time_zone(
    journey_db: str, tmp_path: Path
) -> None:
    config = tmp_path / "org.toml"
    config.write_text(ANY_HOUR_CONFIG.read_text(encoding="utf-8")
                      + '\n[wellbeing.timezones]\njo = "America/New_York"\n', encoding="utf-8")
    first = run_console(["/as deputy", "/debrief jo tomorrow 16:00"], journey_db, config)
    _, local = _scheduled(first.stdout)
    assert str(local.tzinfo) == "America/New_York" and local.hour == 16
    wait = local.astimezone(UTC) - datetime.now(UTC)
    almost = int((wait - timedelta(minutes=2)).total_seconds())
    second = run_console(["/as deputy", f"/advance {almost}s", "/whoami", "/advance 3m"],
                         journey_db, config)
    before, after = second.stdout.split("> /whoami", 1)
    assert "Wellbeing check-in" not in before
    assert any("Wellbeing check-in: DP asked" in line and "JF (jo" in line
               for line in after.splitlines())


def test_no_answer_brings_a_gentle_reminder_then_no_response_for_the_manager(
    journey_db: str,
) -> None:
    run = run_console(["/as manager", "/debrief alex in 1 hour", "/advance 1h", "/advance 23h",
                       "/advance 1h", "/advance 1d"], journey_db)
    checkin, _ = _scheduled(run.stdout)
    to_alex = run.to("direct message to AT (alex")
    assert [("reminder" in line) for line in to_alex if "check-in" in line][-2:] == [False, True]
    no_response = [line for line in run.to("direct message to MH (manager")
                   if f"Check-in #{checkin}" in line]
    assert len(no_response) == 1 and "no response" in no_response[0]
    assert run.stdout.index("gentle reminder") < run.stdout.index("no response")


def test_a_check_in_typed_for_out_of_hours_asks_for_confirmation_first(
    journey_db: str,
) -> None:
    """With the example config as it ships (Mon–Fri 09:00–17:00): 3 a.m. and a Sunday are
    asked about; no leaves nothing scheduled, yes schedules it for that time, and a command
    instead of an answer drops the question."""
    run = run_console([
        "/as manager", "/debrief alex tomorrow 03:00 -- after the group", "no",
        "/debrief list", "/debrief alex sunday 10:00", "/whoami", "yes", "/debrief list",
        "/debrief alex sunday 10:00", "yes", "/debrief list",
    ], journey_db, EXAMPLE_CONFIG)
    assert run.returncode == 0, run.stderr
    parts = run.stdout.split("> /debrief list")
    assert "? " in parts[0] and "before the working day starts at 09:00" in parts[0]
    assert "Type yes to send it then anyway" in parts[0]
    assert "Not scheduled: nothing was changed." in parts[0]
    assert "Check-ins you arranged or follow: none." in parts[1]
    assert "is a Sunday, outside working hours (Mon–Fri 09:00–17:00" in parts[1]
    assert "Scheduled" not in parts[1]
    assert "Check-ins you arranged or follow: none." in parts[2]
    assert "Scheduled AT's wellbeing check-in #1 for Sun" in parts[2]
    assert ", 10:00 (Europe/London)" in parts[3] and "#1 · AT (alex)" in parts[3]
