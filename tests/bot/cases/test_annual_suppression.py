"""The trustees' annual picture hides small counts: every count from 1 to
`[annual_report] suppress_below` - 1 reads "fewer than N" (0 and larger counts as they are)
in every cell, chart and sentence of the HTML page and the PDF; and the command's own path
includes the check-in figures when check-ins run here."""

import re
from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.cases.annual import AckTimes, AnnualFigures, CheckinSummary, ClockTally
from bot.cases.annual_cli import annual_report
from bot.cases.annual_pdf import annual_pdf
from bot.cases.annual_render import annual_html
from bot.cases.settings import AnnualReportSettings
from bot.config import OrgConfig
from bot.domain import Role
from bot.runtime import Runtime
from storage.repositories import checkins
from storage.wellbeing_models import CheckinOffer
from tests.bot.cases.pdf_reading import pdf_text
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

KINDS = ("Safeguarding concern", "Confidentiality breach", "Operational incident")
AGENCIES = ("Children's social care / MASH", "Information Commissioner's Office (ICO)",
            "LADO (allegation about staff or a volunteer)", "Police")
counts = st.integers(min_value=0, max_value=12)


@st.composite
def figures(draw: st.DrawFn) -> AnnualFigures:
    def tally() -> ClockTally:
        return ClockTally(draw(counts), draw(counts), draw(counts))

    return AnnualFigures(
        organisation="Example Arts Charity", year=2026,
        generated_at=datetime(2026, 12, 2, tzinfo=UTC),
        by_kind_month={kind: draw(st.lists(counts, min_size=12, max_size=12))
                       for kind in KINDS},
        acknowledgement=AckTimes(draw(counts), None, None),
        acknowledgement_by_kind={kind: AckTimes(draw(counts), None, None) for kind in KINDS},
        never_acknowledged=draw(counts), open_cases=draw(counts), closed_cases=draw(counts),
        referrals_by_agency={agency: draw(counts) for agency in AGENCIES},
        decisions_not_to_refer=draw(counts),
        closure_outcomes={"Referred to an agency": draw(counts), "Action taken": draw(counts)},
        clocks={"ico": tally(), "referral": tally()},
        checkins=CheckinSummary(draw(counts), draw(counts)),
        suppress_below=draw(st.integers(min_value=1, max_value=6)),
    )


def _small(numbers: list[str], below: int) -> list[int]:
    return [int(n) for n in numbers if 0 < int(n) < below]


@given(figures())
@settings(max_examples=60, deadline=None)
def test_no_cell_chart_or_figure_of_the_html_shows_a_small_count(f: AnnualFigures) -> None:
    html = annual_html(f)
    cells = re.findall(r"<td>(\d+)</td>", html)
    charted = re.findall(r'font-size="1[12]">(\d+)</text>', html)  # bar values, the scale
    figures_shown = re.findall(r'<div class="figure">(\d+)</div>', html)
    sentences = re.findall(r"(?:acknowledged|not to refer): (\d+)\.", html)
    assert _small(cells + charted + figures_shown + sentences, f.suppress_below) == []
    for kind, months in f.by_kind_month.items():  # each kind's row, cell by cell
        row = "".join(f"<td>{f.shown(n)}</td>" for n in [*months, sum(months)])
        assert f"<tr><td>{kind}</td>{row}</tr>" in html


@given(figures())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_number_in_the_pdf_is_a_small_count(f: AnnualFigures) -> None:
    text = pdf_text(annual_pdf(f))
    safe = re.sub(r"annual picture 2026|02 Dec 2026|page \d+ of \d+|fewer than \d+"
                  r"|Counts from 1 to \d+", "", text)
    numbers = re.findall(r"(?<![\w.])(\d+)(?![\w.])", safe)
    assert _small(numbers, f.suppress_below) == []
    assert f.suppress_below == 1 or "fewer than" not in safe


async def _offers(runtime: Runtime, yes: int) -> None:
    """Three reports in March, each with its offer of a check-in: two safeguarding concerns
    and an operational incident; `yes` of the offers taken up."""
    for who, kind in (("alex", ReportKind.SAFEGUARDING_CONCERN),
                      ("jo", ReportKind.SAFEGUARDING_CONCERN),
                      ("alex", ReportKind.OPERATIONAL_INCIDENT)):
        await file_report(runtime, actor(runtime, who), kind)
    async with runtime.database.transaction() as session:
        offers = (await session.execute(select(CheckinOffer))).scalars().all()
        for offer in offers[:yes]:
            assert await checkins.answer_offer(session, offer.id, "yes", runtime.clock.now())


async def test_the_command_includes_check_ins_when_they_run_here(runtime: Runtime) -> None:
    await _offers(runtime, yes=1)
    html = (await annual_report(runtime, 2026, "html")).decode()
    assert "<td>Offered</td><td>3</td>" in html
    assert "<td>Taken up</td><td>fewer than 3</td>" in html
    assert "not recorded by this installation" not in html
    pdf = pdf_text(await annual_report(runtime, 2026, "pdf"))
    assert "Offered 3" in pdf and "Taken up fewer than 3" in pdf
    assert "Not recorded by this installation." not in pdf
    shown_all = replace(runtime, config=runtime.config.model_copy(
        update={"annual_report": AnnualReportSettings(suppress_below=1)}))
    assert "<td>Taken up</td><td>1</td>" in (await annual_report(shown_all, 2026,
                                                                 "html")).decode()


def _without_check_ins(config: OrgConfig) -> OrgConfig:
    people = [p.model_copy(update={"manager": None,
                                   "roles": [r for r in p.roles if r != Role.WELLBEING_LEAD]})
              for p in config.people]
    return config.model_copy(update={"people": people})


async def test_without_anyone_to_hear_a_yes_check_ins_are_not_reported(
    runtime: Runtime,
) -> None:
    await _offers(runtime, yes=1)
    runtime = replace(runtime, config=_without_check_ins(runtime.config))
    html = (await annual_report(runtime, 2026, "html")).decode()
    assert "Check-ins are not recorded by this installation." in html
    assert "Not recorded by this installation." in pdf_text(
        await annual_report(runtime, 2026, "pdf"))


async def test_the_annual_picture_hides_small_counts_by_default(runtime: Runtime) -> None:
    await _offers(runtime, yes=0)
    assert runtime.config.annual_report.suppress_below == 3
    html = (await annual_report(runtime, 2026, "html")).decode()
    hidden = "<td>fewer than 3</td>"
    assert f"<tr><td>Safeguarding concern</td><td>0</td><td>0</td>{hidden}" in html
    assert f"<tr><td>Operational incident</td><td>0</td><td>0</td>{hidden}" in html
    assert '<div class="figure">3</div>reports' in html  # 3 is not fewer than 3
    pdf = pdf_text(await annual_report(runtime, 2026, "pdf"))
    assert "Mar fewer than 3 0 fewer than 3 3" in pdf and "Reports: 3." in pdf
