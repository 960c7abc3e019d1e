"""Guests and volunteers in Teams (a Teams user who is not in the config) over HTTP against
the fake Bot Connector: they report and get the receipt, complete their own quick alert and
answer the lead's question on it, and are refused (and recorded) on anyone else's report."""

import json
from typing import Any

from sqlalchemy import select

from adapters.teams.forms import SUBMITTED
from bot.audience import CONFIDENTIAL
from bot.followup.answers import no_question_to_open
from storage.models import AuditEvent, Report
from tests.adapters.teams.driver import (
    Filler,
    action,
    closing,
    complete_report,
    dialog_card,
    texts,
)
from tests.adapters.teams.harness import ALERTS, Teams, personal_conversation
from tests.adapters.teams.test_checkins import cards_to, tick
from tests.adapters.teams.test_journey import channel_alert, file_report, install, start_report
from tests.kinds import ReportKind

GUEST, LEAD = "29:guest-sam", "29:lead"
"""A guest user (or a volunteer) the organisation never listed in its config."""
ROUTED = ("29:deputy", "29:ceo")
QUESTION = "Which session was it? Kestrel-Plum-4471"
ANSWER = "The Tuesday drama group. Badger-Mint-0385"
CARD = "application/vnd.microsoft.card.adaptive"


async def set_up(teams: Teams) -> None:
    await install(teams)
    for user in (GUEST, *ROUTED):
        await teams.post(teams.install_personal(user))


async def guest_press(teams: Teams, verb: str, data: dict[str, Any]) -> dict[str, Any]:
    return await teams.press(GUEST, verb, data, "m1")


async def audited(teams: Teams) -> list[str]:
    async with teams.runtime.database.sessions() as session:
        return list((await session.scalars(select(AuditEvent.action))).all())


async def test_a_guest_reports_and_is_refused_another_persons_report(teams: Teams) -> None:
    await set_up(teams)
    alex = Filler()
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, alex)
    other = "SG-2026-0001"
    card, _ = await start_report(teams, GUEST, "report incident")
    receipt = (await complete_report(teams, GUEST, card, Filler())).card
    shown = texts(receipt)
    assert "Report submitted" in shown and "OI-2026-0001" in shown and CONFIDENTIAL in shown
    async with teams.runtime.database.sessions() as session:
        mine = await session.scalar(select(Report).where(Report.reference == "OI-2026-0001"))
    assert mine is not None and (mine.reporter_user_id, mine.reporter_person_id) == (GUEST, None)
    await tick(teams)
    assert len([r for r in teams.connector.sent_to(ALERTS) if r.method == "POST"]) == 3

    refusals = []
    for verb in ("alert.view", "case.open", "alert.ack", "case.note"):
        response = await guest_press(teams, verb, {"reference": other, "case_note": "hi",
                                                    SUBMITTED: "1"})  # a form's send
        assert response["type"] == CARD and "Not available to you" in texts(response["value"])
        refusals.append(response)
    opened = await teams.fetch(GUEST, {"verb": "followup.open", "reference": other,
                                       "number": 1}, "m1")
    assert no_question_to_open(other) in texts(dialog_card(opened))
    completing = await teams.fetch(GUEST, {"verb": "quick.complete", "reference": other,
                                           "msteams": {"type": "task/fetch"}}, "m1")
    assert "You cannot complete" in closing(completing)
    await teams.post(teams.message(GUEST, f"view {other}"))
    typed = teams.connector.records[-1]
    assert typed.conversation_id == personal_conversation(GUEST)
    assert "Not available to you" in texts(typed.cards[0])

    seen_by_guest = json.dumps([*refusals, opened, completing]) + json.dumps(
        [r.body for r in teams.connector.sent_to(personal_conversation(GUEST))])
    assert not any(plant in seen_by_guest for plant in alex.planted)
    actions = await audited(teams)
    assert actions.count("view_refused") == 2 and "case_viewed_refused" in actions
    assert {"acknowledge_refused", "case_action_refused", "question_open_refused",
            "completion_refused"} <= set(actions)
    teams.check_all_cards()


async def test_a_guest_completes_a_quick_alert_and_answers_the_lead(teams: Teams) -> None:
    await set_up(teams)
    card, form_id = await start_report(teams, GUEST, "quick")
    quick = Filler()
    receipt = (await complete_report(teams, GUEST, card, quick)).card
    assert "Record incomplete" in texts(receipt)
    reference = action(receipt, "quick.complete")["data"]["reference"]
    await tick(teams)
    _, alert_id = channel_alert(teams)
    thread = teams.channel(ALERTS, alert_id)
    await teams.press(LEAD, "alert.ack", {"reference": reference}, alert_id, thread)
    await teams.press(LEAD, "case.ask", {"reference": reference, "case_question": QUESTION,
                                         SUBMITTED: "1"}, alert_id, thread)

    await tick(teams)
    [(notice, notice_id)] = cards_to(teams, GUEST, "followup.open")
    opener = action(notice, "followup.open")["data"]
    opened = dialog_card(await teams.fetch(GUEST, opener, notice_id))
    assert QUESTION in texts(opened)
    send = {**action(opened, "followup.answer")["data"], "followup_answer": ANSWER}
    assert "recorded privately" in closing(await teams.submit(GUEST, send))
    assert "Answer sent" in texts(teams.connector.records[-1].cards[0])

    before = len(teams.connector.records)
    form = dialog_card(await teams.fetch(GUEST, action(receipt, "quick.complete")["data"],
                                         form_id))
    assert len(teams.connector.records) == before
    finished = await complete_report(teams, GUEST, form, Filler())
    assert "full record is now added" in finished.said

    await tick(teams)
    assert cards_to(teams, LEAD, text="has answered question #1")
    [(_, told_id)] = cards_to(teams, LEAD, text="added the full record")
    case = (await teams.press(LEAD, "case.open", {"reference": reference}, told_id))["value"]
    shown = texts(case)
    assert "the reporter (a guest, not in the config)" in shown and ANSWER in shown
    assert "Record incomplete" not in shown and "Full record added by the reporter" in shown
    for record in teams.connector.records:
        assert QUESTION not in json.dumps(record.body) and ANSWER not in json.dumps(record.body)
    teams.check_all_cards()


async def test_a_typed_view_answers_with_the_alert_card_never_the_details_in_the_chat(
    teams: Teams,
) -> None:
    await set_up(teams)
    await teams.post(teams.install_personal(LEAD))
    alex = Filler()
    receipt, _ = await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, alex)
    reference = "SG-2026-0001"
    assert reference in texts(receipt)
    await teams.post(teams.message(LEAD, f"view {reference}"))
    typed = teams.connector.records[-1]
    assert typed.conversation_id == personal_conversation(LEAD)
    assert action(typed.cards[0], "alert.view")["data"]["reference"] == reference
    assert not any(plant in json.dumps(typed.body) for plant in alex.planted)
    pressed = await teams.press(LEAD, "alert.view", {"reference": reference}, "m1")
    assert any(plant in json.dumps(pressed) for plant in alex.planted)
    actions = await audited(teams)
    assert actions.count("report_viewed") == 1 and "view_refused" not in actions
