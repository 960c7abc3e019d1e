"""Advances one flow one step at a time: pure logic, no storage and no platform."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.domain import Urgency
from bot.flow.answers import (
    AnswerError,
    Raw,
    display_answer,
    parse_answer,
    staff_options,
)
from bot.flow.definition import FieldType, FlowDefinition, Step
from bot.flow.hooks import HookContext
from bot.flow.progress import REVIEW, FlowProgress
from bot.ui import Notice, Option, Question, Reply, Summary, SummaryItem


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

    def __init__(
        self, flow: FlowDefinition, seen_by: Callable[[Urgency], tuple[str, ...]] | None = None
    ) -> None:
        self.flow = flow
        self.seen_by = seen_by
        """Who will see the report at a given urgency, shown on the review."""

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
            return StepResult(progress, [self._show_current(progress, context)])
        if isinstance(given, Back):
            return self._back(progress, context)
        if isinstance(given, Edit):
            return self._edit(progress, given.target, context)
        if isinstance(given, Submit):
            if not progress.reviewing:
                note = Notice("Answer the remaining questions first; then you can submit.")
                return StepResult(progress, [note, self._show_current(progress, context)])
            return StepResult(progress, [], outcome="submit")
        if isinstance(given, Keep):
            return self._keep(progress, context)
        return self._answer(progress, given.raw, context)

    def _keep(self, progress: FlowProgress, context: HookContext) -> StepResult:
        if progress.reviewing or progress.current not in progress.answers:
            note = Notice("There is no earlier answer to keep here.")
            return StepResult(progress, [note, self._show_current(progress, context)])
        step = self.flow.step(progress.current)
        if progress.editing:
            return self._after_edit(progress, step, context)
        return self._move_forward(progress, after=step, context=context)

    # -- moving between steps -------------------------------------------------------------

    def _answer(self, progress: FlowProgress, raw: Raw, context: HookContext) -> StepResult:
        if progress.reviewing:
            note = Notice("Type 'submit' to send the report, 'edit N' to change an answer, "
                          "or 'back'.")
            return StepResult(progress, [note, self._summary(progress, context)])
        step = self.flow.step(progress.current)
        try:
            value = parse_answer(step, raw, context)
        except AnswerError as error:
            return StepResult(progress, [self._question(step, progress, context, str(error))])
        progress.answers[step.id] = value
        self._drop_hidden_answers(progress)
        if progress.editing:
            return self._after_edit(progress, step, context)
        return self._move_forward(progress, after=step, context=context)

    def _move_forward(
        self, progress: FlowProgress, after: Step | None, context: HookContext
    ) -> StepResult:
        """Show guidance between here and the next visible question, then that question."""
        replies: list[Reply] = []
        for step in self._steps_after(after):
            if not self._visible(step, progress):
                continue
            if not step.is_question:
                replies.append(Notice(step.text or "", title=step.prompt, tone=step.tone))
                continue
            progress.current = step.id
            replies.append(self._question(step, progress, context))
            return StepResult(progress, replies)
        progress.current = REVIEW
        progress.editing = False
        replies.append(self._summary(progress, context))
        return StepResult(progress, replies)

    def _after_edit(self, progress: FlowProgress, step: Step, context: HookContext) -> StepResult:
        """After changing one answer: its guidance, any questions it opened, then the review."""
        guidance = self._guidance_after(step, progress)
        pending = next(
            (s for s in self._questions(progress) if s.id not in progress.answers), None
        )
        if pending is None:
            progress.editing = False
            result = self._move_forward(progress, after=self.flow.steps[-1], context=context)
        else:
            result = self._move_forward(progress, self._previous_step(pending), context)
        extra = [notice for notice in guidance if notice not in result.replies]
        return StepResult(result.progress, [*extra, *result.replies])

    def _guidance_after(self, step: Step, progress: FlowProgress) -> list[Reply]:
        """Visible guidance that directly follows a question (before the next question)."""
        notices: list[Reply] = []
        for following in self._steps_after(step):
            if following.is_question:
                break
            if self._visible(following, progress):
                notices.append(Notice(following.text or "", title=following.prompt,
                                      tone=following.tone))
        return notices

    def _back(self, progress: FlowProgress, context: HookContext) -> StepResult:
        questions = self._questions(progress)
        if progress.reviewing:
            target = questions[-1]
        else:
            index = next(i for i, s in enumerate(questions) if s.id == progress.current)
            if index == 0:
                note = Notice("This is the first question; there is nothing to go back to.")
                return StepResult(progress, [note, self._show_current(progress, context)])
            target = questions[index - 1]
        progress.current = target.id
        progress.editing = False
        return StepResult(progress, [self._question(target, progress, context)])

    def _edit(self, progress: FlowProgress, target: str, context: HookContext) -> StepResult:
        answered = [s for s in self._questions(progress) if s.id in progress.answers]
        step = None
        if target.strip().isdigit() and 1 <= int(target) <= len(answered):
            step = answered[int(target) - 1]
        else:
            step = next((s for s in answered if s.id == target.strip()), None)
        if step is None or not progress.reviewing:
            note = Notice(
                "You can change answers from the review at the end: 'edit N' with the "
                "number shown there. To change the previous answer now, type 'back'."
                if not progress.reviewing
                else f"There is no answer number '{target}' to change."
            )
            return StepResult(progress, [note, self._show_current(progress, context)])
        progress.current = step.id
        progress.editing = True
        return StepResult(progress, [self._question(step, progress, context)])

    # -- what is visible ------------------------------------------------------------------

    def _visible(self, step: Step, progress: FlowProgress) -> bool:
        return step.show_if is None or step.show_if.holds(progress.answers)

    def _questions(self, progress: FlowProgress) -> list[Step]:
        return [s for s in self.flow.steps if s.is_question and self._visible(s, progress)]

    def _steps_after(self, step: Step | None) -> list[Step]:
        if step is None:
            return list(self.flow.steps)
        index = self.flow.steps.index(step)
        return self.flow.steps[index + 1 :]

    def _previous_step(self, step: Step) -> Step | None:
        index = self.flow.steps.index(step)
        return self.flow.steps[index - 1] if index > 0 else None

    def _drop_hidden_answers(self, progress: FlowProgress) -> None:
        """An answer to a question that a changed answer has hidden no longer counts."""
        for step in self.flow.steps:
            if step.id in progress.answers and not self._visible(step, progress):
                del progress.answers[step.id]

    # -- building replies -----------------------------------------------------------------

    def _show_current(self, progress: FlowProgress, context: HookContext) -> Reply:
        if progress.reviewing:
            return self._summary(progress, context)
        return self._question(self.flow.step(progress.current), progress, context)

    def _question(
        self, step: Step, progress: FlowProgress, context: HookContext, error: str | None = None
    ) -> Question:
        questions = self._questions(progress)
        position = next((i for i, s in enumerate(questions, 1) if s.id == step.id), 1)
        current = progress.answers.get(step.id)
        return Question(
            flow_title=self.flow.title,
            step_id=step.id,
            prompt=step.prompt,
            field_type=step.type.value if step.type else "short_text",
            required=step.required,
            position=position,
            total=len(questions),
            help=step.help,
            placeholder=step.placeholder,
            max_length=step.length_limit,
            options=self._options(step, context),
            current_value=current,
            current_display=(
                self._display(step, current, context) if step.id in progress.answers else None
            ),
            error=error,
            can_go_back=position > 1,
        )

    def _options(self, step: Step, context: HookContext) -> tuple[Option, ...]:
        if step.type == FieldType.STAFF_MEMBER:
            return tuple(Option(value, label) for value, label in staff_options(context))
        if step.type == FieldType.YES_NO:
            return (Option("yes", "Yes"), Option("no", "No"))
        return tuple(Option(c.value, c.label) for c in step.choices or [])

    def _display(self, step: Step, value: object, context: HookContext) -> str:
        if step.type == FieldType.STAFF_MEMBER and isinstance(value, str):
            return dict(staff_options(context)).get(value, value)
        return display_answer(step, value, context.zone)  # type: ignore[arg-type]

    def _summary(self, progress: FlowProgress, context: HookContext) -> Summary:
        urgency = self.urgency(progress)
        items = tuple(
            SummaryItem(s.id, s.summary_label, self._display(s, progress.answers[s.id], context))
            for s in self._questions(progress)
            if s.id in progress.answers
        )
        return Summary(
            title=self.flow.title,
            items=items,
            urgency=urgency.value,
            practice=progress.practice,
            seen_by=self.seen_by(urgency) if self.seen_by else (),
        )

    def _with_answers(self, progress: FlowProgress, context: HookContext) -> HookContext:
        filled = {s.fills.value: s.id for s in self.flow.steps if s.is_question and s.fills}
        return HookContext(context.now, context.zone, dict(progress.answers), filled, context.staff)

    # -- what the answers mean ------------------------------------------------------------

    def urgency(self, progress: FlowProgress) -> Urgency:
        """The highest urgency any visible answer implies; normal otherwise."""
        levels = [Urgency.NORMAL]
        for step in self._questions(progress):
            value = progress.answers.get(step.id)
            if step.urgency_if_yes and value == "yes":
                levels.append(step.urgency_if_yes)
            values = value if isinstance(value, list) else [value]
            for item in values:
                choice = step.choice(item) if isinstance(item, str) else None
                if choice and choice.urgency:
                    levels.append(choice.urgency)
        return max(levels, key=lambda level: level.rank)

    def visible_answers(self, progress: FlowProgress) -> dict[str, object]:
        return {s.id: progress.answers[s.id] for s in self._questions(progress)
                if s.id in progress.answers}

    def filled_value(self, progress: FlowProgress, field_name: str) -> object:
        """The answer to the visible question that fills a report field, if any."""
        for step in self._questions(progress):
            if step.fills is not None and step.fills.value == field_name:
                return progress.answers.get(step.id)
        return None
