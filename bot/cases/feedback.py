"""One-click feedback to the reporter: their report has been looked at and action taken.
It says nothing else (no outcome, no names, no content)."""

from bot.access import Action
from bot.actors import Actor
from bot.alerts import reporter_address
from bot.cases.entries import CaseContext, CaseResult, change
from bot.cases.journal import Draft
from bot.cases.messages import CaseNotice
from bot.cases.notices import deliverable, enqueue
from bot.cases.vocabulary import EntryKind
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report


def feedback_text(reference: str) -> str:
    return (f"Your report {reference} has been looked at by the safeguarding team and action "
            "has been taken. Thank you for reporting it. For your privacy, no details are "
            "shared here.")


def _reachable(runtime: Runtime, report: Report) -> bool:
    return (bool(report.reporter_user_id) and report.reporter_platform in runtime.platforms
            and deliverable())


async def send_feedback(runtime: Runtime, actor: Actor, reference: str, *,
                        interaction: str | None = None) -> CaseResult:
    sent: list[bool] = []

    async def build(context: CaseContext) -> Draft:
        reachable = _reachable(runtime, context.report)
        sent.append(reachable)
        return Draft(EntryKind.FEEDBACK, code="sent" if reachable else "not_sent")

    async def tell(context: CaseContext, entry: CaseEntry) -> None:
        report = context.report
        if not sent[-1]:
            return
        notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "feedback",
                            feedback_text(report.reference), step=entry.sequence,
                            to_reporter=True)
        await enqueue(context.session, report, notice, [reporter_address(report)], context.now)

    return await change(runtime, actor, reference, Action.FEEDBACK, build, tell,
                        interaction=interaction)
