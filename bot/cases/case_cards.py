"""The case record as a card, for the private view only (a modal, a card only the person who
pressed sees, the console): state, holder, statutory clocks with the time left, every entry in
order, and a button for each case action. What people typed is always `Answer` (plain text)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cases import case_forms as forms
from bot.cases.record import CaseView, ClockView, EntryView
from bot.cases.vocabulary import EntryKind
from bot.durations import format_duration
from bot.flow.answers import format_local
from bot.ui.cards import (
    Answer,
    Block,
    Button,
    Buttons,
    Card,
    Confirm,
    Contact,
    Divider,
    Facts,
    Heading,
    Panel,
    Text,
    button,
)
from bot.ui.wording import urgency_label

CASE_VIEW = "case_view"
HIDE = "alert.hide"
"""Hide the case again: where the record was shown in place (a Teams card), the content-free
alert takes its place (bot.alert_interactions)."""
OPEN = "case.open"
EXPORT = "case.export"
FEEDBACK = "case.feedback"
PRIVATE = ("Private case record: only you can see this. Your viewing is recorded; don't copy "
           "it into chats or channels. Entries are added, never edited.")
INCOMPLETE = ("A quick alert: the reporter has not added the full record yet (they are "
              "reminded). It is added to this record as a new entry.")
NOTHING_RECORDED = "Nothing was recorded"
NO_ENTRIES = "No entries yet."
ERASED = "(content erased under the retention policy)"
FEEDBACK_CONFIRM = Confirm(
    "Tell the reporter?", "They get a direct message saying their report has been looked at "
    "and action taken. It says nothing else: no outcome, no names, no details.",
    "Send", "Not now")
TEXT_BUDGET = 12_000
"""Characters of entries on one card (Teams refuses cards much over 28 KB)."""
BLOCK_BUDGET = 50
"""Blocks of entries on one card (Slack shows at most 100 blocks in a view)."""
PART_LIMIT = 2_000
ENTRY_COST = 300
_STATUS = {"running": "Running", "overdue": "OVERDUE", "met": "Met", "met_late": "Met late"}
_CLOCK_TONE = {"running": "warning", "overdue": "error", "met": "success", "met_late": "info"}


def case_card(view: CaseView, zone: ZoneInfo, people: tuple[tuple[str, str], ...] = (),
              notice: Panel | None = None) -> Card:
    """The whole case for one person; `notice` (what was recorded, or why not) on top."""
    practice = " (practice)" if view.practice else ""
    blocks: list[Block] = [notice] if notice else []
    blocks += [Heading(f"{view.reference} · {view.kind_label}{practice}"),
               Text(PRIVATE, tone="warning", subtle=True), Facts(tuple(_facts(view, zone)))]
    if view.reporter:
        r = view.reporter
        blocks.append(Contact(r.label, r.text, r.contact_label, r.contact, r.initials, r.ids))
    if view.incomplete:
        blocks.append(Panel("warning", (Heading("Record incomplete", "warning"),
                                        Text(INCOMPLETE))))
    if view.unanswered:
        numbers = ", ".join(f"#{n}" for n in view.unanswered)
        blocks.append(Text(f"Waiting for the reporter to answer question {numbers}. You will "
                           "be told when they do.", subtle=True))
    blocks += _clocks(view, zone) + _entries(view.entries, zone)
    blocks += _buttons(view, zone, people)
    return Card(f"Case {view.reference}", f"{view.reference} (private)", tuple(blocks),
                id=CASE_VIEW)


def done_panel(text: str) -> Panel:
    return Panel("success", (Text(text, tone="success"),))


def problem_panel(text: str) -> Panel:
    """Why nothing was recorded (the core's words; they may quote what someone typed)."""
    return Panel("error", (Heading(NOTHING_RECORDED, "error"), Text(text, typed=True)))


def _facts(view: CaseView, zone: ZoneInfo) -> list[tuple[str, str]]:
    pairs = [("State", view.state.replace("_", " ")), ("Urgency", urgency_label(view.urgency)),
             ("Held by", view.holder or "nobody yet"),
             ("Recorded", format_local(view.recorded_at, zone))]
    if view.acknowledged_at:
        pairs.append(("Acknowledged", f"{view.acknowledged_by or 'someone'}, "
                                      f"{format_local(view.acknowledged_at, zone)}"))
    if view.closed_at:
        pairs.append(("Closed", f"{format_local(view.closed_at, zone)}: "
                                f"{view.outcome or 'no outcome recorded'} (read-only; Reopen "
                                "adds a new entry)"))
    return pairs


def clock_line(clock: ClockView, now: datetime, zone: ZoneInfo) -> str:
    status = _STATUS.get(clock.status, clock.status.replace("_", " "))
    line = f"{status}: due {format_local(clock.due_at, zone)}"
    if clock.status == "running":
        return f"{line}, {format_duration(clock.due_at - now)} left"
    if clock.met_at is not None:
        return f"{line}; met {format_local(clock.met_at, zone)} by entry #{clock.met_by}"
    return line


def _clocks(view: CaseView, zone: ZoneInfo) -> list[Block]:
    if not view.clocks:
        return []
    return [Heading("Statutory clocks"), *(
        Panel(_CLOCK_TONE.get(c.status, "info"),  # type: ignore[arg-type]
              (Text(f"{c.label} ({c.basis})"), Text(clock_line(c, view.now, zone))))
        for c in view.clocks)]


def _clipped(text: str) -> str:
    return text if len(text) <= PART_LIMIT else text[:PART_LIMIT] + " … (the rest is in the export)"


def shown_entries(entries: tuple[EntryView, ...]) -> tuple[int, list[EntryView]]:
    """The latest entries that fit one card, oldest first, and how many earlier ones are
    left out."""
    shown: list[EntryView] = []
    chars = blocks = 0
    for entry in reversed(entries):
        chars += ENTRY_COST + len(entry.summary) + sum(
            len(label) + min(len(text), PART_LIMIT) for label, text in entry.parts)
        blocks += 1 + 2 * len(entry.parts) + int(entry.erased)
        if shown and (chars > TEXT_BUDGET or blocks > BLOCK_BUDGET):
            break
        shown.append(entry)
    return len(entries) - len(shown), shown[::-1]


def _entry(entry: EntryView, zone: ZoneInfo) -> list[Block]:
    blocks: list[Block] = [Text(f"#{entry.sequence} · {format_local(entry.at, zone)} · "
                                f"{entry.by} · {entry.summary}")]
    blocks += [Answer(label, _clipped(text)) for label, text in entry.parts]
    if entry.erased:
        blocks.append(Text(ERASED, subtle=True))
    return blocks


def _entries(entries: tuple[EntryView, ...], zone: ZoneInfo) -> list[Block]:
    if not entries:
        return [Divider(), Text(NO_ENTRIES, subtle=True)]
    left_out, shown = shown_entries(entries)
    top: list[Block] = [Divider(), Heading("Record, oldest first")]
    if left_out:
        top.append(Text(f"{left_out} earlier entries are not shown here: export the case to "
                        "see every entry.", subtle=True))
    return top + [block for entry in shown for block in _entry(entry, zone)]


def form_context(view: CaseView, zone: ZoneInfo, people: tuple[tuple[str, str], ...] = ()
                 ) -> forms.FormContext:
    referrals = tuple((e.sequence, e.summary[:60]) for e in view.entries
                      if e.kind == EntryKind.REFERRAL.value)[-20:]
    return forms.FormContext(view.reference, view.now.astimezone(zone).date(), referrals,
                             people)


def _buttons(view: CaseView, zone: ZoneInfo, people: tuple[tuple[str, str], ...]
             ) -> list[Block]:
    ref = view.reference
    export = button(EXPORT, "Export", reference=ref)
    if view.state == "closed":
        context = form_context(view, zone, people)
        return [Buttons((button("case.reopen", "Reopen case", "primary",
                                form=forms.reopen_form(context), reference=ref), export,
                         button(HIDE, "Hide case", reference=ref)))]
    c = form_context(view, zone, people)
    record: list[Button] = [
        button("case.note", "Add note", form=forms.note_form(c), reference=ref),
        button("case.decide", "Record decision", form=forms.decision_form(c), reference=ref),
        button("case.refer", "Record referral", form=forms.referral_form(c), reference=ref)]
    if c.referrals:
        record.append(button("case.outcome", "Referral outcome", form=forms.outcome_form(c),
                             reference=ref))
    manage = [button("case.assign", "Assign", form=forms.assign_form(c), reference=ref),
              button("case.link", "Link report", form=forms.link_form(c), reference=ref),
              button("case.close", "Close case", "danger", form=forms.close_form(c),
                     reference=ref)]
    reporter = [button(FEEDBACK, "Send feedback to the reporter", confirm=FEEDBACK_CONFIRM,
                       reference=ref), export, button(OPEN, "Refresh", reference=ref),
                button(HIDE, "Hide case", reference=ref)]
    if not view.practice:
        reporter.insert(0, button("case.ask", "Ask the reporter", form=forms.ask_form(c),
                                  reference=ref))
    return [Buttons(tuple(record)), Buttons(tuple(manage)), Buttons(tuple(reporter))]
