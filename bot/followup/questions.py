"""A lead asks the reporter a question about their report: a sealed case entry, and a
content-free notice to the reporter (who opens and answers it privately, bot.followup.answers)."""

from bot.access import Action
from bot.actors import Actor
from bot.alerts import reporter_address
from bot.cases import notices
from bot.cases.entries import CaseContext, CaseProblem, CaseResult, change
from bot.cases.journal import Draft, clean_text
from bot.cases.messages import CaseNotice
from bot.cases.vocabulary import EntryKind
from bot.followup.wording import MAX_QUESTION, empty, question_notice, too_long
from bot.runtime import Runtime
from storage.case_models import CaseEntry


async def ask_reporter(runtime: Runtime, actor: Actor, reference: str, text: str, *,
                       interaction: str | None = None) -> CaseResult:
    """Record keepers handling an acknowledged, open report ask its reporter `text`.
    Refused (and audited) for anyone else, on a closed case, or on practice; empty or
    over-long text is refused with nothing written."""
    question = clean_text(text, MAX_QUESTION + 1)

    async def build(context: CaseContext) -> Draft:
        if not question:
            raise CaseProblem(empty("question"))
        if len(question) > MAX_QUESTION:
            raise CaseProblem(too_long("question", MAX_QUESTION))
        if context.report.reporter_platform not in runtime.platforms:
            raise CaseProblem(f"The reporter of {context.report.reference} uses "
                              f"{context.report.reporter_platform}, which this bot cannot "
                              "reach here. Nothing was saved.")
        return Draft(EntryKind.QUESTION, {"question": question})

    async def tell(context: CaseContext, entry: CaseEntry) -> None:
        report = context.report
        notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "question",
                            question_notice(report.reference), step=entry.sequence,
                            to_reporter=True)
        await notices.enqueue(context.session, report, notice, [reporter_address(report)],
                              context.now)

    return await change(runtime, actor, reference, Action.ASK_REPORTER, build, tell,
                        interaction=interaction)
