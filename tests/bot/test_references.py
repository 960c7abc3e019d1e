"""References: numbered in order for the general register, a unique random code for reports
about a member of staff and for quick alerts, so no list anyone sees has a telling gap."""

import csv
import io
import re

import pytest

from bot import references
from bot.cases.register import register_csv
from bot.domain import (
    CODE_ALPHABET,
    Reference,
    is_code,
    looks_like_reference,
)
from bot.runtime import Runtime
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import quick_alert
from tests.kinds import ReportKind

SG = ReportKind.SAFEGUARDING_CONCERN
ABOUT = {"about_staff": "yes", "about_staff_person": "lead"}
CODED = re.compile(rf"^(PRACTICE-)?SG-2026-[{CODE_ALPHABET}]{{5}}$")


def test_references_read_and_print_both_ways() -> None:
    assert str(Reference(SG, 2026, 7)) == "SG-2026-0007"
    assert str(Reference(SG, 2026, 0, True, "K7QMX")) == "PRACTICE-SG-2026-K7QMX"
    for typed in ("SG-2026-0007", "sg-2026-k7qmx", " PRACTICE-CB-2026-0012 ",
                  "OI-2026-23456", "SG-2026-10000"):
        assert looks_like_reference(typed), typed
    for typed in ("AB", "J.S.", "SG-2026-K7QM", "SG-2026-AEIOU", "SG-26-0001", "SG-2026-K7QMXX"):
        assert not looks_like_reference(typed), typed
    assert not is_code("23456") and is_code("2345B") and not is_code("2345A")


def test_codes_use_the_unambiguous_alphabet_and_are_never_all_digits() -> None:
    drawn = {references.draw_code() for _ in range(500)}
    assert len(drawn) > 490, "random, not a sequence"
    assert all(is_code(code) for code in drawn)
    assert not set("".join(drawn)) & set("AEIOUY01LO")


async def test_which_reports_are_numbered_and_which_are_coded(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    plain = [(await file_report(runtime, alex, SG)).reference for _ in range(3)]
    about = (await file_report(runtime, alex, SG, ABOUT)).reference
    unlisted = (await file_report(runtime, alex, SG, {"about_staff": "yes",
                                                      "about_staff_person": "not_listed",
                                                      "about_staff_initials": "JS"})).reference
    quick = (await quick_alert(runtime, alex)).reference
    practice = (await file_report(runtime, alex, SG, ABOUT, practice=True)).reference
    assert plain == ["SG-2026-0001", "SG-2026-0002", "SG-2026-0003"]
    assert all(CODED.match(r) for r in (about, unlisted, quick, practice)), (
        about, unlisted, quick, practice)
    assert practice.startswith("PRACTICE-")
    after = (await file_report(runtime, alex, SG)).reference
    assert after == "SG-2026-0004", "codes take no number"


async def test_a_code_already_taken_is_drawn_again(runtime: Runtime,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter(["BBBBB", "BBBBB", "CCCCC"])
    monkeypatch.setattr(references, "draw_code", lambda: next(draws))
    first = (await file_report(runtime, actor(runtime, "alex"), SG, ABOUT)).reference
    second = (await file_report(runtime, actor(runtime, "jo"), SG, ABOUT)).reference
    assert (first, second) == ("SG-2026-BBBBB", "SG-2026-CCCCC")


async def test_the_register_has_no_gap_for_the_person_a_report_is_about(
    runtime: Runtime,
) -> None:
    alex = actor(runtime, "alex")
    filed = [(await file_report(runtime, alex, SG, overrides)).reference
             for overrides in ({}, ABOUT, {}, {})]
    for person, expected in (("lead", [filed[0], filed[2], filed[3]]), ("deputy", filed)):
        text = await register_csv(runtime, actor(runtime, person))
        assert text is not None
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["reference"] for r in rows] == expected, person
        numbers = [int(r["reference"][-4:]) for r in rows if r["about_staff"] == "no"]
        assert numbers == list(range(1, len(numbers) + 1)), (person, numbers)
        assert all(CODED.match(r["reference"]) for r in rows if r["about_staff"] == "yes")
