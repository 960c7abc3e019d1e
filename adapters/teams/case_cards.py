"""The private case card: state, holder, statutory clocks with time left, every entry in
order, and a form for each action. Only ever sent as an invoke response to the person who
pressed (never posted), because it holds what people typed."""

from zoneinfo import ZoneInfo

from adapters.teams import case_forms as forms
from adapters.teams.card_kit import (
    Element,
    card,
    execute,
    facts,
    heading,
    labelled,
    panel,
    plain,
    words,
)
from adapters.teams.details_cards import reporter_elements, with_mentions
from adapters.teams.followup_cards import incomplete_panel
from bot.cases.record import CaseView, ClockView, EntryView
from bot.cases.vocabulary import EntryKind
from bot.durations import format_duration
from bot.flow.answers import format_local

TEXT_BUDGET = 12_000
"""Characters of entries shown on one card (Teams refuses cards much over 28 KB)."""
PART_LIMIT = 2_000
ENTRY_COST = 300
"""Roughly what one entry's layout adds to the card, in characters."""
INCOMPLETE = ("A quick alert: the reporter has not added the full record yet. You will be told "
              "when they do; it is added to this record as a new entry.")
_CLOCK_TONE = {"running": "warning", "overdue": "error", "met": "success", "met_late": "info"}


def case_card(view: CaseView, zone: ZoneInfo, people: forms.Choices,
              note: Element | None = None, downloads: Element | None = None) -> Element:
    """The whole case for one person; `note` (an outcome or error) goes at the top."""
    body: list[Element] = [note] if note is not None else []
    reporter, mentions = reporter_elements(view.reporter) if view.reporter else ([], [])
    body += [
        heading("Private case record: only you can see this", colour="attention"),
        words("This view has been recorded. Do not copy it into chats or channels.",
              subtle=True),
        *_reporter_side(view),
        facts(_facts(view, zone)),
        *reporter,
        *_clocks(view, zone),
        *_entries(view, zone),
    ]
    if downloads is not None:
        body.append(downloads)
    body += _forms(view, zone, people)
    data = {"reference": view.reference}
    return with_mentions(card(body, [execute("Export", "case.export", data),
                                     execute("Refresh", "case.open", data),
                                     execute("Hide case", "alert.hide", data)]), mentions)


def _reporter_side(view: CaseView) -> list[Element]:
    """Record incomplete (a quick alert not yet written up); questions still unanswered."""
    found = [incomplete_panel(INCOMPLETE)] if view.incomplete else []
    if view.unanswered:
        numbers = ", ".join(f"#{n}" for n in view.unanswered)
        found.append(words(f"Waiting for the reporter to answer question {numbers}. You will "
                           "be told when they do.", subtle=True))
    return found


def _facts(view: CaseView, zone: ZoneInfo) -> list[tuple[str, str]]:
    practice = " (practice)" if view.practice else ""
    pairs = [("Reference", view.reference), ("Kind", view.kind_label + practice),
             ("State", view.state), ("Urgency", view.urgency.replace("_", " ")),
             ("Recorded", format_local(view.recorded_at, zone))]
    if view.acknowledged_at:
        pairs.append(("Acknowledged", f"{format_local(view.acknowledged_at, zone)} by "
                                      f"{view.acknowledged_by}"))
    if view.holder:
        pairs.append(("Held by", view.holder))
    if view.closed_at:
        pairs.append(("Closed", f"{format_local(view.closed_at, zone)}: {view.outcome}"))
    return pairs


def clock_line(clock: ClockView, view: CaseView, zone: ZoneInfo) -> str:
    due = format_local(clock.due_at, zone)
    if clock.status == "running":
        return f"due {due}: {format_duration(clock.due_at - view.now)} left"
    if clock.status == "overdue":
        return f"OVERDUE: was due {due}"
    met = format_local(clock.met_at, zone) if clock.met_at else "?"
    late = " (late)" if clock.status == "met_late" else ""
    return f"met{late} {met} by entry #{clock.met_by} (was due {due})"


def _clocks(view: CaseView, zone: ZoneInfo) -> list[Element]:
    if not view.clocks:
        return []
    items: list[Element] = [heading("Statutory clocks", size="default")]
    for clock in view.clocks:
        tone = _CLOCK_TONE.get(clock.status, "info")
        items.append(panel([plain(f"{clock.label} ({clock.basis})", bold=True),
                            plain(clock_line(clock, view, zone))], tone))
    return items


