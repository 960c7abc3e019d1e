"""The register: one CSV line per real report the viewer may see (reference, kind, dates,
state, referrals, outcome) for the lead's review. No narrative, nothing anyone typed: codes
and dates only."""

import csv
import io
from datetime import UTC, datetime

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.cases import journal
from bot.cases.describe import initials
from bot.cases.vocabulary import Agency, ClosureOutcome, EntryKind
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases

COLUMNS = ("reference", "kind", "urgency", "recorded", "acknowledged", "minutes_to_acknowledge",
           "held_by", "referrals", "state", "closed", "outcome", "about_staff")
"""`about_staff` (yes/no) keeps allegations about staff apart: they also carry coded
references rather than numbers (bot.references)."""


def year_bounds(year: int, runtime: Runtime) -> tuple[datetime, datetime]:
    zone = runtime.config.organisation.zone
    return (datetime(year, 1, 1, tzinfo=zone).astimezone(UTC),
            datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC))


def _row(runtime: Runtime, report: Report, entries: list[CaseEntry]) -> list[str]:
    zone = runtime.config.organisation.zone

    def when(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    minutes = (str(int((report.acknowledged_at - report.recorded_at).total_seconds() // 60))
               if report.acknowledged_at else "")
    agencies = dict.fromkeys(Agency(e.agency).label for e in entries
                             if e.kind == EntryKind.REFERRAL.value and e.agency)
    closure = journal.last_closure(entries)
    holder = journal.holder(report, entries)
    return [report.reference, runtime.kinds[report.kind].label, report.urgency,
            when(report.recorded_at), when(report.acknowledged_at), minutes,
            initials(runtime.config, holder) if holder else "", "; ".join(agencies),
            report.state, when(report.closed_at),
            ClosureOutcome(closure.code).label if closure and closure.code else "",
            "yes" if report.about_staff or report.subject_person_id else "no"]


async def register_csv(runtime: Runtime, actor: Actor, year: int | None = None) -> str | None:
    """The register as CSV text; None if the actor may not see it (the refusal is recorded)."""
    now = runtime.clock.now()
    start, end = year_bounds(year, runtime) if year else (None, None)
    async with runtime.database.transaction() as session:
        if not may(runtime, actor, Action.VIEW_REGISTER):
            await auditing.record(session, now, "register_refused", actor)
            return None
        reports = [r for r in await cases.real_reports(session, start, end)
                   if may(runtime, actor, Action.VIEW_STATE, r)]  # never one about them
        by_report = await cases.entries_for(session, [r.id for r in reports])
        await auditing.record(session, now, "register_exported", actor, None,
                              year=year, rows=len(reports))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for report in reports:
        writer.writerow(_row(runtime, report, by_report.get(report.id, [])))
    return out.getvalue()
