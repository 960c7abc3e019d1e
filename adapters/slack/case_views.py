"""The case record as a private modal: state, holder, statutory clocks with the time left,
every entry in order, and a button for each action. What people typed is only ever shown as
plain text; everything in mrkdwn comes from codes and the config (and is escaped anyway)."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack import ids
from adapters.slack.details_view import reporter_line
from adapters.slack.text import chunks, escape
from adapters.slack.views import HEADER, MAX_BLOCKS, SECTION, mrkdwn, notice_blocks, plain, title
from bot.cases.record import CaseView, ClockView, EntryView
from bot.cases.vocabulary import EntryKind
from bot.durations import format_duration
from bot.flow.answers import format_local
from bot.ui import Notice
from bot.ui.wording import urgency_label

FOOTER = ("Confidential. Your viewing is recorded. Don't copy this into channels or messages. "
          "Entries are added, never edited.")
MAX_REFERRALS = 20
"""Referrals offered by the Referral outcome form (the most recent ones)."""
BUTTONS = (("note", "Add note"), ("decide", "Record decision"), ("refer", "Record referral"),
           ("outcome", "Referral outcome"), ("assign", "Assign"), ("link", "Link report"),
           ("ask", "Ask the reporter"), ("close", "Close case"))
INCOMPLETE = ("⚠️ *Record incomplete:* a quick alert; the reporter has not written the full "
              "report yet (they are reminded).")


def case_view(view: CaseView, zone: ZoneInfo, notice: Notice | None = None) -> View:
    head = [*(notice_blocks(notice) if notice else []), *_head(view, zone)]
    tail: list[Block] = [*_actions(view), ContextBlock(elements=[plain(FOOTER, 200)])]
    body = _entries(view.entries, zone, MAX_BLOCKS - len(head) - len(tail))
    return View(type="modal", callback_id=ids.CASE_VIEW, title=title(f"Case {view.reference}"),
                close=plain("Back", 24), private_metadata=case_metadata(view),
                blocks=[*head, *body, *tail])


def case_metadata(view: CaseView) -> str:
    """The reference, and the referrals the Referral outcome form offers (codes only)."""
    referrals = [[e.sequence, e.summary[:60]] for e in view.entries
                 if e.kind == EntryKind.REFERRAL.value][-MAX_REFERRALS:]
    return json.dumps({"ref": view.reference, "referrals": referrals}, separators=(",", ":"))


def referrals_of(metadata: object) -> list[tuple[int, str]]:
    """The referrals carried by a case view's private_metadata (empty if unreadable)."""
    try:
        found = json.loads(metadata) if isinstance(metadata, str) else {}
        rows = found.get("referrals") if isinstance(found, dict) else None
        return [(int(n), str(s)) for n, s in rows or []][:MAX_REFERRALS]
    except (ValueError, TypeError):
        return []


def _head(view: CaseView, zone: ZoneInfo) -> list[Block]:
    practice = " (practice)" if view.practice else ""
    facts = [f"*State:* {escape(view.state.replace('_', ' '))}",
             f"*Urgency:* {urgency_label(view.urgency)}",
             f"*Held by:* {escape(view.holder or 'nobody yet')}",
             f"*Recorded:* {format_local(view.recorded_at, zone)}"]
    if view.reporter:
        facts.append(reporter_line(view.reporter))
    if view.acknowledged_at:
        facts.append(f"*Acknowledged:* {escape(view.acknowledged_by or 'someone')}, "
                     f"{format_local(view.acknowledged_at, zone)}")
    if view.closed_at:
        facts.append(f"*Closed:* {format_local(view.closed_at, zone)}: "
                     f"{escape(view.outcome or 'no outcome recorded')} (read-only; Reopen adds "
                     "a new entry)")
    if view.incomplete:
        facts.append(INCOMPLETE)
    if view.unanswered:
        numbers = ", ".join(f"#{n}" for n in view.unanswered)
        facts.append(f"*Waiting for the reporter's answer:* {len(view.unanswered)} "
                     f"question{'s' if len(view.unanswered) > 1 else ''} ({numbers})")
    blocks: list[Block] = [
        HeaderBlock(text=plain(f"{view.reference} · {view.kind_label}{practice}", HEADER)),
        SectionBlock(text=mrkdwn("\n".join(facts))),
    ]
    if view.clocks:
        lines = "\n".join(clock_line(clock, view.now, zone) for clock in view.clocks)
        blocks.append(SectionBlock(text=mrkdwn(f"*Statutory clocks*\n{lines}"[:SECTION])))
    return blocks


def clock_line(clock: ClockView, now: datetime, zone: ZoneInfo) -> str:
    mark = {"running": "⏳", "overdue": "🚨", "met": "✅", "met_late": "☑️"}.get(clock.status, "")
    line = (f"{mark} *{escape(clock.status.replace('_', ' '))}*: {escape(clock.label)} "
            f"({escape(clock.basis)}), due {format_local(clock.due_at, zone)}")
    if clock.status == "running":
        line += f" · *{format_duration(clock.due_at - now)} left*"
    elif clock.met_at is not None:
        line += f" · met {format_local(clock.met_at, zone)} by entry #{clock.met_by}"
    return line


