"""A report's full details as a private modal, for authorised people only (the core checks)."""

import re

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
from adapters.slack.text import chunks, escape
from adapters.slack.views import HEADER, MAX_BLOCKS, SECTION, plain, title
from bot.ui import ReportDetails, ReporterInfo
from bot.ui.wording import urgency_label

INCOMPLETE_DETAILS = ("⚠️ Record incomplete: this was a quick alert, and the reporter has not "
                      "written the full report yet. It will be added after this account, which "
                      "stays as they first sent it.")
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def reporter_line(reporter: ReporterInfo) -> str:
    """mrkdwn: who filed it, then a mention of them (a click opens their profile, to message
    them) when they have a Slack id, else their id elsewhere, said plainly."""
    user = reporter.id_on("slack")
    contact = (f"<@{user}>" if user and SLACK_USER.match(user) else
               f"{escape(reporter.contact_label)}: {escape(reporter.contact)}")
    return f"*{escape(reporter.label)}:* {escape(reporter.text)} · {contact}"


def details_view(d: ReportDetails) -> View:
    practice = " (practice)" if d.practice else ""
    facts = [
        f"*State:* {escape(d.state)}",
        f"*Urgency:* {urgency_label(d.urgency)}",
        f"*Recorded:* {escape(d.recorded_at)}",
    ]
    if d.occurred_at:
        facts.append(f"*Happened:* {escape(d.occurred_at)}")
    facts.append(f"*Acknowledged:* {escape(d.acknowledged) if d.acknowledged else 'not yet'}")
    if d.reporter:
        facts.append(reporter_line(d.reporter))
    head: list[Block] = [
        HeaderBlock(text=plain(f"{d.reference} · {d.kind_label}{practice}", HEADER)),
        SectionBlock(text=MarkdownTextObject(text="\n".join(facts))),
        *([SectionBlock(text=plain(INCOMPLETE_DETAILS))] if d.incomplete else []),
        DividerBlock(),
    ]
    footer: list[Block] = [ContextBlock(elements=[plain(
        "Confidential. Your viewing is recorded. Don't copy this into channels or messages.",
        200)])]
    if not d.practice:  # the case record: notes, decisions, referrals (the core decides who)
        footer.insert(0, ActionsBlock(block_id="details_case", elements=[ButtonElement(
            action_id=ids.OPEN_CASE, text=plain("Open case", 75), value=d.reference,
            style="primary")]))
    body: list[Block] = []
    for item in d.items:  # plain text: typed words can neither ping, link nor fake formatting
        label = f"{item.label}:\n"
        parts = chunks(item.value, SECTION - len(label))
        body.append(SectionBlock(text=plain(label + parts[0], SECTION)))
        body.extend(SectionBlock(text=plain(part, SECTION)) for part in parts[1:])
    room = MAX_BLOCKS - len(head) - len(footer) - 1
    if len(body) > room:
        body = [*body[:room], ContextBlock(elements=[plain(
            "This report is longer than Slack can show; the full record is kept.", 200)])]
    return View(type="modal", callback_id=ids.DETAILS_VIEW, title=title("Private report"),
                close=plain("Close", 24), blocks=[*head, *body, *footer], clear_on_close=True)
