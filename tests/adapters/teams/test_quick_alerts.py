"""Quick alerts in Teams over HTTP against the fake Bot Connector: alert the lead now, write
it up later. The alert escalates while the record is incomplete, the reporter is reminded with
a "Complete the record" button, and completing adds the full record after the first account,
which stays as it was sent."""

import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from adapters.teams.notification_cards import message_card, welcome_card
from bot import references
from bot.audience import CONFIDENTIAL
from bot.checkins.cards import OFFER_NOT_NOW, OFFER_YES
from bot.clock import ManualClock
from bot.kinds import load_kinds
from bot.notifications import ReceiptMessage
from bot.reporting import QUICK_CHOICE, QUICK_LABEL
from storage.models import AuditEvent
from tests.adapters.teams.driver import (
    Filler,
    action,
    all_actions,
    closing,
    complete_report,
    dialog_card,
    execute_action,
    inputs,
    opens_dialog,
    texts,
    verb_of,
)
from tests.adapters.teams.harness import ALERTS, Teams, personal_conversation
from tests.adapters.teams.schemas import check_card
from tests.adapters.teams.test_checkins import cards_to, tick
from tests.adapters.teams.test_journey import channel_alert, install, start_report

REPORTER, LEAD, DEPUTY, CEO, JO = "29:alex", "29:lead", "29:deputy", "29:ceo", "29:jo"
REFERENCE = "SG-2026-QK2ZT"
"""A quick alert takes a code (bot.references): the first one drawn here, so it is known."""
CARD = "application/vnd.microsoft.card.adaptive"


