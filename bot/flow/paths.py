"""Which steps of a flow are visible given the answers so far, and what the answers imply."""

from bot.domain import Urgency
from bot.flow.definition import FlowDefinition, ReportField, Step
from bot.flow.progress import FlowProgress


def visible(step: Step, progress: FlowProgress) -> bool:
    return step.show_if is None or step.show_if.holds(progress.answers)


def questions(flow: FlowDefinition, progress: FlowProgress) -> list[Step]:
    """The questions on the path the answers so far have chosen, in order."""
    return [s for s in flow.steps if s.is_question and visible(s, progress)]


def possible(step: Step, flow: FlowDefinition, progress: FlowProgress) -> bool:
    """Visible now, or could still become visible once the question it depends on is answered."""
    condition = step.show_if
    if condition is None or condition.holds(progress.answers):
        return True
    if condition.step in progress.answers:
        return False
    target = next((s for s in flow.steps if s.id == condition.step), None)
    return target is not None and possible(target, flow, progress)


def counter(flow: FlowDefinition, progress: FlowProgress, step: Step) -> tuple[int, int]:
    """Question N of M: N counts the questions asked so far, M adds those still possible
    after this one, so M only shrinks as answers come in (never 16, then 17)."""
    index = flow.steps.index(step)
    asked = [s for s in flow.steps[:index] if s.is_question and visible(s, progress)]
    ahead = [s for s in flow.steps[index + 1:] if s.is_question and possible(s, flow, progress)]
    position = len(asked) + 1
    return position, position + len(ahead)


def steps_after(flow: FlowDefinition, step: Step | None) -> list[Step]:
    if step is None:
        return list(flow.steps)
    return flow.steps[flow.steps.index(step) + 1 :]


def previous_step(flow: FlowDefinition, step: Step) -> Step | None:
    index = flow.steps.index(step)
    return flow.steps[index - 1] if index > 0 else None


def drop_hidden_answers(flow: FlowDefinition, progress: FlowProgress) -> None:
    """An answer to a question that a changed answer has hidden no longer counts."""
    for step in flow.steps:
        if step.id in progress.answers and not visible(step, progress):
            del progress.answers[step.id]


def urgency(flow: FlowDefinition, progress: FlowProgress) -> Urgency:
    """The highest urgency any visible answer implies; normal otherwise."""
    levels = [Urgency.NORMAL]
    for step in questions(flow, progress):
        value = progress.answers.get(step.id)
        if step.urgency_if_yes and value == "yes":
            levels.append(step.urgency_if_yes)
        for item in value if isinstance(value, list) else [value]:
            choice = step.choice(item) if isinstance(item, str) else None
            if choice and choice.urgency:
                levels.append(choice.urgency)
    return max(levels, key=lambda level: level.rank)


def visible_answers(flow: FlowDefinition, progress: FlowProgress) -> dict[str, object]:
    return {s.id: progress.answers[s.id] for s in questions(flow, progress)
            if s.id in progress.answers}


def filled_value(flow: FlowDefinition, progress: FlowProgress, field_name: str) -> object:
    """The answer to the visible question that fills a report field, if any."""
    for step in questions(flow, progress):
        if step.fills is not None and step.fills.value == field_name:
            return progress.answers.get(step.id)
    return None


def report_kind(flow: FlowDefinition, progress: FlowProgress) -> str | None:
    """The id of the kind of report the flow files: fixed, or chosen by its kind question
    (whose choices are registered kinds, checked when the flows load)."""
    if flow.kind is not None:
        return flow.kind
    chosen = filled_value(flow, progress, ReportField.KIND.value)
    return chosen if isinstance(chosen, str) and chosen else None


def about_staff(flow: FlowDefinition, progress: FlowProgress) -> bool:
    """Does the report say it is about a member of staff or a volunteer?"""
    subject = filled_value(flow, progress, ReportField.SUBJECT_PERSON.value)
    return filled_value(flow, progress, ReportField.ABOUT_STAFF.value) == "yes" or bool(subject)
