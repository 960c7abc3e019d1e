"""The register (CSV) and the trustees' annual picture (HTML, PDF): the right counts and no
narrative or personal data, whatever was typed in reports and on cases."""

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.acknowledgement import acknowledge
from bot.cases import actions
from bot.cases.annual import CheckinSummary, annual_figures
from bot.cases.annual_cli import build_annual_report
from bot.cases.register import COLUMNS, register_csv
from bot.cases.settings import AnnualReportSettings
from bot.clock import ManualClock
from bot.runtime import Runtime
from tests.bot.cases.helpers import NOTE_PLANT, acknowledged, audit_actions
from tests.bot.cases.pdf_reading import pdf_text
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind
from tests.scripts import PLANTED

SG, CB, OI = (ReportKind.SAFEGUARDING_CONCERN, ReportKind.CONFIDENTIALITY_BREACH,
              ReportKind.OPERATIONAL_INCIDENT)
NARRATIVE = (PLANTED, NOTE_PLANT, "MASH-REF-", "Thursday art group", "Sam Okafor",
             "Alex Turner")


async def _a_year(runtime: Runtime, clock: ManualClock) -> list[str]:
    """March: a concern (acked in 10 min, referred, closed) and a breach (acked in 30 min,
    ICO told); April: an incident never acknowledged; and a practice report."""
    lead = actor(runtime, "lead")
    first = await file_report(runtime, actor(runtime, "alex"), SG)
    clock.advance(timedelta(minutes=10))
    await acknowledge(runtime, lead, first.reference)
    for step in (
        actions.add_note(runtime, lead, first.reference, f"Spoke to AB's carer. {NOTE_PLANT}"),
        actions.record_decision(runtime, lead, first.reference, "refer", NOTE_PLANT, "mash"),
        actions.record_referral(runtime, lead, first.reference, "mash",
                                their_reference=f"MASH-REF-{NOTE_PLANT}", note=NOTE_PLANT),
        actions.close(runtime, lead, first.reference, "referred", NOTE_PLANT),
    ):
        assert (await step).done
    second = await file_report(runtime, actor(runtime, "jo"), CB)
    clock.advance(timedelta(minutes=30))
    await acknowledge(runtime, lead, second.reference)
    assert (await actions.record_referral(runtime, actor(runtime, "dpl"), second.reference,
                                          "ico", note=NOTE_PLANT)).done
    assert (await actions.record_decision(runtime, lead, second.reference, "no-referral",
                                          NOTE_PLANT, "police")).done
    clock.advance(timedelta(days=20))
    third = await file_report(runtime, actor(runtime, "alex"), OI)
    await file_report(runtime, actor(runtime, "alex"), SG, practice=True)
    return [first.reference, second.reference, third.reference]


async def test_the_register_lists_every_real_report_without_narrative(
    runtime: Runtime, clock: ManualClock,
) -> None:
    references = await _a_year(runtime, clock)
    text = await register_csv(runtime, actor(runtime, "deputy"), 2026)
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["reference"] for r in rows] == references
    first, second, third = rows
    assert (first["state"], first["outcome"], first["referrals"], first["held_by"]) == (
        "closed", "Referred to an agency", "Children's social care / MASH", "SO")
    assert (first["minutes_to_acknowledge"], second["minutes_to_acknowledge"]) == ("10", "30")
    assert second["referrals"] == "Information Commissioner's Office (ICO)"
    assert (third["state"], third["acknowledged"], third["held_by"]) == ("submitted", "", "")
    assert first["recorded"] == "2026-03-14 10:00"
    for planted in NARRATIVE:
        assert planted not in text
    assert await register_csv(runtime, actor(runtime, "deputy"), 2025) == ",".join(
        COLUMNS) + "\n"


async def test_the_register_is_for_record_keepers_only(runtime: Runtime) -> None:
    for person in ("alex", "manager"):
        assert await register_csv(runtime, actor(runtime, person)) is None
    assert await register_csv(runtime, actor(runtime, "ceo")) is not None
    actions_seen = [(e.action, e.actor_person_id) for e in await audit_actions(runtime)
                    if e.action.startswith("register")]
    assert actions_seen == [("register_refused", "alex"), ("register_refused", "manager"),
                            ("register_exported", "ceo")]


