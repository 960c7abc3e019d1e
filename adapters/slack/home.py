"""The App Home tab: a button to report, open reports for leads, and your own reports' state."""

from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.cards import element
from adapters.slack.text import escape
from adapters.slack.views import complete_button, plain
from bot.details import ReportLine
from bot.durations import format_duration
from bot.followup.cards import open_button
from bot.ui.wording import CALL_999, urgency_label

MAX_OPEN = 40
MAX_MINE = 20
MAX_TO_DO = 10


@dataclass(frozen=True)
class ToDo:
    """What the person has still to do on their own reports (references and numbers only)."""

    incomplete: list[ReportLine] = field(default_factory=list)
    """Quick alerts whose full report is still to be written."""
    questions: list[tuple[str, int]] = field(default_factory=list)
    """(reference, question number) of the leads' questions still to answer."""


def home_view(org_name: str, open_lines: list[ReportLine] | None, mine: list[ReportLine],
              now: datetime, to_do: ToDo | None = None) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=plain("Safeguarding reports", 150)),
        SectionBlock(text=plain(
            f"Report a safeguarding concern, a confidentiality or data breach, or an operational "
            f"incident from a session at {org_name}. Reports go privately to the people who deal "
            f"with them. {CALL_999}")),
        ActionsBlock(block_id="home_actions", elements=[
            ButtonElement(action_id=ids.HOME_REPORT, text=plain("Report a concern", 75),
                          value="report", style="primary"),
            ButtonElement(action_id=ids.HOME_QUICK, text=plain("Alert the lead now", 75),
                          value="quick"),
            ButtonElement(action_id=ids.HOME_PRACTICE, text=plain("Practice", 75),
                          value="practice"),
        ]),
        ContextBlock(elements=[plain(
            "In a hurry? 'Alert the lead now' asks a few short questions and alerts the lead "
            "at once; you write the full report later today.", 200)]),
        *_to_do(to_do or ToDo()),
    ]
    if open_lines is not None:
        blocks += [DividerBlock(), HeaderBlock(text=plain("Open reports", 150))]
        blocks += _open(open_lines, now)
    blocks += [DividerBlock(), HeaderBlock(text=plain("Your reports", 150))]
    if not mine:
        blocks.append(ContextBlock(elements=[plain("You have not made any reports.", 200)]))
    for line in mine[:MAX_MINE]:
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"*{escape(line.reference)}* · {escape(line.state)}")))
    if len(mine) > MAX_MINE:
        blocks.append(ContextBlock(elements=[plain(f"and {len(mine) - MAX_MINE} earlier", 200)]))
    return View(type="home", blocks=blocks)


def _open(lines: list[ReportLine], now: datetime) -> list[Block]:
    if not lines:
        return [ContextBlock(elements=[plain("No open reports.", 200)])]
    blocks: list[Block] = []
    for line in lines[:MAX_OPEN]:
        age = format_duration(now - line.recorded_at)
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=(
                f"*{escape(line.reference)}* · {escape(line.kind_label)} · {escape(line.state)} · "
                f"urgency {urgency_label(line.urgency)} · {age} old")),
            accessory=ButtonElement(action_id=ids.VIEW_DETAILS, text=plain("View details", 75),
                                    value=line.reference),
        ))
    if len(lines) > MAX_OPEN:
        blocks.append(ContextBlock(elements=[plain(
            f"and {len(lines) - MAX_OPEN} more, oldest last", 200)]))
    return blocks


def _to_do(to_do: ToDo) -> list[Block]:
    """Quick alerts to complete and questions to answer, each with its button."""
    blocks: list[Block] = []
    if to_do.incomplete:
        blocks += [DividerBlock(), HeaderBlock(text=plain("Records to complete", 150))]
    for line in to_do.incomplete[:MAX_TO_DO]:
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=f"*{escape(line.reference)}* · quick alert · the full "
                                         "report is still to be written"),
            accessory=complete_button(line.reference)))
    if to_do.questions:
        blocks += [DividerBlock(), HeaderBlock(text=plain("Questions for you", 150))]
    for reference, number in to_do.questions[:MAX_TO_DO]:
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=f"*{escape(reference)}* · the safeguarding lead has "
                                         f"a question (#{number})"),
            accessory=element(open_button(reference, number))))
    return blocks
