"""A person's report conversation: start, answer, go back, review, submit, cancel, resume."""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot import discarding
from bot.actors import Actor
from bot.domain import Urgency
from bot.flow import paths
from bot.flow.alerting import alert_kind
from bot.flow.definition import Choice as FlowChoice
from bot.flow.definition import FieldType, FlowDefinition, Step
from bot.flow.hooks import HookContext
from bot.flow.presenter import SeenBy
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowInput, FlowRunner, Repeat, StepResult
from bot.quick import finish, immediate
from bot.quick.flows import quick_flow
from bot.records import seal_flow_state
from bot.runtime import Runtime
from bot.stored_flow import StoredFlow, current
from bot.submission import (
    AlreadySubmitted,
    Submitted,
    review_audience,
    seen_by,
    subject_of,
    submit,
)
from bot.ui import Notice, Receipt, Reply
from storage.repositories import flow_sessions

CHOOSE_KIND = "choose_kind"
QUICK_CHOICE = "quick_alert"
QUICK_LABEL = "Alert the lead now, write it up later"
CONTEXT_KEYS = frozenset({"message_link"})
CROSSED = Notice("That answer crossed with another one; please answer again.", tone="warning")


def kind_chooser(runtime: Runtime) -> FlowDefinition:
    """The first question when /report is given no kind: which kind of report, or a quick
    alert (last, when the organisation has one)."""
    choices = [
        FlowChoice(value=kind.id, label=flow_for_kind(runtime, kind.id).title)
        for kind in runtime.kinds
    ]
    if quick_flow(runtime) is not None:
        choices.append(FlowChoice(value=QUICK_CHOICE, label=QUICK_LABEL))
    step = Step(id="kind", prompt="What would you like to report?", type=FieldType.SINGLE_CHOICE,
                label="Kind of report", choices=choices)
    return FlowDefinition(id=CHOOSE_KIND, title="Report", steps=[step])


def flow_for_kind(runtime: Runtime, kind: str) -> FlowDefinition:
    """The full flow for a kind (never a quick alert), as the kinds registry names it."""
    return runtime.flows[runtime.kinds[kind].flow]


def runner_for(runtime: Runtime, flow_id: str, practice: bool) -> FlowRunner:
    if flow_id == CHOOSE_KIND:
        return FlowRunner(kind_chooser(runtime))
    flow = runtime.flows[flow_id]
    if not flow.files_report:
        return FlowRunner(flow)
    return FlowRunner(flow, _seen_by(runtime, flow, practice))


def _seen_by(runtime: Runtime, flow: FlowDefinition, practice: bool) -> SeenBy:
    """Who will see it, for the review (review_audience adds who is away now)."""
    def who(urgency: Urgency, progress: FlowProgress) -> tuple[str, ...]:
        kind = paths.report_kind(flow, progress)
        subject = subject_of(runtime, flow, progress)
        return seen_by(runtime, kind, urgency, practice, subject) if kind else ()
    return who


def _first_flow(runtime: Runtime, kind: str | None, quick: bool) -> str:
    chosen = quick_flow(runtime) if quick else None
    if chosen is not None:
        return chosen.id
    return flow_for_kind(runtime, kind).id if kind else CHOOSE_KIND


def hook_context(runtime: Runtime) -> HookContext:
    staff = tuple(
        (p.id, f"{p.name} ({', '.join(r.label for r in p.roles)})") for p in runtime.config.people
    )
    return HookContext(runtime.clock.now(), runtime.config.organisation.zone, staff=staff)


@dataclass(frozen=True)
class Opening:
    replies: list[Reply]
    draft: dict[str, Any] | None
    """Set when nothing was stored yet: the untouched start of the flow (which flow, practice
    or not, where it started; no answers). Pass it back to respond() with the first answer."""


async def open_report(
    runtime: Runtime, actor: Actor, conversation_id: str, kind: str | None,
    practice: bool = False, context: dict[str, str] | None = None, quick: bool = False,
) -> Opening:
    """The first screen of a report without writing anything (fast enough for a slash
    command's few seconds), or the report already in progress in this conversation.
    `quick`: the quick alert ("alert the lead now, write it up later")."""
    if await current(runtime, conversation_id, actor.platform) is not None:
        note = Notice("You already have a report in progress; carrying on where you stopped.")
        return Opening([note, *await resume(runtime, actor, conversation_id)], None)
    flow_id = _first_flow(runtime, kind, quick)
    result = runner_for(runtime, flow_id, practice).start(hook_context(runtime), practice)
    result.progress.context.update(context or {})
    return Opening(_with_practice_banner(result.replies, practice), result.progress.to_json())


