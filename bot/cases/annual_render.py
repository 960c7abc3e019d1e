"""The annual picture as a self-contained HTML page (inline SVG charts, a table under each,
no scripts, nothing fetched); the PDF is bot.cases.annual_pdf. Every count goes through
AnnualFigures.shown (small ones as "fewer than N") and every bar through .charted."""

from collections.abc import Sequence
from html import escape

from bot.cases.annual import MONTHS, AckTimes, AnnualFigures
from bot.cases.clocks import CLOCK_LABELS, ClockKey

COLOURS = ("#1f5f8b", "#c8553d", "#588157", "#8d6a9f", "#b08900")
STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222;
padding:0 1rem}h1{font-size:1.6rem}h2{margin-top:2.2rem;font-size:1.2rem}
table{border-collapse:collapse;margin:.6rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;
text-align:right}th:first-child,td:first-child{text-align:left}.note{color:#555}
.figures{display:flex;gap:2rem;flex-wrap:wrap}.figure{font-size:1.8rem;font-weight:600}"""


def minutes(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 120:
        return f"{value:g} min"
    return f"{value / 60:.1f} h"


def _table(head: list[str], rows: Sequence[Sequence[object]]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _month_chart(series: dict[str, list[int]]) -> str:
    """Stacked columns: reports per month, one colour per kind (counts already charted)."""
    width, height, left, bottom = 640, 240, 30, 24
    top = max((sum(values[m] for values in series.values()) for m in range(12)), default=0) or 1
    step = (width - left) / 12
    parts = [f'<svg role="img" aria-label="Reports by kind per month" width="{width}" '
             f'height="{height + 40}" viewBox="0 0 {width} {height + 40}">']
    for month in range(12):
        y = float(height - bottom)
        for index, values in enumerate(series.values()):
            bar = (height - bottom - 10) * values[month] / top
            if bar:
                y -= bar
                parts.append(f'<rect x="{left + month * step + 4:.1f}" y="{y:.1f}" '
                             f'width="{step - 8:.1f}" height="{bar:.1f}" '
                             f'fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{left + month * step + step / 2:.1f}" y="{height - 6}" '
                     f'font-size="11" text-anchor="middle">{MONTHS[month]}</text>')
    if any(any(values) for values in series.values()):  # the scale: the tallest column
        parts.append(f'<text x="0" y="14" font-size="11">{top}</text>')
    for index, name in enumerate(series):
        x = left + index * 200
        parts.append(f'<rect x="{x}" y="{height + 8}" width="12" height="12" '
                     f'fill="{COLOURS[index % len(COLOURS)]}"/><text x="{x + 16}" '
                     f'y="{height + 19}" font-size="12">{escape(name)}</text>')
    return "".join(parts) + "</svg>"


def _bar_chart(figures: AnnualFigures, items: dict[str, int], label: str) -> str:
    """Horizontal bars, one per item: a hidden count has no bar, and says so."""
    if not items:
        return '<p class="note">None this year.</p>'
    row, label_width, width = 26, 300, 640
    top = max(figures.charted(value) for value in items.values()) or 1
    parts = [f'<svg role="img" aria-label="{escape(label)}" width="{width}" '
             f'height="{row * len(items) + 8}" viewBox="0 0 {width} {row * len(items) + 8}">']
    for index, (name, value) in enumerate(items.items()):
        y = index * row + 4
        bar = (width - label_width - 110) * figures.charted(value) / top
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{escape(name)}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{row - 8}" '
                     f'fill="{COLOURS[index % len(COLOURS)]}"/>'
                     f'<text x="{label_width + bar + 6:.1f}" y="{y + 15}" '
                     f'font-size="12">{figures.shown(value)}</text>')
    return "".join(parts) + "</svg>"


def clock_rows(figures: AnnualFigures) -> list[list[object]]:
    shown = figures.shown
    return [[CLOCK_LABELS[ClockKey(key)], shown(t.on_time), shown(t.late), shown(t.open)]
            for key, t in figures.clocks.items()]


def ack_rows(figures: AnnualFigures) -> list[list[object]]:
    def row(name: str, t: AckTimes) -> list[object]:
        return [name, figures.shown(t.count), minutes(t.median_minutes),
                minutes(t.worst_minutes)]

    return [*(row(name, t) for name, t in figures.acknowledgement_by_kind.items()),
            row("All reports", figures.acknowledgement)]


def month_rows(figures: AnnualFigures) -> list[list[str]]:
    """One row a kind: its count each month, then the year's."""
    return [[name, *map(figures.shown, values), figures.shown(sum(values))]
            for name, values in figures.by_kind_month.items()]


def checkin_rows(figures: AnnualFigures) -> list[list[object]]:
    summary = figures.checkins
    if summary is None:
        return []
    return [["Offered", figures.shown(summary.offered)],
            ["Taken up", figures.shown(summary.taken_up)]]


def checkin_note(figures: AnnualFigures) -> str:
    summary = figures.checkins
    if summary is None:
        return "Check-ins are not recorded by this installation."
    if summary.counted_from is None:
        return "Offers of a check-in made on report receipts, and how many were taken up."
    return (f"Counted from {summary.counted_from:%d %b %Y}: check-in records are deleted "
            "after the retention period set for them.")


def _html_checkins(f: AnnualFigures) -> str:
    note = f'<p class="note">{escape(checkin_note(f))}</p>'
    if f.checkins is None:
        return note
    return _table(["Check-ins", "Number"], checkin_rows(f)) + note


def annual_html(figures: AnnualFigures) -> str:
    f = figures
    title = f"{f.organisation}: safeguarding annual picture {f.year}"
    charted = {name: [f.charted(v) for v in values] for name, values in f.by_kind_month.items()}
    note = f'<p class="note">{escape(f.suppression_note)}</p>' if f.suppression_note else ""
    return "".join([
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{STYLE}</style></head><body><h1>{escape(title)}</h1>",
        f'<p class="note">For the trustees\' annual review of the safeguarding policy. '
        f"Counts and times only: no names, initials, references or report content. Practice "
        f"reports are left out. Generated {f.generated_at:%d %b %Y}.</p>", note,
        '<div class="figures">',
        f'<div><div class="figure">{f.shown(f.total)}</div>reports</div>',
        f'<div><div class="figure">{minutes(f.acknowledgement.median_minutes)}</div>'
        "median time to acknowledge</div>",
        f'<div><div class="figure">{minutes(f.acknowledgement.worst_minutes)}</div>'
        "longest time to acknowledge</div>",
        f'<div><div class="figure">{f.shown(sum(f.referrals_by_agency.values()))}</div>'
        "referrals</div>",
        "</div><h2>Reports by kind, per month</h2>", _month_chart(charted),
        _table(["Kind", *MONTHS, "Total"], month_rows(f)),
        "<h2>Time to acknowledge</h2>",
        _table(["Kind", "Acknowledged", "Median", "Longest"], ack_rows(f)),
        f'<p class="note">Never acknowledged: {f.shown(f.never_acknowledged)}.</p>',
        "<h2>Open and closed</h2>",
        _bar_chart(f, {"Open": f.open_cases, "Closed": f.closed_cases}, "Open and closed cases"),
        "<h2>How cases were closed</h2>",
        _bar_chart(f, f.closure_outcomes, "Closing outcomes"),
        "<h2>Referrals by agency</h2>",
        _bar_chart(f, f.referrals_by_agency, "Referrals by agency"),
        _table(["Agency", "Referrals"],
               [[k, f.shown(v)] for k, v in f.referrals_by_agency.items()]),
        f'<p class="note">Recorded decisions not to refer: '
        f"{f.shown(f.decisions_not_to_refer)}.</p>",
        "<h2>Statutory clocks</h2>",
        _table(["Clock", "Met in time", "Met late", "Still open"], clock_rows(f))
        if f.clocks else '<p class="note">No clock applied this year.</p>',
        "<h2>Wellbeing check-ins</h2>", _html_checkins(f), "</body></html>",
    ])
