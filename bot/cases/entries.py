"""Adding to a case: one transaction locks the report, checks who may, appends the entry,
keeps the clocks' timers in step and records it in the audit trail. Nothing is ever edited."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing, interactions
from bot.access import CASE_WRITES, Action, may
from bot.actors import Actor
from bot.cases import journal
from bot.cases.reminders import schedule_timers
from bot.domain import ReportState, normalise_reference
from bot.refusals import no_such_report
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases

Status = Literal["done", "not_found", "refused", "closed", "not_acknowledged", "invalid",
                 "repeated"]
REPEATED = "That was already recorded; a repeated request adds nothing."


class CaseProblem(ValueError):
    """The entry cannot be added as asked; the message says why, for the person asking."""


class CaseRefused(CaseProblem):
    """The entry names another report the person may not see (or that does not exist): shown
    like any problem, and recorded in the audit trail as a refusal."""

    def __init__(self, message: str, **detail: object) -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class CaseResult:
    status: Status
    reference: str
    sequence: int | None = None
    message: str | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass
class CaseContext:
    runtime: Runtime
    session: AsyncSession
    actor: Actor
    report: Report
    entries: list[CaseEntry]
    now: datetime


Builder = Callable[[CaseContext], Awaitable[journal.Draft]]
After = Callable[[CaseContext, CaseEntry], Awaitable[None]]


class _Conflict(Exception):
    pass


async def change(runtime: Runtime, actor: Actor, reference_text: str, action: Action,
                 build: Builder, after: After | None = None, verb: str | None = None,
                 interaction: str | None = None) -> CaseResult:
    """Add one entry built by `build` (which may raise CaseProblem); `after` runs in the same
    transaction once the entry exists (state changes, notices). `verb` words a refusal when
    the action's own verb (bot.refusals) does not fit. `interaction`: the adapter's key for
    the signed request; a replay of one already acted on changes nothing."""
    reference = normalise_reference(reference_text)
    now = runtime.clock.now()
    try:
        async with runtime.database.transaction() as session:
            if not await interactions.first_time(session, interaction, now):
                return CaseResult("repeated", reference, message=REPEATED)
            report = await cases.lock_report(session, reference)
            refusal = _refusal(runtime, actor, action, report)
            if refusal is not None:
                await auditing.record(session, now, "case_action_refused", actor,
                                      report.id if report else None, attempted=action.value,
                                      reference=reference[:40], reason=refusal)
                return CaseResult(refusal, reference,
                                  message=no_such_report(reference, verb or action))
            assert report is not None
            context = CaseContext(runtime, session, actor, report,
                                  await cases.entries(session, report.id), now)
            try:
                draft = await build(context)
            except CaseRefused as refused:
                await auditing.record(session, now, "case_action_refused", actor, report.id,
                                      attempted=action.value, reference=reference[:40],
                                      reason="refused", **refused.detail)
                return CaseResult("invalid", reference, message=str(refused))
            except CaseProblem as problem:
                return CaseResult("invalid", reference, message=str(problem))
            entry = await journal.write(session, runtime, report, draft, actor.person_id, now)
            if after is not None:
                await after(context, entry)
            await schedule_timers(session, runtime, report, [*context.entries, entry], now)
            await auditing.record(session, now, f"case_{entry.kind}", actor, report.id,
                                  sequence=entry.sequence, code=entry.code, agency=entry.agency)
    except _Conflict:
        return CaseResult("invalid", reference,
                          message="The case changed while you were recording this; "
                                  "nothing was added. Please look again and retry.")
    return CaseResult("done", reference, entry.sequence)


def _refusal(runtime: Runtime, actor: Actor, action: Action, report: Report | None
             ) -> Status | None:
    """Why this actor may not do this now; the same answer whether or not the report exists
    to anyone who may not read it (no probing)."""
    if report is None:
        return "not_found"
    closed = report.state == ReportState.CLOSED.value
    if closed and action in CASE_WRITES and may(runtime, actor, Action.VIEW_CASE, report):
        return "closed"
    if not may(runtime, actor, action, report):
        return "refused"
    if report.state == ReportState.SUBMITTED.value:
        return "not_acknowledged"
    return None


async def set_state(context: CaseContext, state: ReportState, closed_at: datetime | None
                    ) -> None:
    """Close or reopen the report in the same transaction (first writer wins)."""
    if not await cases.set_state(context.session, context.report, state.value, closed_at):
        raise _Conflict()


def refusal_text(result: CaseResult, verb: str | None = None) -> str:
    """What to tell the person when a change was not made (a refusal in the core's one
    wording, bot.refusals; `verb` only for a result made without the core's message)."""
    reference = result.reference
    if result.status == "closed":
        return f"{reference} is closed, so it is read-only. Reopen it first if needed."
    if result.status == "not_acknowledged":
        return f"{reference} has not been acknowledged yet: acknowledge it first."
    if result.status in ("invalid", "repeated"):
        return result.message or "That could not be recorded."
    return result.message or no_such_report(reference, verb or "change")