async def start(
    runtime: Runtime, actor: Actor, conversation_id: str, kind: str | None,
    practice: bool = False, context: dict[str, str] | None = None, quick: bool = False,
) -> list[Reply]:
    """Begin a report and store it at once, or pick up the one already in progress.

    `context` says where it started (e.g. {"message_link": ...}) and is kept with the report.
    `quick`: start the quick alert instead of a full report.
    """
    opening = await open_report(runtime, actor, conversation_id, kind, practice, context, quick)
    if opening.draft is None:
        return opening.replies
    created = await _create(runtime, actor, conversation_id, opening.draft)
    if created is None:  # another request started it a moment ago: carry on with that one
        return await resume(runtime, actor, conversation_id)
    return opening.replies


async def _create(runtime: Runtime, actor: Actor, conversation_id: str,
                  draft: dict[str, Any]) -> StoredFlow | None:
    """Store a flow's start; None if this conversation already has one."""
    return await create_session(runtime, actor, conversation_id, _checked_draft(runtime, draft))


async def create_session(runtime: Runtime, actor: Actor, conversation_id: str,
                         progress: FlowProgress) -> StoredFlow | None:
    """Store a flow's progress as this conversation's flow; None if it already has one."""
    state = json.loads(json.dumps(progress.to_json()))  # as it will read back
    sealed = seal_flow_state(runtime.keys, actor.platform, conversation_id, state)
    try:
        async with runtime.database.transaction() as session:
            row = await flow_sessions.create(session, actor.platform, conversation_id,
                                             actor.user_id, progress.flow_id, sealed,
                                             runtime.clock.now())
    except IntegrityError:
        return None
    return StoredFlow(row.id, row.version, row.platform, row.conversation_id, row.flow_id, state)


def _checked_draft(runtime: Runtime, draft: dict[str, Any]) -> FlowProgress:
    """A draft comes back through a platform: accept only an untouched start of a real flow."""
    progress = FlowProgress.from_json(draft)
    if progress.flow_id != CHOOSE_KIND and progress.flow_id not in runtime.flows:
        raise ValueError("draft names an unknown flow")
    progress.answers, progress.warned, progress.editing = {}, {}, False
    progress.discard_asked = False
    progress.context = {k: v[:500] for k, v in progress.context.items() if k in CONTEXT_KEYS}
    runner = runner_for(runtime, progress.flow_id, progress.practice)
    progress.current = runner.start(hook_context(runtime), progress.practice).progress.current
    return progress


async def progress(runtime: Runtime, conversation_id: str, platform: str
                   ) -> FlowProgress | None:
    """Where this conversation's report stands, or None if none is in progress."""
    stored = await current(runtime, conversation_id, platform)
    return stored.progress if stored is not None else None


async def resume(runtime: Runtime, actor: Actor, conversation_id: str) -> list[Reply]:
    """Show the question (or review) this conversation stopped at; [] if none is open."""
    row = await current(runtime, conversation_id, actor.platform)
    if row is None:
        return []
    progress = row.progress
    runner = runner_for(runtime, row.flow_id, progress.practice)
    replies = runner.handle(progress, Repeat(), hook_context(runtime)).replies
    return await review_audience(runtime, runner.flow, progress, replies)


async def respond(
    runtime: Runtime, actor: Actor, conversation_id: str, given: FlowInput,
    draft: dict[str, Any] | None = None, stored: StoredFlow | None = None,
) -> list[Reply]:
    """Apply one input. With `draft` (from open_report), a flow not stored yet starts now.
    `stored`: this conversation's flow as the caller has just read it with current() (it is
    not read again; every write checks its version)."""
    row = stored
    if row is None:
        row = await current(runtime, conversation_id, actor.platform)
    if row is None and draft is not None:
        row = await _create(runtime, actor, conversation_id, draft) or await current(
            runtime, conversation_id, actor.platform)
    if row is None:
        return [Notice("There is no report in progress; start a new report to tell us something.")]
    progress = row.progress
    asked, progress.discard_asked = progress.current, False
    runner = runner_for(runtime, row.flow_id, progress.practice)
    result = runner.handle(progress, given, hook_context(runtime))
    if result.outcome == "submit" and finish.completes(result.progress):
        return await finish.complete(runtime, actor, row, runner, result.progress)
    if result.outcome == "submit":
        return await _submit(runtime, actor, row, runner, result)
    if immediate.due(runtime, runner.flow, result.progress):
        return await _alert_now(runtime, actor, row, runner, result)
    if row.flow_id == CHOOSE_KIND and result.progress.reviewing:
        return await _switch_to_chosen(runtime, row, result)
    result = immediate.noting_it_stands(runner.flow, asked, result)
    replies = await _save(runtime, row, runner.flow.id, result)
    return await review_audience(runtime, runner.flow, result.progress, replies)


