"""A lead's private question to the reporter, and the answer, in Teams over HTTP against the
fake Bot Connector. Neither text is ever in an activity sent to Teams (posted or edited) nor
in a log line: they travel only in invoke responses to the person who pressed."""

import json
import logging
from typing import Any

import pytest
from sqlalchemy import select

from adapters.teams.forms import SUBMITTED
from bot.followup.answers import no_question_to_open
from bot.followup.cards import ANSWER_INPUT
from storage.models import AuditEvent
from tests.adapters.teams.driver import (
    Filler,
    action,
    closing,
    dialog_card,
    execute_action,
    inputs,
    opens_dialog,
    show_card_inputs,
    texts,
)
from tests.adapters.teams.harness import ALERTS, Teams, personal_conversation
from tests.adapters.teams.test_cases import entry_count
from tests.adapters.teams.test_checkins import cards_to, tick
from tests.adapters.teams.test_journey import REPORTER, channel_alert, file_report, install
from tests.kinds import ReportKind

LEAD, MANAGER, JO = "29:lead", "29:manager", "29:jo"
ROUTED = ("29:deputy", "29:ceo")
"""Installed, so every alert is delivered (an undelivered one would escalate at once)."""
REFERENCE = "SG-2026-0001"
QUESTION = "When did the call end? Osprey-Velvet-3310"
ANSWER = "About four, when AB logged off. Lynx-Amber-9902"
SECRETS = (QUESTION, ANSWER, "Osprey-Velvet", "Lynx-Amber")
CARD = "application/vnd.microsoft.card.adaptive"


async def case_press(teams: Teams, user: str, verb: str, alert_id: str, **data: Any
                     ) -> dict[str, Any]:
    sent = {**data, SUBMITTED: "1"} if data else data  # a form's send says it submits
    response = await teams.press(user, verb, {"reference": REFERENCE, **sent}, alert_id,
                                 teams.channel(ALERTS, alert_id))
    assert response["type"] == CARD, response
    return response["value"]


async def acknowledged(teams: Teams) -> str:
    """Alex's concern, alerted and acknowledged by the lead; returns the alert's id."""
    await install(teams)
    for user in (MANAGER, JO, *ROUTED):
        await teams.post(teams.install_personal(user))
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    await tick(teams)
    _, alert_id = channel_alert(teams)
    await case_press(teams, LEAD, "alert.ack", alert_id)
    return alert_id


async def audited(teams: Teams) -> list[str]:
    async with teams.runtime.database.sessions() as session:
        return list((await session.scalars(select(AuditEvent.action))).all())


