"""The report flow as modals: the core's replies for one step become one Slack view."""

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.fields import input_block
from adapters.slack.text import TONE_MARK, chunks, clip, escape
from bot.audience import AROUND_STAFF, CONFIDENTIAL
from bot.discarding import DISCARD_CONFIRM, DISCARD_TITLE
from bot.quick.wording import INCOMPLETE as QUICK_INCOMPLETE
from bot.reporting import QUICK_CHOICE, QUICK_LABEL
from bot.ui import Notice, Question, Receipt, Reply, Summary, SummaryItem
from bot.ui.wording import CALL_999, WHO_WILL_SEE, urgency_label

TITLE = 24
HEADER = 150
SECTION = 3000
MAX_BLOCKS = 100
EMERGENCY = f"🚨 {CALL_999}"
QUICK_OFFER = (f"⚡ Need the lead to know right now? Choose \"{QUICK_LABEL}\": a few short "
               "questions, the lead is alerted at once, and you write the full report later "
               "today.")
INCOMPLETE = "⚠️ Record incomplete"
COMPLETE_LABEL = "Complete the record"


def who_will_see(seen_by: Sequence[str], privacy: Sequence[str]) -> str:
    """Who will see the report, in the core's words (bot.audience)."""
    who = ", ".join(seen_by) or "the safeguarding lead"
    lines = " ".join(privacy) or f"{CONFIDENTIAL} {AROUND_STAFF}"
    return f"{WHO_WILL_SEE}: {who}. {lines}"


def complete_button(reference: str) -> ButtonElement:
    """Opens the full flow that completes the quick alert `reference` (followup_handlers)."""
    return ButtonElement(action_id=ids.COMPLETE, text=plain(COMPLETE_LABEL, 75),
                         value=reference, style="primary")


def plain(text: str, limit: int = SECTION) -> PlainTextObject:
    return PlainTextObject(text=clip(text, limit), emoji=True)


def mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text)


def title(text: str) -> PlainTextObject:
    return PlainTextObject(text=clip(text, TITLE))


def notice_blocks(notice: Notice) -> list[Block]:
    """Guidance as blocks; emergency guidance gets a header so it is the first thing seen."""
    mark = TONE_MARK.get(notice.tone, "")
    blocks: list[Block] = []
    if notice.title:
        blocks.append(HeaderBlock(text=plain(f"{mark} {notice.title}".strip(), HEADER)))
        body = notice.text
    else:
        body = f"{mark} {notice.text}".strip()
    blocks.extend(SectionBlock(text=plain(part)) for part in chunks(body, SECTION))
    return blocks


def flow_view(replies: Sequence[Reply], conversation: str, zone: ZoneInfo) -> View:
    """One modal for what the core said: notices first, then the question, review or receipt."""
    notices = [r for r in replies if isinstance(r, Notice)]
    main = next((r for r in replies if not isinstance(r, Notice)), None)
    lead = [block for notice in notices for block in notice_blocks(notice)]
    if isinstance(main, Question):
        return _question_view(main, lead, conversation, zone)
    if isinstance(main, Summary):
        return _review_view(main, lead, conversation)
    if isinstance(main, Receipt):
        return _receipt_view(main, lead)
    return notice_view(lead or [SectionBlock(text=plain("Nothing to show."))])


def notice_view(blocks: list[Block], heading: str = "Report a concern") -> View:
    return View(type="modal", callback_id=ids.DONE_VIEW, title=title(heading),
                close=plain("Close", TITLE), blocks=blocks[:MAX_BLOCKS], clear_on_close=True)


def _navigation(can_go_back: bool) -> ActionsBlock:
    elements = []
    if can_go_back:
        elements.append(ButtonElement(action_id=ids.BACK, text=plain("← Back", 75), value="back"))
    elements.append(ButtonElement(
        action_id=ids.DISCARD, text=plain("Discard report", 75), value="discard",
        confirm=ConfirmObject(
            title=plain(DISCARD_TITLE, 100), text=plain(DISCARD_CONFIRM, 300),
            confirm=plain("Discard", 30), deny=plain("Keep it", 30), style="danger",
        ),
    ))
    return ActionsBlock(block_id="navigation", elements=elements)


