"""Starting the completion of a quick alert (the full flow for its kind, in the reporter's
conversation) and listing the quick alerts a reporter still has to complete."""

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.authorised import authorised_report
from bot.details import ReportLine
from bot.domain import ReportState
from bot.quick.finish import COMPLETES
from bot.quick.flows import completion, is_incomplete, is_quick_flow
from bot.refusals import no_such_report
from bot.reporting import (
    create_session,
    current,
    flow_for_kind,
    hook_context,
    progress,
    resume,
    runner_for,
)
from bot.runtime import Runtime
from bot.ui import Notice, Reply
from storage.models import Report
from storage.repositories import cases, reports


async def start_completion(runtime: Runtime, actor: Actor, conversation_id: str,
                           reference: str) -> list[Reply]:
    """Open the full flow that completes the actor's own quick alert `reference`, in this
    conversation; answers then go through bot.reporting.respond like any report. Only the
    reporter may, while the record is incomplete and the case open (refusals are audited)."""
    report = await _checked(runtime, actor, reference)
    if isinstance(report, Notice):
        return [report]
    if await current(runtime, conversation_id, actor.platform) is not None:
        going = await progress(runtime, conversation_id, actor.platform)
        if going is not None and going.context.get(COMPLETES) == report.reference:
            return await resume(runtime, actor, conversation_id)  # already completing it
        note = Notice(f"You have a report in progress here; finish or cancel it first, then "
                      f"complete {report.reference}.", tone="warning")
        return [note, *await resume(runtime, actor, conversation_id)]
    flow = flow_for_kind(runtime, report.kind)
    runner = runner_for(runtime, flow.id, report.is_practice)
    started = runner.start(hook_context(runtime), report.is_practice)
    started.progress.context[COMPLETES] = report.reference
    if await create_session(runtime, actor, conversation_id, started.progress) is None:
        return await resume(runtime, actor, conversation_id)
    intro = Notice(f"Completing {report.reference}: the full {flow.title.lower()} questions. "
                   "What you sent first stays on the record as you sent it; this is added to "
                   "the same record.", title="Complete the record")
    return [intro, *started.replies]


async def _checked(runtime: Runtime, actor: Actor, reference: str) -> Report | Notice:
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, actor, Action.COMPLETE_REPORT,
                                         reference, now, "completion_refused")
        if report is None:
            return Notice(no_such_report(reference, Action.COMPLETE_REPORT), tone="error")
        if not is_incomplete(runtime, report, await cases.entries(session, report.id)):
            what = "was not a quick alert" if not is_quick_flow(runtime, report.flow_id) else (
                "is complete already")
            return Notice(f"{report.reference} {what}: there is nothing to complete.")
        await auditing.record(session, now, "completion_started", actor, report.id)
    return report


async def incomplete_reports(runtime: Runtime, actor: Actor) -> list[ReportLine]:
    """The actor's own quick alerts whose full record is still to be written, newest first
    (reference, kind, state and time only)."""
    async with runtime.database.sessions() as session:
        rows = await reports.for_reporter(session, actor.platform, actor.user_id, limit=50)
        quick = [r for r in rows if is_quick_flow(runtime, r.flow_id)
                 and r.state != ReportState.CLOSED.value
                 and may(runtime, actor, Action.COMPLETE_REPORT, r)]
        entries = await cases.entries_for(session, [r.id for r in quick])
    return [ReportLine(r.reference, runtime.kinds[r.kind].label, r.state, r.urgency, r.recorded_at)
            for r in quick if completion(entries.get(r.id, [])) is None]
