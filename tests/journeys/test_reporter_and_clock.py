"""Through `safeguard-bot console`: the lead sees who reported (details, case, chronology,
exports) while alerts and DMs never say; a guest shows as a guest with their id; and an
`/advance` in one run never leaves a later run showing negative ages."""

import json
import re
from pathlib import Path

from tests.bot.cases.pdf_reading import pdf_text
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import KIND_WORD, console_lines

REFERENCE = re.compile(r"Your reference is ([A-Z]{2}-\d{4}-\d{4})")
ALEX = "Reported by: AT (staff), on the console · Contact: console id alex"
GUEST = ("Reported by: a guest (not in the config), on the console · Contact: console id "
         "guest:sam")
NEGATIVE_AGE = re.compile(r"-\d+[smhd]\b")


def _reference(stdout: str) -> str:
    found = REFERENCE.search(stdout)
    assert found, stdout
    return found.group(1)


def _after(stdout: str, command: str) -> str:
    """What the console printed for one command (up to the next prompt echo)."""
    return stdout.split(f"> {command}\n", 1)[1].split("\n> ", 1)[0]


def _file(journey_db: str, *before: str) -> tuple[str, str]:
    kind = ReportKind.SAFEGUARDING_CONCERN
    run = run_console([*before, f"/report {KIND_WORD[kind]}", *console_lines(kind), "submit"],
                      journey_db)
    return _reference(run.stdout), run.stdout


def test_the_lead_sees_who_reported_in_every_private_view_and_nowhere_else(
    journey_db: str, tmp_path: Path,
) -> None:
    reference, filed = _file(journey_db)
    assert "Reported by" not in filed and "console id alex" not in filed
    lead = run_console([
        "/as lead", f"/view {reference}", f"/ack {reference}", f"/case {reference}",
        f"/chronology {reference}", f"/export {reference} json {tmp_path}",
        f"/export {reference} pdf {tmp_path}", "/as jo", f"/view {reference}",
        f"/case {reference}"], journey_db)
    out = lead.stdout
    for command in (f"/view {reference}", f"/case {reference}"):
        assert ALEX in _after(out, command)
    chronology = _after(out, f"/chronology {reference}")
    assert "Reported by: AT (staff), on the console" in chronology
    assert "Contact: console id alex" in chronology
    exported = json.loads((tmp_path / f"{reference}.json").read_text(encoding="utf-8"))
    assert exported["report"]["reported_by"]["line"] == ALEX
    assert ALEX in pdf_text((tmp_path / f"{reference}.pdf").read_bytes())
    jo_part = out.split("> /as jo", 1)[1]
    assert "Reported by" not in jo_part and "console id alex" not in jo_part
    for line in [*lead.deliveries(), *[d for d in filed.splitlines() if "-->" in d]]:
        assert "Reported by" not in line and "console id" not in line and "(staff)" not in line


def test_a_guest_report_shows_guest_and_their_console_id(journey_db: str) -> None:
    reference, filed = _file(journey_db, "/guest sam")
    receipt = [line for line in filed.splitlines() if "-->" in line]
    assert receipt and not any("Reported by" in line or "on the console" in line
                               for line in receipt)
    lead = run_console(["/as lead", f"/view {reference}", f"/case {reference}"], journey_db)
    assert GUEST in _after(lead.stdout, f"/view {reference}")
    assert GUEST in _after(lead.stdout, f"/case {reference}")


def test_a_restarted_console_carries_on_from_an_earlier_advance(journey_db: str) -> None:
    reference, _ = _file(journey_db)
    later, first = _file(journey_db, "/advance 3d")  # filed 3 days on
    second = run_console(["/as lead", "/open", "/as alex", "/mine", "/advance 1h",
                          "/as lead", f"/ack {reference}"], journey_db)
    for run in (first, second.stdout):
        assert not NEGATIVE_AGE.search(run), run
    for command in ("/open", "/mine"):
        shown = _after(second.stdout, command).splitlines()
        assert next(line for line in shown if reference in line).endswith(" · 3d ago"), shown
        assert re.search(r" · \d+s ago$", next(line for line in shown if later in line)), shown
    acknowledged = [line for line in second.deliveries() if "has been acknowledged" in line]
    assert acknowledged and all("3 days 1 hour" in line for line in acknowledged), acknowledged
