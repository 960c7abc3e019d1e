"""The reporter's private windows: a lead's question with a box for the answer, and what
happened after answering. The question is shown only here (plain text), never in a message."""

import json

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.fields import MAX_INPUT_LENGTH
from adapters.slack.text import chunks
from adapters.slack.views import HEADER, MAX_BLOCKS, SECTION, notice_blocks, plain, title
from bot.followup.answers import AnswerResult
from bot.ui import Notice, ReporterQuestion

PRIVATE = ("Private: only you see this window. Nothing you type here is put in a chat "
           "message; it is added to the record of {ref}.")
ANSWER_HINT = ("The lead is told that an answer arrived, not what it says. An answer cannot "
               "be changed afterwards; if you think of more, tell the lead.")


def question_view(question: ReporterQuestion) -> View:
    """The question as plain text, and (if not answered yet) a box for the answer."""
    ref = question.reference
    blocks: list[Block] = [
        HeaderBlock(text=plain(f"Question #{question.number} about {ref}", HEADER)),
        ContextBlock(elements=[plain(f"Asked {question.asked_at} · "
                                     + PRIVATE.format(ref=ref), 300)]),
        *(SectionBlock(text=plain(part, SECTION)) for part in chunks(question.text, SECTION)),
    ]
    if question.answered:
        blocks.append(SectionBlock(text=plain(
            "✅ You have already answered this question. An answer cannot be changed; if you "
            "think of more, tell the safeguarding lead.")))
        return View(type="modal", callback_id=ids.FOLLOWUP_NOTICE_VIEW,
                    title=title("Question from the lead"), close=plain("Close", 24),
                    blocks=blocks[:MAX_BLOCKS], clear_on_close=True)
    blocks.append(InputBlock(
        block_id=ids.ANSWER_BLOCK, label=plain("Your answer", 2000),
        hint=plain(ANSWER_HINT, 2000),
        element=PlainTextInputElement(action_id=ids.VALUE, multiline=True,
                                      max_length=min(question.max_length, MAX_INPUT_LENGTH))))
    metadata = json.dumps({"ref": ref, "n": question.number}, separators=(",", ":"))
    return View(type="modal", callback_id=ids.ANSWER_VIEW,
                title=title("Question from the lead"), submit=plain("Send answer", 24),
                close=plain("Not now", 24), private_metadata=metadata,
                blocks=blocks[-MAX_BLOCKS:], clear_on_close=True)


def answer_target(metadata: object) -> tuple[str, int] | None:
    """(reference, question number) from the answer window's private_metadata."""
    try:
        found = json.loads(metadata) if isinstance(metadata, str) else None
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    ref, number = found.get("ref"), found.get("n")
    if not isinstance(ref, str) or not ref or not isinstance(number, int):
        return None
    return ref[:40], number


def followup_notice_view(notice: Notice, heading: str = "Your report") -> View:
    return View(type="modal", callback_id=ids.FOLLOWUP_NOTICE_VIEW, title=title(heading),
                close=plain("Close", 24), blocks=notice_blocks(notice)[:MAX_BLOCKS],
                clear_on_close=True)


def answered_view(result: AnswerResult) -> View:
    return followup_notice_view(Notice(result.text(), title="Answer sent", tone="success"))


def answer_problem(result: AnswerResult) -> str:
    """Why the answer was not recorded (shown on the answer box; nothing was saved)."""
    return result.text()