def _question_view(q: Question, lead: list[Block], conversation: str, zone: ZoneInfo) -> View:
    progress = [ContextBlock(elements=[plain(q.counter, 200)])] if q.counter else []
    keep = ContextBlock(elements=[plain(
        "Closing this form keeps your answers: type /report to carry on.", 200)])
    offer = [SectionBlock(text=plain(QUICK_OFFER))] if _offers_quick(q) else []
    blocks: list[Block] = [*lead, *progress, *offer, input_block(q, zone),
                           _navigation(q.can_go_back), keep]
    return View(
        type="modal", callback_id=ids.QUESTION_VIEW, title=title(q.flow_title),
        submit=plain("Next", TITLE), close=plain("Close", TITLE),
        private_metadata=conversation, blocks=blocks[-MAX_BLOCKS:],
    )


def _offers_quick(q: Question) -> bool:
    """The kind chooser, when it offers the quick alert."""
    return q.step_id == "kind" and any(o.value == QUICK_CHOICE for o in q.options)


def _review_item(item: SummaryItem) -> list[Block]:
    """The label in bold with its Change button, then the whole answer: never cut, and as
    plain text, so what someone typed can neither ping, link nor fake formatting."""
    label = SectionBlock(
        block_id=f"item:{item.step_id}", text=MarkdownTextObject(text=f"*{escape(item.label)}*"),
        accessory=ButtonElement(action_id=ids.EDIT, text=plain("Change", 75),
                                value=item.step_id),
    )
    return [label, *(SectionBlock(text=plain(part)) for part in chunks(item.value, SECTION))]


def _review_view(s: Summary, lead: list[Block], conversation: str) -> View:
    items = [_review_item(item) for item in s.items]
    practice = " (practice)" if s.practice else ""
    footer = [
        ContextBlock(elements=[plain(f"Urgency: {urgency_label(s.urgency)}", 200)]),
        SectionBlock(text=plain(who_will_see(s.seen_by, s.privacy))),
        _navigation(True),
    ]
    head: list[Block] = [*lead, HeaderBlock(text=plain(f"Check your {s.title.lower()}{practice}",
                                                      HEADER))]
    room = MAX_BLOCKS - len(head) - len(footer) - 2  # the divider, and a "more" line
    shown: list[Block] = []
    for number, blocks in enumerate(items):
        if len(shown) + len(blocks) > room:
            shown.append(ContextBlock(elements=[plain(f"{len(items) - number} more answers "
                                                      "are kept and will be sent.", 200)]))
            break
        shown.extend(blocks)
    return View(
        type="modal", callback_id=ids.REVIEW_VIEW, title=title("Check and submit"),
        submit=plain("Submit report", TITLE), close=plain("Close", TITLE),
        private_metadata=conversation, blocks=[*head, *shown, DividerBlock(), *footer],
    )


def _receipt_view(r: Receipt, lead: list[Block]) -> View:
    practice = "This was practice: nobody else was alerted. " if r.practice else ""
    what = "quick alert" if r.incomplete else r.kind_label.lower()
    blocks: list[Block] = [
        *lead,
        HeaderBlock(text=plain("✅ Quick alert sent" if r.incomplete else "✅ Report submitted",
                               HEADER)),
        SectionBlock(text=plain(
            f"Your reference is {r.reference}. Your {what} is stored safely. {r.status} "
            f"{practice}")),
        SectionBlock(text=plain(who_will_see(r.seen_by, r.privacy))),
        *_steps(r),
        *_complete_now(r),
        SectionBlock(text=plain("You will get a receipt in a direct message from this app, and "
                                "another message when someone has picked it up.")),
    ]
    if not any("999" in step for step in r.next_steps):  # a quick receipt's steps say it
        blocks.append(SectionBlock(text=plain(EMERGENCY)))
    # the check-in is offered once, in the core's words, by the receipt message it mentions
    heading = "Quick alert sent" if r.incomplete else "Report submitted"
    return View(type="modal", callback_id=ids.DONE_VIEW, title=title(heading),
                close=plain("Done", TITLE), blocks=blocks[:MAX_BLOCKS], clear_on_close=True)


def _steps(r: Receipt) -> list[Block]:
    """What happens next; a quick alert's "record incomplete" heads its own steps."""
    blocks: list[Block] = [SectionBlock(text=plain(step)) for step in r.next_steps]
    if r.incomplete:
        at = r.next_steps.index(QUICK_INCOMPLETE) if QUICK_INCOMPLETE in r.next_steps else 0
        blocks.insert(at, HeaderBlock(text=plain(INCOMPLETE, HEADER)))
    return blocks


def _complete_now(r: Receipt) -> list[Block]:
    """A quick alert: a button to write the full report now, in this same window."""
    if not r.incomplete:
        return []
    return [ActionsBlock(block_id="receipt_complete", elements=[complete_button(r.reference)])]
