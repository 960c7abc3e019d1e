"""The case record's notices as Block Kit messages: a fixed, content-free sentence and, where
there is something to do, one button that opens a private modal (never the content itself)."""

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    MarkdownTextObject,
    SectionBlock,
)

from adapters.slack import ids
from adapters.slack.cards import element
from adapters.slack.text import escape
from adapters.slack.views import complete_button, plain
from bot.cases.messages import CaseNotice
from bot.followup.cards import open_button

OPEN_CASE = "Open case"


def notice_blocks(notice: CaseNotice) -> list[Block]:
    """The notice's own text, then its button (if any)."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=escape(notice.text)))]
    button = _button(notice)
    if button is not None:
        blocks.append(ActionsBlock(block_id=f"notice:{notice.notice}", elements=[button]))
    return blocks


def _button(notice: CaseNotice) -> ButtonElement | None:
    reference = notice.reference
    if notice.notice == "question" and notice.to_reporter:
        return element(open_button(reference, notice.step))
    if notice.notice == "completion_reminder" and notice.to_reporter:
        return complete_button(reference)
    if notice.to_reporter:  # feedback: nothing more to open
        return None
    return ButtonElement(action_id=ids.OPEN_CASE, text=plain(OPEN_CASE, 75), value=reference)