@pytest.fixture(autouse=True)
def known_code(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = iter([REFERENCE.rsplit("-", 1)[1]])
    drawn = references.draw_code
    monkeypatch.setattr(references, "draw_code", lambda: next(codes, None) or drawn())


def posted_after(teams: Teams, start: int) -> str:
    return json.dumps([record.body for record in teams.connector.records[start:]])


async def press_in_thread(teams: Teams, user: str, verb: str, alert_id: str
                          ) -> dict[str, Any]:
    response = await teams.press(user, verb, {"reference": REFERENCE}, alert_id,
                                 teams.channel(ALERTS, alert_id))
    assert response["type"] == CARD, response
    return response["value"]


async def test_a_quick_alert_escalates_while_incomplete_is_reminded_and_completed(
        teams: Teams, clock: ManualClock) -> None:
    await install(teams)
    for user in (DEPUTY, CEO):  # reachable: an undelivered alert would escalate at once
        await teams.post(teams.install_personal(user))
    [welcome] = teams.connector.sent_to(personal_conversation(REPORTER))
    quick = next(a for a in all_actions(welcome.cards[0]) if a["data"].get("quick") is True)
    assert quick["title"] == QUICK_LABEL and verb_of(quick) == "report.open"
    assert opens_dialog(quick)

    started = dialog_card(await teams.fetch(REPORTER, quick["data"], welcome.new_id))
    first = Filler()
    assert "Quick alert" in texts(started)
    finished = await complete_report(teams, REPORTER, started, first)
    assert REFERENCE in finished.said
    [posted] = teams.connector.records[-1:]
    assert posted.method == "POST", "the welcome card stays; the receipt is a new message"
    receipt = finished.card
    shown = texts(receipt)
    assert "Report submitted" in shown and REFERENCE in shown and "Record incomplete" in shown
    assert CONFIDENTIAL in shown and shown.count("999") == 1, shown
    assert "record is incomplete" in shown, "the core's own next steps say why"
    assert action(receipt, "quick.complete")["data"]["reference"] == REFERENCE
    [plant] = first.planted
    submitted = len(teams.connector.records)

    await tick(teams)
    _, alert_id = channel_alert(teams)
    assert not cards_to(teams, CEO, text="Escalation")
    clock.advance(timedelta(minutes=15))
    await tick(teams)
    [(escalation, _)] = cards_to(teams, CEO, text="Escalation 1")
    assert REFERENCE in texts(escalation)
    details = await press_in_thread(teams, LEAD, "alert.view", alert_id)
    assert "Record incomplete" in texts(details) and plant in texts(details)
    await press_in_thread(teams, LEAD, "alert.ack", alert_id)
    case = await press_in_thread(teams, LEAD, "case.open", alert_id)
    assert "Record incomplete" in texts(case) and "A quick alert" in texts(case)

    clock.advance(timedelta(hours=2))
    await tick(teams)
    [(reminder, reminder_id)] = cards_to(teams, REPORTER, text="Reminder: the full record")
    assert REFERENCE in texts(reminder)
    button = action(reminder, "quick.complete")
    assert button and button["data"] == {"verb": "quick.complete", "reference": REFERENCE,
                                         "msteams": {"type": "task/fetch"}}

    before = len(teams.connector.records)
    form = dialog_card(await teams.fetch(REPORTER, button["data"], reminder_id))
    assert "Complete the record" in texts(form) and action(form, "report.answer")
    assert len(teams.connector.records) == before, "the form opens in a dialog, not the chat"
    full = Filler()
    done = await complete_report(teams, REPORTER, form, full)
    assert "full record is now added" in done.said
    assert done.shown == [], "opened from the reminder: nothing is posted or edited"
    completed_at = len(teams.connector.records)

    await tick(teams)
    [(told, told_id)] = cards_to(teams, LEAD, text="added the full record")
    assert action(told, "case.open")["data"]["reference"] == REFERENCE
    details = await press_in_thread(teams, LEAD, "alert.view", alert_id)
    shown = texts(details)
    assert "Record incomplete" not in shown and "Full record added" in shown
    assert shown.index(plant) < shown.index("Full record added") < shown.index(full.planted[0])
    case = (await teams.press(LEAD, "case.open", {"reference": REFERENCE}, told_id))["value"]
    assert "Record incomplete" not in texts(case)
    assert "Full record added by the reporter" in texts(case)

    assert plant not in posted_after(teams, submitted), "never posted after submitting"
    assert not any(p in posted_after(teams, completed_at) for p in full.planted)
    assert plant not in posted_after(teams, completed_at)
    everything = posted_after(teams, 0)
    assert not any(p in everything for p in [plant, *full.planted]), "never in the chat at all"
    teams.check_all_cards()


async def test_typed_quick_complete_and_incomplete(teams: Teams) -> None:
    await install(teams)
    await teams.post(teams.install_personal(JO))
    card, _ = await start_report(teams, REPORTER, "report")
    chooser = next(e for e in inputs(card) if e["type"] == "Input.ChoiceSet")
    assert QUICK_LABEL in [c["title"] for c in chooser["choices"]]
    assert "Short of time?" in texts(card)
    data = {**action(card, "report.answer")["data"], "answer": QUICK_CHOICE}
    quick = dialog_card(await teams.submit(REPORTER, data))
    assert "Quick alert" in texts(quick) and "immediate danger" in texts(quick)
    discarded = await teams.submit(REPORTER, action(quick, "report.cancel")["data"])
    assert "discarded" in closing(discarded)

    card, _ = await start_report(teams, REPORTER, "report quick")
    assert "Quick alert" in texts(card)
    await complete_report(teams, REPORTER, card, Filler())

    await teams.post(teams.message(REPORTER, "incomplete"))
    listed = teams.connector.records[-1].cards[0]
    assert REFERENCE in texts(listed)
    assert execute_action(listed, "quick.complete")["data"]["reference"] == REFERENCE

    await teams.post(teams.message(JO, f"complete {REFERENCE}"))
    refused = teams.connector.records[-1].cards[0]
    assert "You cannot complete" in texts(refused) and not action(refused, "report.answer")
    assert not refused.get("actions"), "no button to open a form"
    opener = {"verb": "quick.complete", "reference": REFERENCE, "msteams": {"type": "task/fetch"}}
    other = await teams.fetch(JO, opener, "m1")
    assert "You cannot complete" in closing(other)

    await teams.post(teams.message(REPORTER, f"complete {REFERENCE.lower()}"))
    start = teams.connector.records[-1]
    assert "Completing" in texts(start.cards[0]) and not action(start.cards[0], "report.answer")
    resume = action(start.cards[0], "report.resume")
    assert resume and opens_dialog(resume), texts(start.cards[0])
    form = dialog_card(await teams.fetch(REPORTER, resume["data"], start.new_id))
    assert action(form, "report.answer"), texts(form)
    done = await complete_report(teams, REPORTER, form, Filler())
    assert "full record is now added" in done.said
    replaced = teams.connector.records[-1]
    assert (replaced.method, replaced.activity_id) == ("PUT", start.new_id)
    assert "full record is now added" in texts(replaced.cards[0]), "the start card says so"
    await teams.post(teams.message(REPORTER, "complete"))
    assert "no quick alerts waiting" in texts(teams.connector.records[-1].cards[0])
    again = await teams.fetch(REPORTER, opener, "m1")
    assert "nothing to complete" in closing(again)

    async with teams.runtime.database.sessions() as session:
        audited = (await session.scalars(select(AuditEvent.action))).all()
    assert audited.count("completion_refused") == 2 and "report_completed" in audited
    teams.check_all_cards()


def test_a_receipt_sent_later_keeps_both_its_buttons() -> None:
    """When the form could not become the receipt, the outbox's receipt card offers
    'Complete the record' and the check-in offer together."""
    message = ReceiptMessage(REFERENCE, "Safeguarding concern", "normal", False,
                             ("Safeguarding lead",), ("The record is incomplete.",),
                             checkin_offer="token", incomplete=True)
    card = message_card(message, ZoneInfo("Europe/London"))
    check_card(card)
    verbs = [verb_of(a) for a in all_actions(card)]
    assert verbs == ["quick.complete", OFFER_YES, OFFER_NOT_NOW]
    assert "Record incomplete" in texts(card)
    check_card(welcome_card("Example", load_kinds()))
