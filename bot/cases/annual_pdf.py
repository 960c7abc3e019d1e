"""The annual picture as a PDF for the trustees' papers: a summary, then a table for each set
of figures and bars where a picture helps. Every count goes through AnnualFigures.shown."""

from bot.cases.annual import MONTHS, AnnualFigures
from bot.cases.annual_render import (
    ack_rows,
    checkin_note,
    checkin_rows,
    clock_rows,
    minutes,
)
from bot.cases.pdf import Bar, PdfWriter


def _bars(pdf: PdfWriter, f: AnnualFigures, items: dict[str, int]) -> None:
    if not items:
        pdf.text("None this year.")
        return
    pdf.bars([Bar(label, f.charted(count), f.shown(count)) for label, count in items.items()])


def _months(pdf: PdfWriter, f: AnnualFigures) -> None:
    kinds = list(f.by_kind_month)
    rows = [[month, *(f.shown(f.by_kind_month[k][m]) for k in kinds),
             f.shown(sum(f.by_kind_month[k][m] for k in kinds))]
            for m, month in enumerate(MONTHS)]
    rows.append(["Year", *(f.shown(sum(f.by_kind_month[k])) for k in kinds), f.shown(f.total)])
    pdf.heading("Reports by kind, per month")
    pdf.table(rows, head=("Month", *kinds, "All"), widths=(0.9, *([1.3] * len(kinds)), 1.0))


def _summary(pdf: PdfWriter, f: AnnualFigures) -> None:
    pdf.heading(pdf.title, 16)
    pdf.text("For the trustees' annual review of the safeguarding policy. Counts and times "
             "only: no names, initials, references or report content. Practice reports are "
             f"left out. Generated {f.generated_at:%d %b %Y}.")
    if f.suppression_note:
        pdf.gap(4)
        pdf.text(f.suppression_note)
    pdf.gap(6)
    pdf.text(f"Reports: {f.shown(f.total)}. Median time to acknowledge: "
             f"{minutes(f.acknowledgement.median_minutes)}; longest: "
             f"{minutes(f.acknowledgement.worst_minutes)}.", bold=True)
    pdf.text(f"Never acknowledged: {f.shown(f.never_acknowledged)}. Referrals: "
             f"{f.shown(sum(f.referrals_by_agency.values()))}.", bold=True)


def annual_pdf(figures: AnnualFigures) -> bytes:
    f = figures
    pdf = PdfWriter(f"{f.organisation}: safeguarding annual picture {f.year}")
    _summary(pdf, f)
    _months(pdf, f)
    pdf.heading("Time to acknowledge")
    pdf.table(ack_rows(f), head=("Kind", "Acknowledged", "Median", "Longest"),
              widths=(2.2, 1.2, 1, 1))
    pdf.heading("Open and closed")
    _bars(pdf, f, {"Open": f.open_cases, "Closed": f.closed_cases})
    pdf.heading("How cases were closed")
    _bars(pdf, f, f.closure_outcomes)
    pdf.heading("Referrals by agency")
    _bars(pdf, f, f.referrals_by_agency)
    pdf.text(f"Recorded decisions not to refer: {f.shown(f.decisions_not_to_refer)}.")
    pdf.heading("Statutory clocks")
    if f.clocks:
        pdf.table(clock_rows(f), head=("Clock", "Met in time", "Met late", "Still open"),
                  widths=(2.6, 1, 1, 1))
    else:
        pdf.text("No clock applied this year.")
    pdf.heading("Wellbeing check-ins")
    if f.checkins is None:
        pdf.text("Not recorded by this installation.")
    else:
        pdf.table(checkin_rows(f), head=("Check-ins", "Number"), widths=(3, 1))
        pdf.text(checkin_note(f))
    return pdf.to_bytes()