def _clipped(text: str) -> str:
    if len(text) <= PART_LIMIT:
        return text
    return text[:PART_LIMIT] + " … (the rest is in the export)"


def _cost(entry: EntryView) -> int:
    return ENTRY_COST + len(entry.summary) + sum(
        len(label) + min(len(text), PART_LIMIT) for label, text in entry.parts)


def shown_entries(entries: tuple[EntryView, ...]) -> tuple[int, list[EntryView]]:
    """The latest entries that fit the card (Teams refuses large cards), oldest first, and
    how many earlier ones are left out."""
    shown: list[EntryView] = []
    used = 0
    for entry in reversed(entries):
        used += _cost(entry)
        if shown and used > TEXT_BUDGET:
            break
        shown.append(entry)
    return len(entries) - len(shown), shown[::-1]


def _entry(entry: EntryView, zone: ZoneInfo) -> Element:
    items: list[Element] = [
        words(f"#{entry.sequence} · {format_local(entry.at, zone)} · {entry.by}", subtle=True),
        plain(entry.summary, bold=True),
        *[labelled(label, _clipped(text)) for label, text in entry.parts],
    ]
    if entry.erased:
        items.append(words("(content erased under the retention policy)", subtle=True))
    return {"type": "Container", "items": items, "separator": True}


def _entries(view: CaseView, zone: ZoneInfo) -> list[Element]:
    if not view.entries:
        return [words("No entries yet.", subtle=True)]
    left_out, shown = shown_entries(view.entries)
    top: list[Element] = [heading("Record, oldest first", size="default")]
    if left_out:
        top.append(words(f"{left_out} earlier entries are not shown here: Export has the "
                         "whole record.", subtle=True))
    return [*top, *[_entry(entry, zone) for entry in shown]]


def referral_choices(view: CaseView) -> forms.Choices:
    return [(str(e.sequence), f"#{e.sequence} {e.summary}") for e in view.entries
            if e.kind == EntryKind.REFERRAL.value]


def _forms(view: CaseView, zone: ZoneInfo, people: forms.Choices) -> list[Element]:
    reference = view.reference
    if view.state == "closed":
        return [forms.action_set([forms.reopen_form(reference)])]
    today = view.now.astimezone(zone).date()
    record = [forms.note_form(reference), forms.decision_form(reference),
              forms.referral_form(reference, today)]
    referrals = referral_choices(view)
    if referrals:
        record.append(forms.outcome_form(reference, referrals))
    manage = [forms.link_form(reference), forms.close_form(reference)]
    if people:
        manage.insert(0, forms.assign_form(reference, people))
    reporter = [execute("Send feedback to the reporter", "case.feedback",
                        {"reference": reference})]
    if not view.practice:
        reporter.insert(0, forms.ask_form(reference))
    return [forms.action_set(record), forms.action_set(manage),
            words("Feedback tells the reporter only that their report was looked at and "
                  "action taken: nothing else. A question reaches them as a notice that "
                  "there is one; they read and answer it privately.", subtle=True),
            forms.action_set(reporter)]


def problem_panel(text: str) -> Element:
    """Why nothing was recorded (text of the core's; may quote what someone typed)."""
    return panel([heading("Nothing was recorded", colour="attention"),
                  plain(text, colour="attention")], "error")


def done_panel(text: str) -> Element:
    return panel([plain(text, colour="good")], "success")


def downloads_panel(links: list[tuple[str, str]]) -> Element:
    """Personal, short-lived download links (opened in the browser, never posted)."""
    actions = [{"type": "Action.OpenUrl", "title": title, "url": url} for title, url in links]
    return panel([words("Download links are personal to you and expire soon. The file holds "
                        "the whole record: store and pass it on securely.", subtle=True),
                  {"type": "ActionSet", "actions": actions}], "info")


def exports_off_panel() -> Element:
    return panel([plain("Exports from Teams need the server's public address: set "
                        "SAFEGUARD_PUBLIC_URL. Until then, use the console's /export command "
                        "(/export REFERENCE pdf).", colour="warning")], "warning")
