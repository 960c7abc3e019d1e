"""The report flow as Adaptive Cards: one card per question, the review, the receipt, details.

Questions and the review run in a dialog (`Action.Submit`, sent as `task/submit`); the
check-in flow reuses the same question cards in the chat with `Action.Execute` buttons.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.teams.card_kit import (
    Element,
    card,
    execute,
    facts,
    heading,
    labelled,
    panel,
    plain,
    tone_colour,
    words,
)
from adapters.teams.followup_cards import complete_action, incomplete_panel
from bot.flow.progress import REVIEW
from bot.reporting import QUICK_CHOICE, QUICK_LABEL
from bot.ui import Notice, Question, Receipt, Reply, ReportDetails, Summary
from bot.ui.replies import CHOOSE_ONE
from bot.ui.wording import CALL_999, WHO_WILL_SEE, urgency_label

ANSWER = "answer"
ANSWER_DATE = "answer_date"
ANSWER_TIME = "answer_time"
EDIT_TARGET = "edit_target"
REQUIRED_MESSAGE = "This question needs an answer."
QUICK_HINT = (f"Short of time? Choose *{QUICK_LABEL}*: a few short questions now and the "
              "lead is alerted at once; you write the full record later the same day, and "
              "are reminded.")
Button = Callable[..., Element]
"""`card_kit.execute` (a card in the chat) or `card_kit.submit` (a card in a dialog)."""
LEAD_INCOMPLETE = ("The reporter sent a quick alert and has not added the full record yet; "
                   "what is shown is what they sent first. You will be told when it is "
                   "complete.")


def flow_cards(replies: list[Reply], zone: ZoneInfo, button: Button = execute,
               carry: dict[str, Any] | None = None) -> tuple[Element | None, list[Element]]:
    """The card to show, and emergency guidance to post as messages of their own.

    Guidance notices go at the top of the card; emergency guidance is also posted on its own
    so it stays visible after the form moves on. `button` makes the buttons; `carry` is
    data every button sends back (e.g. the unsaved start of a report).
    """
    notices: list[Notice] = [r for r in replies if isinstance(r, Notice)]
    main = next((r for r in replies if not isinstance(r, Notice)), None)
    separate = [notice_card(n) for n in notices if n.tone == "emergency"]
    top = [notice_panel(n) for n in notices]
    if main is None:
        return (card(top) if top else None), separate
    return render(main, zone, top, button, carry), separate


def render(reply: Reply, zone: ZoneInfo, top: list[Element] | None = None,
           button: Button = execute, carry: dict[str, Any] | None = None) -> Element:
    top = top or []
    if isinstance(reply, Question):
        return question_card(reply, zone, top, button, carry or {})
    if isinstance(reply, Summary):
        return summary_card(reply, top, button, carry or {})
    if isinstance(reply, Receipt):
        return receipt_card(reply, top)
    if isinstance(reply, ReportDetails):
        return details_card(reply, top)
    return card([*top, notice_panel(reply)])


def notice_panel(notice: Notice) -> Element:
    items: list[Element] = []
    if notice.title:
        items.append(heading(notice.title, colour=tone_colour(notice.tone)))
    items.append(plain(notice.text, colour=tone_colour(notice.tone)))
    return panel(items, notice.tone)


def notice_card(notice: Notice) -> Element:
    return card([notice_panel(notice)])


def question_card(q: Question, zone: ZoneInfo, top: list[Element], button: Button = execute,
                  carry: dict[str, Any] | None = None) -> Element:
    heading = " · ".join(part for part in (q.flow_title, q.counter) if part)
    body: list[Element] = [*top, words(heading, subtle=True)]
    if q.error:
        body.append(panel([plain(q.error, colour="attention")], "error"))
    body.extend(_inputs(q, zone))
    if q.help:
        body.append(words(q.help.strip(), subtle=True))
    if any(option.value == QUICK_CHOICE for option in q.options):
        body.append(words(QUICK_HINT, subtle=True))
    if q.current_display is not None:
        body.append(labelled("Your answer so far", q.current_display))
    if not q.required:
        body.append(words("Optional: leave it empty and press Next to skip.", subtle=True))
    data = {**(carry or {}), "step": q.step_id, "field": q.field_type}
    actions = [button("Next", "report.answer", data, inputs=True, style="positive")]
    if q.can_go_back:
        actions.append(button("Back", "report.back", data))
    actions.append(button("Cancel report", "report.cancel", data))
    return card(body, actions)


def _inputs(q: Question, zone: ZoneInfo) -> list[Element]:
    base = {"label": q.prompt, "isRequired": q.required, "errorMessage": REQUIRED_MESSAGE}
    kind = q.field_type
    if kind == "datetime":
        day, clock = _split_moment(q.current_value, zone)
        date_input = {"type": "Input.Date", "id": ANSWER_DATE, **base}
        time_input = {"type": "Input.Time", "id": ANSWER_TIME, "label": "Time (24-hour)",
                      "isRequired": q.required, "errorMessage": "Please give a time as well."}
        _set(date_input, day)
        _set(time_input, clock)
        return [date_input, time_input]
    if kind == "date":
        element = {"type": "Input.Date", "id": ANSWER, **base}
        _set(element, q.current_value if isinstance(q.current_value, str) else None)
        return [element]
    if q.options:
        return [_choices(q, base)]
    element = {"type": "Input.Text", "id": ANSWER, **base, "isMultiline": kind == "long_text"}
    if q.max_length:
        element["maxLength"] = q.max_length
    placeholder = q.placeholder or ("Initials only, e.g. JS" if kind == "initials" else None)
    if placeholder:
        element["placeholder"] = placeholder
    _set(element, q.current_value if isinstance(q.current_value, str) else None)
    return [element]


def _choices(q: Question, base: Element) -> Element:
    multi = q.field_type == "multi_choice"
    element: Element = {
        "type": "Input.ChoiceSet", "id": ANSWER, **base,
        "choices": [{"title": o.label, "value": o.value} for o in q.options],
        "style": "expanded" if multi or len(q.options) <= 6 else "compact",
        "isMultiSelect": multi, "wrap": True,
    }
    element["placeholder"] = q.hint_in_box or CHOOSE_ONE  # a yes/no too: never a blank box
    current = q.current_value
    _set(element, ",".join(current) if isinstance(current, list) else current)
    return element


def _set(element: Element, value: str | None) -> None:
    if value:
        element["value"] = value


def _split_moment(value: object, zone: ZoneInfo) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value:
        return None, None
    try:
        local = datetime.fromisoformat(value).astimezone(zone)
    except ValueError:
        return None, None
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M")


def summary_card(s: Summary, top: list[Element], button: Button = execute,
                 carry: dict[str, Any] | None = None) -> Element:
    practice = " (practice)" if s.practice else ""
    body: list[Element] = [*top, heading(f"Review your {s.title.lower()}{practice}")]
    body.extend(labelled(f"{i}. {item.label}", item.value) for i, item in enumerate(s.items, 1))
    body.append(words(f"**Urgency:** {urgency_label(s.urgency)}"))
    body += who_will_see(s.seen_by, s.privacy)
    body.append({
        "type": "Input.ChoiceSet", "id": EDIT_TARGET, "label": "Change an answer",
        "isRequired": False, "style": "compact", "placeholder": "Choose an answer to change",
        "choices": [{"title": f"{i}. {item.label}", "value": item.step_id}
                    for i, item in enumerate(s.items, 1)],
    })
    data = {**(carry or {}), "step": REVIEW}  # a review shown out of date changes nothing
    actions = [
        button("Submit report", "report.submit", data, style="positive"),
        button("Change selected answer", "report.edit", data, inputs=True),
        button("Back", "report.back", data),
        button("Cancel report", "report.cancel", data),
    ]
    return card(body, actions)


def receipt_card(r: Receipt, top: list[Element]) -> Element:
    practice = " (practice)" if r.practice else ""
    steps = r.next_steps or (
        ("This was practice: nothing was sent to anyone else.",) if r.practice else (
            r.status,
            "You will be told here when someone has it.",
            CALL_999,
        )  # the check-in is offered once, in the core's words, by the receipt message
    )
    body: list[Element] = [
        *top,
        heading(f"Report submitted{practice}", colour="good"),
        facts([("Reference", r.reference), ("Kind", r.kind_label),
               ("Urgency", urgency_label(r.urgency))]),
        *([incomplete_panel()] if r.incomplete else []),
        *(who_will_see(r.seen_by, r.privacy) or [words("It is stored securely.")]),
        *[words(f"- {step}") for step in steps],
    ]
    return card(body, [complete_action(r.reference)] if r.incomplete else None)


def who_will_see(seen_by: tuple[str, ...], privacy: tuple[str, ...]) -> list[Element]:
    """The roles, then the core's own lines: confidential, not anonymous; staff concerns go
    around the person (bot.audience)."""
    found = [words(f"**{WHO_WILL_SEE}:** {', '.join(seen_by)}.")] if seen_by else []
    return found + [words(line, subtle=True) for line in privacy]


def details_card(d: ReportDetails, top: list[Element]) -> Element:
    practice = " (practice)" if d.practice else ""
    pairs = [("Reference", d.reference), ("Kind", d.kind_label + practice),
             ("State", d.state), ("Urgency", urgency_label(d.urgency)),
             ("Recorded", d.recorded_at)]
    if d.occurred_at:
        pairs.append(("Happened", d.occurred_at))
    if d.acknowledged:
        pairs.append(("Acknowledged", d.acknowledged))
    body: list[Element] = [
        *top,
        heading("Private: only you can see this", colour="attention"),
        words("This view has been recorded. Do not copy it into chats or channels.",
              subtle=True),
        *([incomplete_panel(LEAD_INCOMPLETE)] if d.incomplete else []),
        facts(pairs),
        *[labelled(item.label, item.value) for item in d.items],
    ]
    data = {"reference": d.reference}
    return card(body, [execute("Open case", "case.open", data, style="positive"),
                       execute("Hide details", "alert.hide", data)])
