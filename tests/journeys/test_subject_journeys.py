"""The subject of a report learns nothing, typed at the console exactly as it was seen:
a concern about one's own manager and yes to a check-in; a lead who is the subject of a
concern probing it with /view, /link, /register and /open."""

import re

from bot.domain import CODE_ALPHABET, REFERENCE_PATTERN
from tests.journeys.console import run_console
from tests.kinds import ReportKind
from tests.scripts import STEP_ORDER, console_lines

SG = ReportKind.SAFEGUARDING_CONCERN
REFERENCE = re.compile(rf"Your reference is ({REFERENCE_PATTERN})")
NUMBERED = re.compile(r"^SG-\d{4}-\d{4}$")
CODED = re.compile(rf"^SG-\d{{4}}-[{CODE_ALPHABET}]{{5}}$")


def concern_about(person: str) -> list[str]:
    """A safeguarding concern about a member of staff, as typed."""
    lines = console_lines(SG)
    at = STEP_ORDER[SG].index("about_staff")
    return ["/report safeguarding", *lines[:at], "yes", person, *lines[at + 1:], "submit"]


def concern() -> list[str]:
    return ["/report safeguarding", *console_lines(SG), "submit"]


def references(stdout: str) -> list[str]:
    return REFERENCE.findall(stdout)


def after(stdout: str, typed: str) -> str:
    """The first line printed after `typed` was echoed."""
    lines = stdout.splitlines()
    return lines[lines.index(f"> {typed}") + 1]


def test_a_check_in_after_a_concern_about_ones_manager_goes_to_the_wellbeing_lead(
    journey_db: str,
) -> None:
    run = run_console(["/as jo", *concern_about("deputy"), "/checkin yes", "/as deputy",
                       "/debrief list"], journey_db)
    (reference,) = references(run.stdout)
    assert CODED.match(reference), reference
    assert run.to("direct message to DP (deputy") == [], "their manager hears nothing"
    requested = [line for line in run.to("direct message to PL (dpl") if "Check-in" in line]
    assert len(requested) == 1 and "JF would like someone to check in" in requested[0]
    listed = run.stdout.split("> /debrief list", 1)[1]
    assert "JF" not in listed, "the manager follows none of their check-ins"


def test_a_lead_who_is_the_subject_finds_nothing_to_probe(journey_db: str) -> None:
    filed = run_console(["/as alex", *concern(), *concern_about("lead"), *concern(),
                         *concern()], journey_db)
    first, about_lead, second, third = references(filed.stdout)
    assert [NUMBERED.match(r) is not None for r in (first, second, third)] == [True] * 3
    assert [first, second, third] == ["SG-" + first[3:8] + f"{n:04d}" for n in (1, 2, 3)]
    assert CODED.match(about_lead), about_lead
    assert about_lead not in " ".join(filed.to("direct message to SO (lead"))
    assert about_lead not in " ".join(filed.to("#alerts channel"))

    missing = "SG-" + first[3:8] + "0099"
    probes = ["/view {r}", f"/link {first} {{r}}: x", "/case {r}", "/ack {r}"]
    typed = ["/as lead", f"/ack {first}"]
    for probe in probes:
        typed += [probe.format(r=about_lead), probe.format(r=missing)]
    run = run_console([*typed, "/register", "/open"], journey_db)
    for probe in probes:
        about = after(run.stdout, probe.format(r=about_lead))
        nothing = after(run.stdout, probe.format(r=missing))
        assert about.startswith("x You cannot") and "does not exist" in about, about
        assert about == nothing.replace(missing, about_lead), (about, nothing)
    register = run.stdout.split("> /register", 1)[1].split("> /open", 1)[0]
    rows = [line.split(",")[0] for line in register.strip().splitlines()[1:]]
    assert rows == [first, second, third], "no gap, and nothing about them"
    assert about_lead not in run.stdout.split("> /open", 1)[1]

    case = run_console(["/as deputy", f"/case {first}"], journey_db)
    assert about_lead not in case.stdout, "no link was recorded"
