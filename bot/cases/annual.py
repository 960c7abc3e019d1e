"""The trustees' annual picture: counts, times and proportions for one year, with no
personal data (no names, initials, references or anything typed), from plain columns only.
Small counts are shown as "fewer than N" (`[annual_report] suppress_below`): see `shown`."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.cases import journal
from bot.cases.register import year_bounds
from bot.cases.reminders import case_clocks
from bot.cases.vocabulary import Agency, ClosureOutcome, Decision, EntryKind
from bot.domain import ReportState
from bot.runtime import Runtime
from storage.repositories import cases

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class CheckinSummary:
    """From the wellbeing check-ins feature, when it is installed."""

    offered: int
    taken_up: int
    counted_from: date | None = None
    """Set when check-in records from the start of the year have already been deleted
    (`[wellbeing] retention`): the counts start on this day."""


@dataclass(frozen=True)
class AckTimes:
    count: int
    median_minutes: float | None
    worst_minutes: float | None


@dataclass(frozen=True)
class ClockTally:
    on_time: int = 0
    late: int = 0
    open: int = 0


@dataclass(frozen=True)
class AnnualFigures:
    organisation: str
    year: int
    generated_at: datetime
    by_kind_month: dict[str, list[int]]
    acknowledgement: AckTimes
    acknowledgement_by_kind: dict[str, AckTimes]
    never_acknowledged: int
    open_cases: int
    closed_cases: int
    referrals_by_agency: dict[str, int]
    decisions_not_to_refer: int
    closure_outcomes: dict[str, int]
    clocks: dict[str, ClockTally] = field(default_factory=dict)
    checkins: CheckinSummary | None = None
    suppress_below: int = 3

    @property
    def total(self) -> int:
        return sum(sum(months) for months in self.by_kind_month.values())

    def hidden(self, count: int) -> bool:
        return 0 < count < self.suppress_below

    def shown(self, count: int) -> str:
        """A count as the report shows it: 1 to suppress_below - 1 as "fewer than N" (so
        that no small number can point to a person); 0 and larger counts as they are."""
        return f"fewer than {self.suppress_below}" if self.hidden(count) else str(count)

    def charted(self, count: int) -> int:
        """A count's length in a chart: a hidden one is not drawn."""
        return 0 if self.hidden(count) else count

    @property
    def suppression_note(self) -> str:
        if self.suppress_below <= 1:
            return ""
        return (f"Counts from 1 to {self.suppress_below - 1} show as \"fewer than "
                f"{self.suppress_below}\" and are not drawn in the charts, so that no small "
                "number can point to a person.")


def _times(minutes: list[float]) -> AckTimes:
    if not minutes:
        return AckTimes(0, None, None)
    return AckTimes(len(minutes), round(statistics.median(minutes), 1), round(max(minutes), 1))


async def annual_figures(runtime: Runtime, year: int, checkins: CheckinSummary | None = None
                         ) -> AnnualFigures:
    zone = runtime.config.organisation.zone
    start, end = year_bounds(year, runtime)
    now = runtime.clock.now()
    async with runtime.database.readers() as session:
        reports = await cases.real_reports(session, start, end)
        by_report = await cases.entries_for(session, [r.id for r in reports])
        referrals = await cases.entries_of_kind(session, EntryKind.REFERRAL.value, start, end)
        decisions = await cases.entries_of_kind(session, EntryKind.DECISION.value, start, end)
    by_kind = {kind.label: [0] * 12 for kind in runtime.kinds}
    minutes: dict[str, list[float]] = {kind.label: [] for kind in runtime.kinds}
    outcomes: Counter[str] = Counter()
    tallies: dict[str, Counter[str]] = {}
    for report in reports:
        label = runtime.kinds[report.kind].label
        by_kind[label][report.recorded_at.astimezone(zone).month - 1] += 1
        if report.acknowledged_at:
            minutes[label].append((report.acknowledged_at - report.recorded_at)
                                  .total_seconds() / 60)
        entries = by_report.get(report.id, [])
        closure = journal.last_closure(entries)
        if report.state == ReportState.CLOSED.value and closure and closure.code:
            outcomes[ClosureOutcome(closure.code).label] += 1
        for clock in case_clocks(runtime, report, entries):
            status = clock.status(now)
            name = "on_time" if status == "met" else "late" if status == "met_late" else "open"
            tallies.setdefault(clock.key.value, Counter())[name] += 1
    everyone = [m for values in minutes.values() for m in values]
    return AnnualFigures(
        organisation=runtime.config.organisation.name, year=year, generated_at=now,
        by_kind_month=by_kind, acknowledgement=_times(everyone),
        acknowledgement_by_kind={label: _times(values) for label, values in minutes.items()},
        never_acknowledged=sum(1 for r in reports if r.acknowledged_at is None),
        open_cases=sum(1 for r in reports if r.state != ReportState.CLOSED.value),
        closed_cases=sum(1 for r in reports if r.state == ReportState.CLOSED.value),
        referrals_by_agency=dict(Counter(Agency(e.agency).label for e in referrals
                                         if e.agency).most_common()),
        decisions_not_to_refer=sum(1 for e in decisions
                                   if e.code == Decision.NO_REFERRAL.value),
        closure_outcomes=dict(outcomes.most_common()),
        clocks={key: ClockTally(t["on_time"], t["late"], t["open"])
                for key, t in tallies.items()},
        checkins=checkins, suppress_below=runtime.config.annual_report.suppress_below,
    )