async def test_a_question_and_its_answer_never_reach_any_message(
        teams: Teams, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    alert_id = await acknowledged(teams)

    case = await case_press(teams, LEAD, "case.open", alert_id)
    assert execute_action(case, "case.ask")
    [box] = show_card_inputs(case, "case.ask")
    assert (box["id"], box["isRequired"], box["maxLength"]) == ("case_question", True, 2000)
    empty = await case_press(teams, LEAD, "case.ask", alert_id, case_question="   ")
    assert "Nothing was recorded" in texts(empty) and "question is empty" in texts(empty)
    refused = await case_press(teams, MANAGER, "case.ask", alert_id, case_question=QUESTION)
    assert "Not available to you" in texts(refused)
    assert await entry_count(teams.runtime) == 0

    asked = await case_press(teams, LEAD, "case.ask", alert_id, case_question=QUESTION)
    shown = texts(asked)
    assert f"Question #1 sent privately to the reporter of {REFERENCE}" in shown
    assert QUESTION in shown
    assert "Waiting for the reporter to answer question #1" in shown

    await tick(teams)
    [(notice, notice_id)] = cards_to(teams, REPORTER, "followup.open")
    assert f"has a question about {REFERENCE}" in texts(notice)
    opener = action(notice, "followup.open")["data"]
    assert opener == {"verb": "followup.open", "reference": REFERENCE, "number": 1,
                      "msteams": {"type": "task/fetch"}}
    assert opens_dialog(action(notice, "followup.open"))
    await teams.post(teams.message(REPORTER, "questions"))
    assert execute_action(teams.connector.records[-1].cards[0], "followup.open")

    other = dialog_card(await teams.fetch(JO, opener, notice_id))
    assert no_question_to_open(REFERENCE) in texts(other) and QUESTION not in str(other)
    before = len(teams.connector.records)
    opened = dialog_card(await teams.fetch(REPORTER, opener, notice_id))
    assert QUESTION in texts(opened) and "Private" in texts(opened)
    assert [i["id"] for i in inputs(opened)] == [ANSWER_INPUT]
    send = action(opened, "followup.answer")["data"]
    assert send["notice"] == notice_id and action(opened, "followup.answer")["type"] == (
        "Action.Submit")
    blank = dialog_card(await teams.submit(REPORTER, {**send, ANSWER_INPUT: " "}))
    assert "answer is empty" in texts(blank) and action(blank, "followup.answer")
    assert len(teams.connector.records) == before, "opening and a blank answer send nothing"

    said = closing(await teams.submit(REPORTER, {**send, ANSWER_INPUT: ANSWER}))
    assert "is recorded privately" in said
    edited = teams.connector.records[-1]
    assert (edited.method, edited.activity_id) == ("PUT", notice_id)
    [done] = edited.cards
    assert "Answer sent" in texts(done) and not inputs(done) and not done.get("actions")
    assert said in texts(done), "the posted notice becomes the confirmation"
    again = closing(await teams.submit(REPORTER, {**send, ANSWER_INPUT: "more"}))
    assert "already answered" in again

    await tick(teams)
    [(answered, answered_id)] = cards_to(teams, LEAD, text="has answered question #1")
    assert action(answered, "case.open")["data"]["reference"] == REFERENCE
    full = (await teams.press(LEAD, "case.open", {"reference": REFERENCE}, answered_id))
    assert QUESTION in texts(full["value"]) and ANSWER in texts(full["value"])
    assert "Waiting for the reporter" not in texts(full["value"])
    await teams.post(teams.message(REPORTER, "questions"))
    assert "no questions waiting" in texts(teams.connector.records[-1].cards[0])

    assert caplog.records, "the log was captured, at every level"
    sent = json.dumps([record.body for record in teams.connector.records])
    privately = json.dumps(teams.responses)
    for secret in SECRETS:
        assert secret not in sent, secret
        assert secret in privately, secret
        assert secret not in caplog.text, secret
    assert await entry_count(teams.runtime) == 2
    actions = await audited(teams)
    assert actions.count("question_opened") == 2, "each private view is recorded"
    assert {"question_open_refused", "case_question", "case_answer"} <= set(actions)
    assert personal_conversation(REPORTER) == edited.conversation_id
    teams.check_all_cards()


async def test_answer_later_puts_the_notice_back_without_the_question(teams: Teams) -> None:
    alert_id = await acknowledged(teams)
    await case_press(teams, LEAD, "case.ask", alert_id, case_question=QUESTION)
    await tick(teams)
    [(notice, notice_id)] = cards_to(teams, REPORTER, "followup.open")
    opener = action(notice, "followup.open")["data"]
    opened = dialog_card(await teams.fetch(REPORTER, opener, notice_id))
    before = len(teams.connector.records)
    later = await teams.submit(REPORTER, action(opened, "followup.hide")["data"])
    assert later is None, "the dialog just closes"
    assert len(teams.connector.records) == before, "the notice keeps its button"
    bad = await teams.fetch(REPORTER, {**opener, "number": "1"}, notice_id)
    assert "no valid report reference" in closing(bad)
    legacy = await teams.press(REPORTER, "followup.open", {"reference": REFERENCE, "number": 1},
                               notice_id)
    assert QUESTION not in json.dumps(legacy), "an old card's button shows no question"
    assert action(legacy["value"], "followup.open")["data"] == opener
    assert all(QUESTION not in json.dumps(r.body) for r in teams.connector.records)
