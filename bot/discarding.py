"""What cancelling a report in progress says: the question that confirms it when answers
would be lost, and what was (and was not) discarded."""

from bot.flow.definition import FlowDefinition
from bot.flow.progress import FlowProgress
from bot.quick import wording
from bot.quick.finish import COMPLETES
from bot.quick.immediate import alerted
from bot.ui import Notice

DISCARD_TITLE = "Discard your answers?"
DISCARD_CONFIRM = ("Your answers in this form will be deleted and not sent. An alert you have "
                   "already sent (it has a reference) stays.")
"""For a platform that confirms on its own before cancelling (e.g. a Slack button's confirm
dialog), then calls bot.reporting.cancel(..., confirmed=True)."""
NOTHING_SENT = Notice("Your report was discarded; nothing was sent. If something happened, "
                      "please report it as soon as you can.", tone="warning")


def unsent_answers(flow: FlowDefinition, progress: FlowProgress) -> int:
    """How many answers cancelling would lose (the danger answer that filed an alert was
    sent with it)."""
    step = flow.alert_step
    sent = step.id if step is not None and alerted(progress) else None
    return len([answered for answered in progress.answers if answered != sent])


def confirm_notice(progress: FlowProgress, lost: int) -> Notice:
    """Asked on the first cancel when answers would be lost; cancelling again discards."""
    completing = progress.context.get(COMPLETES)
    if completing:
        text = wording.discard_draft_question(completing, lost)
    else:
        answers = "1 answer" if lost == 1 else f"{lost} answers"
        text = (f"This deletes the {answers} you have given, and nothing is sent. To discard "
                "them, cancel again; to keep them, answer the question below.")
    return Notice(text, title=DISCARD_TITLE, tone="warning")


def discarded_notice(progress: FlowProgress) -> Notice:
    """After discarding: nothing was sent, or (completing an alert) only the draft went."""
    completing = progress.context.get(COMPLETES)
    if completing:
        return Notice(wording.draft_discarded(completing), tone="warning")
    return NOTHING_SENT
