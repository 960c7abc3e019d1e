"""Advances one flow one step at a time: pure logic, no storage and no platform."""

import hashlib
from dataclasses import dataclass
from typing import Literal

from bot.domain import Urgency
from bot.flow import paths
from bot.flow.answers import AnswerError, Raw, parse_answer, small_number
from bot.flow.definition import TEXT_TYPES, FlowDefinition, Step
from bot.flow.guard import scan, warning_text
from bot.flow.hooks import HookContext
from bot.flow.presenter import Presenter, SeenBy
from bot.flow.progress import REVIEW, FlowProgress
from bot.ui import Notice, Reply, Summary


@dataclass(frozen=True)
class AnswerInput:
    raw: Raw


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class Edit:
    target: str
    """A step id, or the item number shown in the summary."""


@dataclass(frozen=True)
class Submit:
    pass


@dataclass(frozen=True)
class Keep:
    """Keep the answer already given to the current question (after going back)."""


@dataclass(frozen=True)
class Repeat:
    """Show the current question (or the review) again, e.g. after a restart."""


FlowInput = AnswerInput | Back | Edit | Submit | Keep | Repeat
Outcome = Literal["continue", "submit"]


@dataclass(frozen=True)
class StepResult:
    progress: FlowProgress
    replies: list[Reply]
    outcome: Outcome = "continue"