def _entry_blocks(entry: EntryView, zone: ZoneInfo) -> list[Block]:
    blocks: list[Block] = [SectionBlock(block_id=f"entry:{entry.sequence}", text=mrkdwn(
        f"*#{entry.sequence}* · {format_local(entry.at, zone)} · {escape(entry.by)} · "
        f"{escape(entry.summary)}"))]
    for label, text in entry.parts:  # typed words: plain text, so they can't ping or link
        first, *rest = chunks(f"{label}:\n{text}", SECTION)
        blocks.append(SectionBlock(text=plain(first, SECTION)))
        blocks.extend(SectionBlock(text=plain(part, SECTION)) for part in rest)
    if entry.erased:
        blocks.append(ContextBlock(elements=[plain(
            "(content erased under the retention policy)", 200)]))
    return blocks


def _entries(entries: tuple[EntryView, ...], zone: ZoneInfo, room: int) -> list[Block]:
    """Every entry in order; when Slack's block limit is reached, the earliest are left out
    (with a line saying so) and the latest kept."""
    if not entries:
        return [DividerBlock(), ContextBlock(elements=[plain("No entries yet.", 200)])]
    groups = [_entry_blocks(entry, zone) for entry in entries]
    kept: list[list[Block]] = []
    used = 2  # the divider, and the "earlier entries" line
    for group in reversed(groups):
        if used + len(group) > room:
            break
        kept.insert(0, group)
        used += len(group)
    blocks: list[Block] = [DividerBlock()]
    if len(kept) < len(groups):
        blocks.append(ContextBlock(elements=[plain(
            f"{len(groups) - len(kept)} earlier entries are not shown here: export the case "
            "to see every entry.", 200)]))
    return blocks + [block for group in kept for block in group]


def _button(action: str, text: str, reference: str, style: str | None = None,
            confirm: ConfirmObject | None = None) -> ButtonElement:
    return ButtonElement(action_id=action, text=plain(text, 75), value=reference, style=style,
                         confirm=confirm)


def _actions(view: CaseView) -> list[Block]:
    ref = view.reference
    export = _button(ids.CASE_EXPORT, "Export", ref)
    if view.state == "closed":
        return [ActionsBlock(block_id="case_actions", elements=[
            _button(f"{ids.CASE_ACTION}reopen", "Reopen case", ref), export])]
    has_referral = any(e.kind == EntryKind.REFERRAL.value for e in view.entries)
    shown = {"outcome": has_referral, "ask": not view.practice}
    record = [_button(f"{ids.CASE_ACTION}{key}", text, ref) for key, text in BUTTONS
              if shown.get(key, True)]
    feedback = _button(ids.CASE_FEEDBACK, "Send feedback to the reporter", ref, confirm=(
        ConfirmObject(title=plain("Tell the reporter?", 100), text=plain(
            "They get a direct message saying their report has been looked at and action "
            "taken. It says nothing else: no outcome, no names, no details.", 300),
            confirm=plain("Send", 30), deny=plain("Not now", 30))))
    return [ActionsBlock(block_id="case_actions", elements=record),
            ActionsBlock(block_id="case_share", elements=[feedback, export])]


def case_notice_view(notice: Notice, heading: str = "Case record") -> View:
    return View(type="modal", callback_id=ids.CASE_NOTICE_VIEW, title=title(heading),
                close=plain("Close", 24), blocks=notice_blocks(notice)[:MAX_BLOCKS],
                clear_on_close=False)


def export_view(reference: str, pdf_url: str, json_url: str) -> View:
    """Personal, short-lived download links: url buttons in the modal, never in a message."""
    blocks: list[Block] = [
        HeaderBlock(text=plain(f"Export {reference}", HEADER)),
        SectionBlock(text=plain(
            "These links are for you only and stop working after a short time; each download "
            "is checked and recorded. The file holds the whole record: store it securely and "
            "pass it on only to those who need it (e.g. social care or the police).")),
        ActionsBlock(block_id="case_downloads", elements=[
            ButtonElement(action_id=f"{ids.CASE_DOWNLOAD}:pdf", text=plain("Download PDF", 75),
                          url=pdf_url, style="primary"),
            ButtonElement(action_id=f"{ids.CASE_DOWNLOAD}:json",
                          text=plain("Download JSON", 75), url=json_url),
        ]),
        ContextBlock(elements=[plain("Never paste these links into a channel or message.",
                                     200)]),
    ]
    return View(type="modal", callback_id=ids.CASE_EXPORT_VIEW, title=title("Export case"),
                close=plain("Back", 24), blocks=blocks)


NO_LINKS = Notice(
    "Downloads from Slack are not set up: the server needs its public address in "
    "SAFEGUARD_PUBLIC_URL (e.g. https://bot.example.org). Until then, a record keeper can "
    "export the case with the console command /export REFERENCE pdf (or json).",
    tone="warning")
