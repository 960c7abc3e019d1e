"""The reporter's side of a follow-up: open a lead's question privately (audited) and answer
it once. Only the person who made the report may, known to the config or a guest, and only
while the case is open; whoever asked, and the case's holder, are told an answer arrived."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import Action, is_reporter, may
from bot.actors import Actor
from bot.cases import journal, notices
from bot.cases.describe import open_content
from bot.cases.messages import CaseNotice
from bot.cases.vocabulary import EntryKind
from bot.domain import ReportState, normalise_reference
from bot.flow.answers import format_local
from bot.followup.wording import MAX_ANSWER, answered_notice, empty, too_long
from bot.refusals import OPEN_QUESTION, no_such_report
from bot.routing import may_handle
from bot.runtime import Runtime
from bot.ui import ReporterQuestion
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases, reports

AnswerStatus = Literal["done", "refused", "closed", "no_question", "answered", "invalid"]


@dataclass(frozen=True)
class AnswerResult:
    status: AnswerStatus
    reference: str
    number: int | None = None
    message: str = ""

    @property
    def done(self) -> bool:
        return self.status == "done"

    def text(self) -> str:
        """What the reporter is told, the same on every platform; a refusal reads exactly as
        for a report that does not exist (bot.refusals)."""
        reference, number = self.reference, self.number
        return {
            "done": f"Thank you: your answer to question #{number} about {reference} is "
                    "recorded privately. The lead is being told that an answer arrived (no "
                    "details).",
            "closed": f"{reference} is closed, so questions on it can no longer be answered. "
                      "If there is more to say, please tell the safeguarding lead.",
            "answered": f"Question #{number} about {reference} was already answered; an "
                        "answer cannot be changed.",
            "no_question": f"There is no such question about {reference}.",
            "invalid": self.message,
        }.get(self.status) or no_such_report(reference, Action.ANSWER_QUESTION)


def no_question_to_open(reference: str) -> str:
    """When open_question finds nothing for this person: the one refusal (bot.refusals)."""
    return no_such_report(reference, OPEN_QUESTION)


def _questions(entries: list[CaseEntry]) -> list[CaseEntry]:
    return [e for e in entries if e.kind == EntryKind.QUESTION.value]


def _answered(entries: list[CaseEntry]) -> set[int]:
    return {e.refers_to for e in entries if e.kind == EntryKind.ANSWER.value and e.refers_to}


def _pick(entries: list[CaseEntry], number: int | None) -> CaseEntry | None:
    """Question `number`, or the first one still unanswered (else the latest)."""
    asked = _questions(entries)
    if number is not None:
        return next((e for e in asked if e.sequence == number), None)
    answered = _answered(entries)
    return next((e for e in asked if e.sequence not in answered), asked[-1] if asked else None)


def _refusal(actor: Actor, report: Report | None, runtime: Runtime) -> AnswerStatus | None:
    if report is None or not is_reporter(actor, report):
        return "refused"
    if report.state == ReportState.CLOSED.value:
        return "closed"
    return None if may(runtime, actor, Action.ANSWER_QUESTION, report) else "refused"


async def open_question(runtime: Runtime, actor: Actor, reference: str,
                        number: int | None = None) -> ReporterQuestion | None:
    """The question for the reporter's private view; None if refused or there is none."""
    wanted = normalise_reference(reference)
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await reports.by_reference(session, wanted)
        entries = await cases.entries(session, report.id) if report else []
        question = _pick(entries, number)
        if _refusal(actor, report, runtime) is not None or report is None or question is None:
            await auditing.record(session, now, "question_open_refused", actor,
                                  report.id if report else None, reference=wanted[:40])
            return None
        await auditing.record(session, now, "question_opened", actor, report.id,
                              sequence=question.sequence)
    text = str(open_content(runtime.keys, report.reference, question).get("question", ""))
    return ReporterQuestion(report.reference, question.sequence,
                            format_local(question.at, runtime.config.organisation.zone), text,
                            question.sequence in _answered(entries), MAX_ANSWER)


async def answer_question(runtime: Runtime, actor: Actor, reference: str, number: int | None,
                          text: str) -> AnswerResult:
    """Answer question `number` (None: the first unanswered) once; refusals are audited and
    bad input writes nothing."""
    wanted = normalise_reference(reference)
    answer = journal.clean_text(text, MAX_ANSWER + 1)
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await cases.lock_report(session, wanted)
        refusal = _refusal(actor, report, runtime)
        if refusal is not None or report is None:
            await auditing.record(session, now, "answer_refused", actor,
                                  report.id if report else None, reference=wanted[:40],
                                  reason=refusal)
            return AnswerResult(refusal or "refused", wanted)
        entries = await cases.entries(session, report.id)
        question = _pick(entries, number)
        problem = _problem(entries, question, answer, wanted)
        if problem is not None or question is None:
            return problem or AnswerResult("no_question", wanted, number)
        entry = await journal.write(
            session, runtime, report,
            journal.Draft(EntryKind.ANSWER, {"answer": answer}, refers_to=question.sequence),
            actor.person_id, now)
        notified = await _tell_leads(session, runtime, report, entries, question, entry, now)
        await auditing.record(session, now, "case_answer", actor, report.id,
                              sequence=entry.sequence, question=question.sequence,
                              notified=notified)
    return AnswerResult("done", wanted, question.sequence)


def _problem(entries: list[CaseEntry], question: CaseEntry | None, answer: str,
             reference: str) -> AnswerResult | None:
    """Why this answer cannot be recorded (nothing is written), if it cannot."""
    if question is None:
        return AnswerResult("no_question", reference)
    if question.sequence in _answered(entries):
        return AnswerResult("answered", reference, question.sequence)
    if not answer:
        return AnswerResult("invalid", reference, question.sequence, empty("answer"))
    if len(answer) > MAX_ANSWER:
        return AnswerResult("invalid", reference, question.sequence,
                            too_long("answer", MAX_ANSWER))
    return None


async def _tell_leads(session: AsyncSession, runtime: Runtime, report: Report,
                      entries: list[CaseEntry], question: CaseEntry, entry: CaseEntry,
                      now: datetime) -> list[str]:
    """Whoever asked, and the case's holder, if they may still handle it."""
    config = runtime.config
    wanted = [question.by_person_id, journal.holder(report, entries)]
    people = [pid for pid in dict.fromkeys(p for p in wanted if p)
              if may_handle(config.person(pid), report.routed_roles,
                            config.escalation.fallback_role, report.subject_person_id)]
    notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "answered",
                        answered_notice(report.reference, question.sequence),
                        step=entry.sequence)
    await notices.enqueue(session, report, notice, notices.people_addresses(runtime, people),
                          now)
    return people


async def pending_questions(runtime: Runtime, actor: Actor) -> list[tuple[str, int]]:
    """(reference, question number) for every unanswered question on the actor's own open
    reports, oldest first: enough for a button each, without content."""
    async with runtime.database.sessions() as session:
        rows = await reports.for_reporter(session, actor.platform, actor.user_id, limit=50)
        mine = [r for r in rows if may(runtime, actor, Action.ANSWER_QUESTION, r)]
        by_report = await cases.entries_for(session, [r.id for r in mine])
    found = []
    for report in mine:
        entries = by_report.get(report.id, [])
        answered = _answered(entries)
        found += [(report.reference, q.sequence) for q in _questions(entries)
                  if q.sequence not in answered]
    return found
