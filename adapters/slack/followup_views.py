"""A short notice in a modal of its own (e.g. when completing a quick alert could not start)."""

from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.views import MAX_BLOCKS, notice_blocks, plain, title
from bot.ui import Notice


def followup_notice_view(notice: Notice, heading: str = "Your report") -> View:
    return View(type="modal", callback_id=ids.FOLLOWUP_NOTICE_VIEW, title=title(heading),
                close=plain("Close", 24), blocks=notice_blocks(notice)[:MAX_BLOCKS],
                clear_on_close=True)
