"""The private follow-up in Slack, over HTTP against the fake Web API: a lead asks the reporter
a question from the case view, the reporter opens it and answers in a modal, the lead is told
and reads the answer on the case. Neither text ever appears in a message or a log: only in
views.open, views.push and views.update payloads."""

import json
import logging
from typing import Any

import pytest

from adapters.slack import ids
from adapters.slack.cards import button_args
from bot.cases import case_forms as forms
from bot.clock import ManualClock
from bot.followup.answers import no_question_to_open
from storage.repositories import audit
from tests.adapters.slack.checks import assert_no_content, texts, typed_text_is_inert
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.test_cases import acknowledged, entries, open_case, record, state, text
from tests.adapters.slack.test_cases import tick as run_due
from tests.adapters.slack.test_quick_alerts import buttons, dms

QUESTION = "Question-Osprey-3310: when did the call end? <@U0JO> *bold*"
ANSWER = "Answer-Lynx-9902: about four, when AB logged off. <!channel>"
ALEX, LEAD = "U0ALEX", "U0LEAD"
VIEW_METHODS = frozenset({"views.open", "views.push", "views.update"})


def answer_state(value: str) -> dict[str, Any]:
    return {ids.ANSWER_BLOCK: {ids.VALUE: {"type": "plain_text_input", "value": value}}}


def only_in_modals(slack: SlackApp, secrets: list[str]) -> None:
    """Each secret was sent to Slack, and only ever inside a modal."""
    for secret in secrets:
        carried = {c.method for c in slack.fake.calls if secret in json.dumps(c.args)}
        assert carried, f"{secret} was never shown"
        assert carried <= VIEW_METHODS, f"{secret} went out through {carried - VIEW_METHODS}"


async def audited(slack: SlackApp, action: str) -> list[Any]:
    async with slack.runtime.database.sessions() as session:
        return await audit.by_action(session, action)


async def ask(slack: SlackApp, reference: str, question: str) -> dict[str, Any]:
    return await record(slack, reference, "ask", state(case_question=text(question)))


async def test_a_question_and_its_answer_stay_in_modals(
    slack: SlackApp, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    planted: list[str] = []
    reference = await acknowledged(slack, clock, planted=planted)
    case = await open_case(slack, reference)
    assert f"{ids.CASE_ACTION}ask" in texts(case)

    empty = await ask(slack, reference, "   ")
    assert empty["response_action"] == "errors" and "empty" in empty["errors"][forms.QUESTION]
    assert await entries(slack) == 0
    slack.driver.views[LEAD] = case
    assert await ask(slack, reference, QUESTION) == {}
    case = slack.driver.view_of(LEAD)
    shown = texts(case)
    assert f"Question #1 sent privately to the reporter of {reference}" in shown
    assert "Waiting for the reporter to answer question #1" in shown
    assert typed_text_is_inert(case, QUESTION)

    await run_due(slack)
    asked = [c for c in dms(slack, ALEX) if "has a question" in c.args["text"]]
    assert len(asked) == 1 and reference in asked[0].args["text"]
    value = buttons(asked[0].args["blocks"])[ids.OPEN_QUESTION]
    assert button_args(value) == {"reference": reference, "number": "1"}

    await slack.driver.press_on_message(ALEX, ids.OPEN_QUESTION, value, "D0ALEX",
                                        asked[0].response["ts"])
    window = slack.driver.view_of(ALEX)
    assert window["callback_id"] == ids.ANSWER_VIEW and typed_text_is_inert(window, QUESTION)
    empty = await slack.driver.submit_values(ALEX, answer_state(" "))
    assert empty.json["response_action"] == "errors"
    assert "empty" in empty.json["errors"][ids.ANSWER_BLOCK]
    done = await slack.driver.submit_values(ALEX, answer_state(ANSWER))
    assert done.json["response_action"] == "update"
    assert "answer to question #1" in texts(done.json["view"])
    assert ANSWER not in done.text

    slack.driver.views[ALEX] = window  # the same window, submitted again
    again = await slack.driver.submit_values(ALEX, answer_state("a second answer"))
    assert "already answered" in again.json["errors"][ids.ANSWER_BLOCK]

    await run_due(slack)
    told = [c for c in dms(slack, LEAD) if "has answered question #1" in c.args["text"]]
    assert len(told) == 1 and buttons(told[0].args["blocks"]) == {ids.OPEN_CASE: reference}
    await slack.driver.press_on_message(LEAD, ids.OPEN_CASE, reference, "D0LEAD",
                                        told[0].response["ts"])
    opened = slack.fake.called("views.open")[-1].args["view"]
    assert opened["callback_id"] == ids.CASE_VIEW
    assert typed_text_is_inert(opened, QUESTION) and typed_text_is_inert(opened, ANSWER)
    assert "Waiting for the reporter" not in texts(opened)

    only_in_modals(slack, [QUESTION, ANSWER, "Osprey", "Lynx"])
    assert_no_content(slack.fake.calls, [QUESTION, ANSWER, *planted])
    logged = caplog.text
    assert all(secret not in logged for secret in ("Osprey", "Lynx", *planted))
    assert [e.detail.get("sequence") for e in await audited(slack, "question_opened")] == [1]
    assert len(await audited(slack, "case_answer")) == 1


async def test_nobody_else_can_open_or_answer_the_question(slack: SlackApp,
                                                           clock: ManualClock) -> None:
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    await ask(slack, reference, QUESTION)
    await run_due(slack)
    asked = next(c for c in dms(slack, ALEX) if "has a question" in c.args["text"])
    value = buttons(asked.args["blocks"])[ids.OPEN_QUESTION]

    for other in ("U0JO", LEAD):  # a forged press: refused, audited, nothing shown
        await slack.driver.press_on_home(other, ids.OPEN_QUESTION, value)
        refused = slack.fake.called("views.open")[-1].args["view"]
        assert no_question_to_open(reference) in texts(refused)
        assert QUESTION not in texts(refused)
    await slack.driver.press_on_home(ALEX, ids.OPEN_QUESTION, value)
    window = slack.driver.view_of(ALEX)
    slack.driver.views["U0JO"] = window  # a stale or forged copy of the reporter's window
    forged = await slack.driver.submit_values("U0JO", answer_state(ANSWER))
    assert "You cannot answer questions" in forged.json["errors"][ids.ANSWER_BLOCK]
    assert await entries(slack) == 1, "only the question"
    assert len(await audited(slack, "question_open_refused")) == 2
    assert [e.actor_user_id for e in await audited(slack, "answer_refused")] == ["U0JO"]


async def test_the_home_tab_lists_questions_to_answer(slack: SlackApp,
                                                      clock: ManualClock) -> None:
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    await ask(slack, reference, QUESTION)
    await slack.driver.home_opened(ALEX, "EvF1")
    home = slack.fake.called("views.publish")[-1].args["view"]
    assert "Questions for you" in texts(home) and QUESTION not in texts(home)
    await slack.driver.press_on_home(ALEX, ids.OPEN_QUESTION,
                                     buttons(home["blocks"])[ids.OPEN_QUESTION])
    assert slack.driver.view_of(ALEX)["callback_id"] == ids.ANSWER_VIEW