async def cancel(runtime: Runtime, actor: Actor, conversation_id: str,
                 confirmed: bool = False) -> list[Reply]:
    """Discard the report in progress. With answers that would be lost, the first cancel
    asks to confirm and a second one discards (`confirmed`: the platform asked already).
    Completing an alert or quick alert discards only the draft: the alert stands."""
    row = await current(runtime, conversation_id, actor.platform)
    if row is None:
        return [Notice("There is no report in progress.")]
    progress = row.progress
    runner = runner_for(runtime, row.flow_id, progress.practice)
    lost = discarding.unsent_answers(runner.flow, progress)
    if lost and not (confirmed or progress.discard_asked):
        progress.discard_asked = True
        shown = runner.handle(progress, Repeat(), hook_context(runtime))
        ask = discarding.confirm_notice(progress, lost)
        return await _save(runtime, row, row.flow_id, StepResult(progress, [ask, *shown.replies]))
    async with runtime.database.transaction() as session:
        removed = await flow_sessions.remove(session, row.id, row.version)
    return [discarding.discarded_notice(progress) if removed else CROSSED]


async def _save(runtime: Runtime, row: StoredFlow, flow_id: str, result: StepResult
                ) -> list[Reply]:
    async with runtime.database.transaction() as session:
        sealed = seal_flow_state(runtime.keys, row.platform, row.conversation_id,
                                 result.progress.to_json())
        saved = await flow_sessions.save(session, row.id, row.version, flow_id, sealed,
                                         runtime.clock.now())
    if not saved:
        return [CROSSED]
    return result.replies


async def _alert_now(runtime: Runtime, actor: Actor, row: StoredFlow, runner: FlowRunner,
                     result: StepResult) -> list[Reply]:
    """Yes to the danger question: file the alert now, then the reporter carries on with the
    full record, which completes it (bot/quick/immediate.py)."""
    full = None
    if runner.flow.completes_later:  # a quick alert: on to the full flow for its kind
        kind = alert_kind(runner.flow, result.progress)
        full = runner_for(runtime, flow_for_kind(runtime, kind).id, result.progress.practice)
    then = immediate.carry_on(result, full, hook_context(runtime))
    try:
        done = await immediate.file_alert(runtime, actor, row, runner.flow, result.progress,
                                          then.progress)
    except AlreadySubmitted:
        return [CROSSED]
    return immediate.told(result.replies, done, then.replies)


async def _switch_to_chosen(runtime: Runtime, row: StoredFlow, result: StepResult
                            ) -> list[Reply]:
    chosen = str(result.progress.answers["kind"])
    practice = result.progress.practice
    quick = quick_flow(runtime) if chosen == QUICK_CHOICE else None
    flow = quick or flow_for_kind(runtime, chosen)
    started = runner_for(runtime, flow.id, practice).start(hook_context(runtime), practice)
    started.progress.context.update(result.progress.context)
    replies = await _save(runtime, row, flow.id, started)
    return _with_practice_banner(replies, practice)


async def _submit(runtime: Runtime, actor: Actor, row: StoredFlow, runner: FlowRunner,
                  result: StepResult) -> list[Reply]:
    try:
        done = await submit(runtime, actor, row.id, row.version, runner, result.progress)
    except AlreadySubmitted:
        return [Notice("This report was already submitted.", tone="warning")]
    kind = runner.report_kind(result.progress)
    return [receipt(done, runtime.kinds[kind].label if kind else runner.flow.title)]


def receipt(done: Submitted, kind_label: str) -> Receipt:
    """The on-screen receipt. A quick alert's says the record is incomplete and how to finish
    it, and one nobody could be alerted by says who to phone (otherwise a full report's next
    steps are left to each platform's own wording)."""
    steps = done.next_steps if done.incomplete or not done.reached else ()
    return Receipt(done.reference, kind_label, done.urgency, done.practice, done.seen_by,
                   steps, done.privacy, done.incomplete, done.status)


def _with_practice_banner(replies: list[Reply], practice: bool) -> list[Reply]:
    if not practice:
        return replies
    banner = Notice("Practice mode: this runs the real questions, but only you will be "
                    "alerted and the record is marked as practice.", title="Practice")
    return [banner, *replies]