class FlowRunner:
    """Runs one flow definition; every method returns the new progress and what to show."""

    def __init__(self, flow: FlowDefinition, seen_by: SeenBy | None = None) -> None:
        self.flow = flow
        self.present = Presenter(flow, seen_by)
        """seen_by: who will see the report (at an urgency, given the answers), on the review."""

    def start(self, context: HookContext, practice: bool = False) -> StepResult:
        progress = FlowProgress(
            self.flow.id,
            self.flow.version,
            current=REVIEW,
            practice=practice,
            started_at=context.now.isoformat(),
        )
        return self._move_forward(progress, after=None, context=context)

    def handle(self, progress: FlowProgress, given: FlowInput, context: HookContext) -> StepResult:
        context = self._with_answers(progress, context)
        if isinstance(given, Repeat):
            return StepResult(progress, [self.present.current(progress, context)])
        if isinstance(given, Back):
            return self._back(progress, context)
        if isinstance(given, Edit):
            return self._edit(progress, given.target, context)
        if isinstance(given, Submit):
            if not progress.reviewing:
                note = Notice("Answer the remaining questions first; then you can submit.")
                return StepResult(progress, [note, self.present.current(progress, context)])
            return StepResult(progress, [], outcome="submit")
        if isinstance(given, Keep):
            return self._keep(progress, context)
        return self._answer(progress, given.raw, context)

    def _keep(self, progress: FlowProgress, context: HookContext) -> StepResult:
        if progress.reviewing or progress.current not in progress.answers:
            note = Notice("There is no earlier answer to keep here.")
            return StepResult(progress, [note, self.present.current(progress, context)])
        step = self.flow.step(progress.current)
        if progress.editing:
            return self._after_edit(progress, step, context)
        return self._move_forward(progress, after=step, context=context)

    # -- moving between steps -------------------------------------------------------------

    def _answer(self, progress: FlowProgress, raw: Raw, context: HookContext) -> StepResult:
        if progress.reviewing:
            note = Notice("Your answers are ready to review: submit the report, or change an "
                          "answer first.")
            return StepResult(progress, [note, self.present.summary(progress, context)])
        step = self.flow.step(progress.current)
        try:
            value = parse_answer(step, raw, context)
        except AnswerError as error:
            retry = self.present.question(step, progress, context, str(error))
            return StepResult(progress, [retry])
        progress.answers[step.id] = value
        paths.drop_hidden_answers(self.flow, progress)
        warning = self._guard(step, value, progress)
        if warning is not None:
            return StepResult(progress, [warning, self.present.question(step, progress, context)])
        if progress.editing:
            return self._after_edit(progress, step, context)
        return self._move_forward(progress, after=step, context=context)

    def _guard(self, step: Step, value: object, progress: FlowProgress) -> Notice | None:
        """Warn once about identifying detail in free text; the same answer again confirms."""
        if step.type not in TEXT_TYPES or not isinstance(value, str):
            return None
        fingerprint = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        if progress.warned.get(step.id) == fingerprint:
            return None
        findings = scan(value)
        if not findings:
            return None
        progress.warned[step.id] = fingerprint
        return Notice(warning_text(findings), title="Initials only", tone="warning")

    def _move_forward(
        self, progress: FlowProgress, after: Step | None, context: HookContext
    ) -> StepResult:
        """Show guidance between here and the next visible question, then that question."""
        replies: list[Reply] = []
        for step in paths.steps_after(self.flow, after):
            if not paths.visible(step, progress):
                continue
            if not step.is_question:
                replies.append(self.present.guidance(step))
                continue
            progress.current = step.id
            replies.append(self.present.question(step, progress, context))
            return StepResult(progress, replies)
        progress.current = REVIEW
        progress.editing = False
        replies.append(self.present.summary(progress, context))
        return StepResult(progress, replies)

    def _after_edit(self, progress: FlowProgress, step: Step, context: HookContext) -> StepResult:
        """After changing one answer: its guidance, any questions it opened, then the review."""
        guidance = self._guidance_after(step, progress)
        pending = next(
            (s for s in paths.questions(self.flow, progress) if s.id not in progress.answers), None
        )
        if pending is None:
            progress.editing = False
            result = self._move_forward(progress, after=self.flow.steps[-1], context=context)
        else:
            result = self._move_forward(progress, paths.previous_step(self.flow, pending), context)
        extra = [notice for notice in guidance if notice not in result.replies]
        return StepResult(result.progress, [*extra, *result.replies])

    def _guidance_after(self, step: Step, progress: FlowProgress) -> list[Reply]:
        """Visible guidance that directly follows a question (before the next question)."""
        notices: list[Reply] = []
        for following in paths.steps_after(self.flow, step):
            if following.is_question:
                break
            if paths.visible(following, progress):
                notices.append(self.present.guidance(following))
        return notices

    def _back(self, progress: FlowProgress, context: HookContext) -> StepResult:
        questions = paths.questions(self.flow, progress)
        if progress.reviewing:
            target = questions[-1]
        else:
            index = next(i for i, s in enumerate(questions) if s.id == progress.current)
            if index == 0:
                note = Notice("This is the first question; there is nothing to go back to.")
                return StepResult(progress, [note, self.present.current(progress, context)])
            target = questions[index - 1]
        progress.current = target.id
        progress.editing = False
        return StepResult(progress, [self.present.question(target, progress, context)])

    def _edit(self, progress: FlowProgress, target: str, context: HookContext) -> StepResult:
        answered = [s for s in paths.questions(self.flow, progress) if s.id in progress.answers]
        step = None
        number = small_number(target)
        if number is not None and 1 <= number <= len(answered):
            step = answered[number - 1]
        else:
            step = next((s for s in answered if s.id == target.strip()), None)
        if step is None or not progress.reviewing:
            note = Notice(
                "Answers can be changed from the review at the end, or go back one "
                "question now."
                if not progress.reviewing
                else f"There is no answer '{target}' to change."
            )
            return StepResult(progress, [note, self.present.current(progress, context)])
        progress.current = step.id
        progress.editing = True
        return StepResult(progress, [self.present.question(step, progress, context)])

    def _with_answers(self, progress: FlowProgress, context: HookContext) -> HookContext:
        filled = {s.fills.value: s.id for s in self.flow.steps if s.is_question and s.fills}
        return HookContext(context.now, context.zone, dict(progress.answers), filled, context.staff)

    # -- what the answers mean ------------------------------------------------------------

    def urgency(self, progress: FlowProgress) -> Urgency:
        return paths.urgency(self.flow, progress)

    def report_kind(self, progress: FlowProgress) -> str | None:
        return paths.report_kind(self.flow, progress)

    def about_staff(self, progress: FlowProgress) -> bool:
        return paths.about_staff(self.flow, progress)

    def visible_answers(self, progress: FlowProgress) -> dict[str, object]:
        return paths.visible_answers(self.flow, progress)

    def filled_value(self, progress: FlowProgress, field_name: str) -> object:
        return paths.filled_value(self.flow, progress, field_name)

    def summary(self, progress: FlowProgress, context: HookContext) -> Summary:
        return self.present.summary(progress, context)
