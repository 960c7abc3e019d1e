"""Check-ins as Adaptive Cards: notifications (flags only), the offer, the check-in questions,
arranging one with date and time inputs, the list, and a private outcome."""

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.teams import cards as teams_cards
from adapters.teams.card_kit import Element, card, execute, heading, panel, plain, words
from adapters.teams.cards import adaptive_card, render_block
from adapters.teams.notification_cards import receipt_message_card
from bot.checkins.cards import OFFER_QUESTION
from bot.checkins.cards import message_card as core_message_card
from bot.checkins.cards import offer_card as core_offer_card
from bot.checkins.messages import (
    CheckinMessage,
    CheckinRequestedMessage,
)
from bot.checkins.out_of_hours import CONFIRM_LABEL, OutOfHours
from bot.checkins.wording import time_with_zone
from bot.notifications import ReceiptMessage
from bot.ui.cards import Buttons

DATE, TIME = "checkin_date", "checkin_time"
CONFIRM = "checkin_confirm"
"""A toggle shown when the chosen time is out of working hours: on, it is confirmed."""



@dataclasses.dataclass(frozen=True)
class OfferOnly:
    """In-process only: the receipt was already shown on the report card (Teams replaces the
    form with it), so only the check-in offer is sent."""

    checkin_offer: str


def offer_only(receipt: ReceiptMessage) -> OfferOnly:
    return OfferOnly(receipt.checkin_offer)


def checkin_summary(message: "CheckinMessage | OfferOnly") -> str:
    if isinstance(message, OfferOnly):
        return OFFER_QUESTION
    return summary_text(message)


def offer_card(token: str) -> Element:
    return adaptive_card(core_offer_card(token))


def message_card(message: CheckinMessage | ReceiptMessage | OfferOnly, zone: ZoneInfo
                 ) -> Element:
    if isinstance(message, OfferOnly):
        return offer_card(message.checkin_offer)
    if isinstance(message, ReceiptMessage):
        receipt = receipt_message_card(dataclasses.replace(message, checkin_offer=""))
        offer = core_offer_card(message.checkin_offer)
        said = [out for block in offer.blocks if not isinstance(block, Buttons)
                for out in render_block(block)]
        return {**receipt, "body": [*receipt["body"], *said],
                "actions": [*receipt.get("actions", []), *map(teams_cards.action, offer.buttons())]}
    if isinstance(message, CheckinRequestedMessage):
        return requested_card(message, zone)
    core = core_message_card(message)
    return adaptive_card(core) if core is not None else card([words(summary_text(message))])


def summary_text(message: CheckinMessage) -> str:
    """The notification preview (and the text of the simplest cards)."""
    core = core_message_card(message)
    if core is not None:
        return core.summary
    if isinstance(message, CheckinRequestedMessage):
        return f"{message.person_initials} would like a wellbeing check-in"
    return "Wellbeing check-in"


def when_inputs(zone: ZoneInfo | None, at: datetime | None = None) -> list[Element]:
    where = zone.key if zone else "in their time zone"
    local = at.astimezone(zone) if at is not None and zone is not None else None
    day: Element = {"type": "Input.Date", "id": DATE, "label": f"Date ({where})",
                    "isRequired": True, "errorMessage": "Choose a date."}
    clock: Element = {"type": "Input.Time", "id": TIME, "label": "Time (24-hour)",
                      "isRequired": True, "errorMessage": "Choose a time."}
    if local is not None:
        day["value"], clock["value"] = f"{local:%Y-%m-%d}", f"{local:%H:%M}"
    return [day, clock]


def confirm_inputs(asked: OutOfHours) -> list[Element]:
    """The core's question about an out-of-hours time, and the toggle that confirms it."""
    return [panel([plain(asked.question)], "warning"),
            {"type": "Input.Toggle", "id": CONFIRM, "title": CONFIRM_LABEL,
             "valueOn": "true", "valueOff": "false", "value": "false"}]


def schedule_card(person_id: str, initials: str, zone: ZoneInfo | None,
                  moving: int | None = None, top: list[Element] | None = None,
                  asked: OutOfHours | None = None, note: str | None = None) -> Element:
    """Date and time inputs, and one button: arranging (or moving) a check-in. `asked`: the
    time chosen is out of working hours (filled in, with a toggle to confirm it)."""
    title = f"Move the check-in for {initials}" if moving else f"A check-in for {initials}"
    shown = asked.zone if asked is not None else zone
    body = [*(top or []), heading(title),
            *when_inputs(shown, asked.due_at if asked is not None else None)]
    if asked is not None:
        body += confirm_inputs(asked)
    if moving is None:
        note_input: Element = {"type": "Input.Text", "id": "note", "maxLength": 300,
                               "label": "A note for them (optional)", "isRequired": False}
        if note:
            note_input["value"] = note
        body.append(note_input)
        data: dict[str, Any] = {"person": person_id}
        verb, label = "checkin.schedule", "Schedule"
    else:
        data, verb, label = {"checkin": moving}, "checkin.move", "Move"
    body.append(words("Voluntary and kept apart from any report. Only their manager or the "
                      "wellbeing lead can arrange one for someone else.", subtle=True))
    return card(body, [execute(label, verb, data, inputs=True, style="positive")])


def requested_card(m: CheckinRequestedMessage, zone: ZoneInfo) -> Element:
    shown = ZoneInfo(m.zone) if m.zone else zone
    top = [words(f"**{m.person_initials} would like someone to check in with them** after a "
                 "difficult session. Choose a time below: one click arranges it.")]
    if m.follow_ups:
        times = "; ".join(time_with_zone(moment, shown) for moment in m.follow_ups)
        top.append(words(f"Follow-up check-ins are already scheduled: {times}.", subtle=True))
    return schedule_card(m.person_id, m.person_initials, shown, top=top)


def text_panel(text: str, tone: str = "info") -> Element:
    return card([panel([plain(text)], tone)])
