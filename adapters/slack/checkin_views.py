"""Check-in modals: arranging one (date-time picker) and answering one."""

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
    DateTimePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from adapters.slack import checkin_ids as cids
from adapters.slack.views import MAX_BLOCKS, notice_blocks, plain, title
from bot.checkins.out_of_hours import CONFIRM_HEADING, CONFIRM_LABEL, OutOfHours
from bot.checkins.scheduling import MAX_NOTE
from bot.ui import Notice

MAX_LINES = 30


def schedule_view(user: str | None = None, moving: int | None = None,
                  initial_epoch: int | None = None, note: str | None = None,
                  asked: OutOfHours | None = None) -> View:
    """Arrange a check-in (or move one: then there is no one to choose). `asked`: the time
    chosen is out of working hours, so the form says so and offers to confirm it."""
    blocks: list[Block] = [SectionBlock(text=plain(
        "A short, voluntary wellbeing check-in: the person gets a direct message at the time "
        "you choose. Only their manager or the wellbeing lead can arrange one for someone "
        "else; anyone can arrange one for themselves."))]
    if asked is not None:
        blocks.extend(notice_blocks(Notice(asked.question, tone="warning")))
    if moving is None:
        blocks.append(InputBlock(block_id=cids.PERSON_BLOCK, label=plain("Who", 2000),
                                 element=UserSelectElement(action_id=cids.VALUE,
                                                           initial_user=user)))
    blocks.append(InputBlock(block_id=cids.WHEN_BLOCK, label=plain("When", 2000),
                             element=DateTimePickerElement(action_id=cids.VALUE,
                                                           initial_date_time=initial_epoch)))
    if asked is not None:
        blocks.append(_confirm_block())
    if moving is None:
        blocks.append(InputBlock(
            block_id=cids.NOTE_BLOCK, optional=True, label=plain("A note for them", 2000),
            hint=plain("Shown to them when the check-in opens, e.g. \"after Tuesday's group\".",
                       2000),
            element=PlainTextInputElement(action_id=cids.VALUE, max_length=MAX_NOTE,
                                          initial_value=note or None)))
    blocks.append(ContextBlock(elements=[plain(
        "The time is in your own Slack time zone; they see it in theirs.", 200)]))
    metadata = f"{cids.MOVE_PREFIX}{moving}" if moving is not None else ""
    return View(type="modal", callback_id=cids.SCHEDULE_VIEW,
                title=title("Move check-in" if moving is not None else "Wellbeing check-in"),
                submit=plain("Move" if moving is not None else "Schedule", 24),
                close=plain("Cancel", 24), private_metadata=metadata, blocks=blocks)


def _confirm_block() -> InputBlock:
    option = Option(value=cids.CONFIRMED, text=plain(CONFIRM_LABEL, 75))
    return InputBlock(block_id=cids.CONFIRM_BLOCK, optional=True,
                      label=plain(CONFIRM_HEADING, 2000),
                      element=CheckboxesElement(action_id=cids.VALUE, options=[option]))


def done_view(notices: Sequence[Notice], heading: str = "Wellbeing check-in") -> View:
    blocks = [block for notice in notices for block in notice_blocks(notice)]
    return View(type="modal", callback_id=cids.DONE_VIEW, title=title(heading),
                close=plain("Close", 24), blocks=blocks[:MAX_BLOCKS] or [
                    SectionBlock(text=plain("Nothing to show."))], clear_on_close=True)