async def test_nobody_sees_a_register_line_for_a_report_about_themselves(
    runtime: Runtime,
) -> None:
    about_deputy = await acknowledged(runtime, overrides={"about_staff": "yes",
                                                          "about_staff_person": "deputy"})
    other = await acknowledged(runtime)
    for person, expected in (("deputy", [other]), ("lead", [about_deputy, other])):
        text = await register_csv(runtime, actor(runtime, person))
        assert text is not None
        assert [r["reference"] for r in csv.DictReader(io.StringIO(text))] == expected


async def test_the_annual_figures_count_what_the_trustees_need(
    runtime: Runtime, clock: ManualClock,
) -> None:
    await _a_year(runtime, clock)
    figures = await annual_figures(runtime, 2026, CheckinSummary(offered=4, taken_up=3))
    assert figures.total == 3
    assert figures.by_kind_month["Safeguarding concern"][2] == 1
    assert figures.by_kind_month["Operational incident"][3] == 1
    assert (figures.acknowledgement.median_minutes, figures.acknowledgement.worst_minutes,
            figures.never_acknowledged) == (20.0, 30.0, 1)
    assert (figures.open_cases, figures.closed_cases) == (2, 1)
    assert figures.referrals_by_agency == {"Children's social care / MASH": 1,
                                           "Information Commissioner's Office (ICO)": 1}
    assert figures.decisions_not_to_refer == 1
    assert figures.closure_outcomes == {"Referred to an agency": 1}
    assert (figures.clocks["ico"].on_time, figures.clocks["referral"].on_time) == (1, 1)
    empty = await annual_figures(runtime, 2025)
    assert empty.total == 0 and empty.acknowledgement.median_minutes is None


def every_count_shown(runtime: Runtime) -> Runtime:
    """The runtime with `[annual_report] suppress_below = 1`: no count is hidden."""
    settings = AnnualReportSettings(suppress_below=1)
    return replace(runtime, config=runtime.config.model_copy(update={"annual_report": settings}))


async def test_the_annual_picture_renders_charts_and_no_personal_data(
    runtime: Runtime, clock: ManualClock,
) -> None:
    references = await _a_year(runtime, clock)
    runtime = every_count_shown(runtime)  # small counts hidden: test_annual_suppression
    html = (await build_annual_report(runtime, 2026, "html",
                                      CheckinSummary(offered=4, taken_up=3))).decode()
    assert html.count("<svg") == 4 and "Reports by kind per month" in html
    assert "<script" not in html and "http" not in html  # self-contained: nothing fetched
    for expected in ("Example Arts Charity: safeguarding annual picture 2026",
                     "<td>Children&#x27;s social care / MASH</td><td>1</td>", "20 min",
                     "30 min", "<td>Taken up</td><td>3</td>"):
        assert expected in html, expected
    pdf = pdf_text(await build_annual_report(runtime, 2026, "pdf"))
    assert "Reports: 3. Median time to acknowledge: 20 min; longest: 30 min." in pdf
    assert "Not recorded by this installation." in pdf
    for text in (html, pdf):
        for private in (*NARRATIVE, *references, "PRACTICE", "AB"):
            assert private not in text, private
    generated = [e for e in await audit_actions(runtime) if e.action == "annual_report_generated"]
    assert [e.detail["format"] for e in generated] == ["html", "pdf"]


async def test_a_nonsense_year_is_refused(runtime: Runtime) -> None:
    from bot.app import StartupError

    with pytest.raises(StartupError, match="not a year"):
        await build_annual_report(runtime, 20266, "html")


async def test_months_are_counted_in_the_organisations_time_zone(
    runtime: Runtime, clock: ManualClock,
) -> None:
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time)
    clock.advance(datetime(2026, 5, 31, 23, 30, tzinfo=UTC) - clock.now())
    await acknowledged(runtime)
    figures = await annual_figures(runtime, 2026)
    assert figures.by_kind_month["Safeguarding concern"][4:6] == [0, 1]
