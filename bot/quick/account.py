"""A completed record's answers in words, labelled by the flow that asked them (for private
views: the case, its chronology and exports)."""

from typing import Any

from bot.flow.answers import display_answer
from bot.flow.definition import FieldType, Step
from bot.runtime import Runtime


def account_parts(runtime: Runtime, content: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, answer) for each answer in a completion entry's opened content, in order."""
    flow = runtime.flows.get(str(content.get("flow_id", "")))
    answers = content.get("answers")
    if not isinstance(answers, dict):
        return []
    parts = []
    for step_id, value in answers.items():
        step = flow.step(step_id) if flow is not None and flow.has_step(step_id) else None
        label = step.summary_label if step is not None else str(step_id)
        parts.append((label, _display(runtime, step, value)))
    return parts


def _display(runtime: Runtime, step: Step | None, value: Any) -> str:
    if step is None:
        return str(value)
    if step.type == FieldType.STAFF_MEMBER and value is not None:
        person = runtime.config.person(str(value))
        return f"{person.initials} ({person.id})" if person else "someone not listed"
    return display_answer(step, value, runtime.config.organisation.zone)
