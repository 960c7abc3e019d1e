"""Immediate danger alerts at once: yes to a flow's `files_alert_if_yes` question files an
urgent alert straight away, and the reporter then carries on with the full record.

The alert is a quick alert (filed by the quick-alert flow, bot/quick/flows.py): stored,
routed, escalated on the immediate-danger clock and reminded like one, with its outbox rows in
the same transaction as the answer that caused it. The flow the reporter carries on with is
saved in that transaction too, marked to complete the alert (finish.COMPLETES), so submitting
it appends the full record to the same case. The alert stands whatever happens next: the
reporter changing the answer to no, stopping, or discarding the rest.

It says only what the answers so far say: usually nothing but the danger and a kind (a
safeguarding concern until the reporter has said otherwise, bot/flow/alerting.py). A member
of staff named before the danger question is routed around as usual; one named later loses
access when the full record is added (finish._tighten), after the first, content-free alert.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.flow import paths
from bot.flow.alerting import alert_kind
from bot.flow.answers import Answer
from bot.flow.definition import FieldType, FlowDefinition, ReportField
from bot.flow.hooks import HookContext
from bot.flow.progress import REVIEW, FlowProgress
from bot.flow.runner import AnswerInput, FlowRunner, StepResult
from bot.quick import wording
from bot.quick.finish import COMPLETES
from bot.quick.flows import quick_flow
from bot.records import seal_flow_state
from bot.runtime import Runtime
from bot.stored_flow import StoredFlow
from bot.submission import Submitted, submit
from bot.ui import Notice, Reply
from storage.models import Report
from storage.repositories import flow_sessions

ALERTED = "immediate_alert"
"""Flow context key: the reference of the alert this flow filed at the danger answer."""
CARRIED = (ReportField.ABOUT_STAFF, ReportField.SUBJECT_PERSON, ReportField.OCCURRED_AT,
           ReportField.DISCOVERED_AT)
"""What the answers so far may already say, carried into the alert (so it is routed around
a member of staff named before the danger question)."""


def due(runtime: Runtime, flow: FlowDefinition, progress: FlowProgress) -> bool:
    """Yes to the flow's alerting question, and no alert filed yet for this flow (nor is it
    completing one already: that report is routed and escalating)."""
    step = flow.alert_step
    return (step is not None and COMPLETES not in progress.context
            and paths.visible(step, progress) and progress.answers.get(step.id) == "yes"
            and _filer(runtime) is not None)


def _filer(runtime: Runtime) -> FlowDefinition | None:
    """The quick-alert flow that files immediate alerts (the loader checks it can; without
    one, the full report still alerts when it is submitted)."""
    quick = quick_flow(runtime)
    return quick if quick is not None and quick.alert_step is not None else None


def alerted(progress: FlowProgress) -> str | None:
    """The reference of the alert this flow filed at its danger answer, if it did."""
    return progress.context.get(ALERTED)


def alert_progress(quick: FlowDefinition, flow: FlowDefinition, progress: FlowProgress
                   ) -> FlowProgress:
    """The alert as the quick-alert flow files it: yes to its danger question, the kind, and
    whatever the answers so far say about who and when (the quick flow's own answers, when
    it is the flow being answered)."""
    answers: dict[str, Answer] = {}
    if flow.id == quick.id:
        answers = {s.id: progress.answers[s.id] for s in paths.questions(flow, progress)
                   if s.id in progress.answers}
    for field in CARRIED:
        source = _filling(flow, progress, field)
        target = next((s for s in quick.steps if s.is_question and s.fills == field), None)
        if source is not None and target is not None and target.type == source[0]:
            answers.setdefault(target.id, source[1])
    assert quick.alert_step is not None  # checked when the flows were loaded
    answers[quick.alert_step.id] = "yes"
    if quick.kind_step is not None:
        answers[quick.kind_step.id] = alert_kind(flow, progress)
    return FlowProgress(quick.id, quick.version, REVIEW, progress.practice, answers,
                        started_at=progress.started_at, context=dict(progress.context))


def _filling(flow: FlowDefinition, progress: FlowProgress, field: ReportField
             ) -> tuple[FieldType | None, Answer] | None:
    """(question type, answer) of the visible answered question filling `field`, if any."""
    for step in paths.questions(flow, progress):
        if step.fills == field and progress.answers.get(step.id) not in (None, ""):
            return step.type, progress.answers[step.id]
    return None


async def file_alert(runtime: Runtime, actor: Actor, row: StoredFlow, flow: FlowDefinition,
                     progress: FlowProgress, then: FlowProgress) -> Submitted:
    """File the alert and save `then` (the flow the reporter carries on with, completing it)
    in one transaction; raises AlreadySubmitted if the flow changed meanwhile."""
    quick = _filer(runtime)
    assert quick is not None  # due() checked

    async def carry_on(session: AsyncSession, report: Report) -> bool:
        then.context[COMPLETES] = then.context[ALERTED] = report.reference
        then.discard_asked = False
        sealed = seal_flow_state(runtime.keys, row.platform, row.conversation_id,
                                 then.to_json())
        return await flow_sessions.save(session, row.id, row.version, then.flow_id, sealed,
                                        runtime.clock.now())

    alert = alert_progress(quick, flow, progress)
    return await submit(runtime, actor, row.id, row.version, FlowRunner(quick), alert,
                        keep_flow=carry_on)


def told(guidance: list[Reply], done: Submitted, carrying_on: list[Reply]) -> list[Reply]:
    """The 999 guidance first, then that the lead has been alerted, then the next question."""
    notices = [r for r in guidance if isinstance(r, Notice)]
    main = [r for r in carrying_on if not isinstance(r, Notice)]
    unreached = () if done.reached else done.next_steps[:2]
    return [*notices, wording.alerted_notice(done.reference, done.practice, unreached), *main]


def noting_it_stands(flow: FlowDefinition, asked: str, result: StepResult) -> StepResult:
    """The reporter changed the danger answer to no after the alert was sent: say that it
    stands, before the next question (after any guidance)."""
    step, reference = flow.alert_step, alerted(result.progress)
    if step is None or reference is None or asked != step.id:
        return result
    if result.progress.answers.get(step.id) != "no":
        return result
    stands = Notice(wording.alert_stands(reference), title="The alert stands", tone="warning")
    replies = result.replies
    at = next((i for i, r in enumerate(replies) if not isinstance(r, Notice)), len(replies))
    return StepResult(result.progress, [*replies[:at], stands, *replies[at:]])


def carry_on(result: StepResult, full: FlowRunner | None, context: HookContext) -> StepResult:
    """Where the reporter goes on after the alert: the same flow (`full` None), or from a
    quick alert, the `full` flow for the alert's kind with its own danger question answered
    yes already (the quick account's answers so far are all in the alert)."""
    if full is None:
        return result
    started = full.start(context, result.progress.practice)
    started.progress.context.update(result.progress.context)
    step = full.flow.alert_step
    if step is None or started.progress.current != step.id:
        return started
    return full.handle(started.progress, AnswerInput("yes"), context)
