"""Turning flow steps and progress into the neutral UI models adapters render."""

from collections.abc import Callable

from bot.audience import privacy_lines
from bot.domain import Urgency
from bot.flow import paths
from bot.flow.answers import display_answer, staff_options
from bot.flow.definition import FieldType, FlowDefinition, Step
from bot.flow.hooks import HookContext
from bot.flow.progress import FlowProgress
from bot.ui import Notice, Option, Question, Reply, Summary, SummaryItem

SeenBy = Callable[[Urgency, FlowProgress], tuple[str, ...]]
"""Who will see the report at this urgency, given the answers so far (e.g. its kind)."""


class Presenter:
    def __init__(self, flow: FlowDefinition, seen_by: SeenBy | None) -> None:
        self.flow = flow
        self.seen_by = seen_by

    def current(self, progress: FlowProgress, context: HookContext) -> Reply:
        if progress.reviewing:
            return self.summary(progress, context)
        return self.question(self.flow.step(progress.current), progress, context)

    def guidance(self, step: Step) -> Notice:
        return Notice(step.text or "", title=step.prompt, tone=step.tone)

    def question(
        self, step: Step, progress: FlowProgress, context: HookContext, error: str | None = None
    ) -> Question:
        position, total = paths.counter(self.flow, progress, step)
        current = progress.answers.get(step.id)
        answered = step.id in progress.answers
        return Question(
            flow_title=self.flow.title,
            step_id=step.id,
            prompt=step.prompt,
            field_type=step.type.value if step.type else "short_text",
            required=step.required,
            position=position,
            total=total,
            help=step.help,
            placeholder=step.placeholder,
            max_length=step.length_limit,
            options=self.options(step, context),
            current_value=current,
            current_display=self.display(step, current, context) if answered else None,
            error=error,
            can_go_back=position > 1,
        )

    def options(self, step: Step, context: HookContext) -> tuple[Option, ...]:
        if step.type == FieldType.STAFF_MEMBER:
            return tuple(Option(value, label) for value, label in staff_options(context))
        if step.type == FieldType.YES_NO:
            return (Option("yes", "Yes"), Option("no", "No"))
        return tuple(Option(c.value, c.label) for c in step.choices or [])

    def display(self, step: Step, value: object, context: HookContext) -> str:
        if step.type == FieldType.STAFF_MEMBER and isinstance(value, str):
            return dict(staff_options(context)).get(value, value)
        return display_answer(step, value, context.zone)  # type: ignore[arg-type]

    def summary(self, progress: FlowProgress, context: HookContext) -> Summary:
        level = paths.urgency(self.flow, progress)
        items = tuple(
            SummaryItem(s.id, s.summary_label, self.display(s, progress.answers[s.id], context))
            for s in paths.questions(self.flow, progress)
            if s.id in progress.answers
        )
        files_report = self.flow.files_report
        return Summary(
            title=self.flow.title,
            items=items,
            urgency=level.value,
            practice=progress.practice,
            seen_by=self.seen_by(level, progress) if self.seen_by else (),
            privacy=privacy_lines(paths.about_staff(self.flow, progress), progress.practice)
            if files_report else (),
        )
