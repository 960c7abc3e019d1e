"""The report flow in a Teams dialog, over HTTP against the fake Bot Connector.

Every kind, practice and the quick alert run through `task/fetch` and `task/submit`: the chat
only ever gets content-free cards (the start card, the receipt, guidance), and no activity the
bot sends to the connector (posted or edited) holds an answer, even when the reporter stops
at the review. Bad or out-of-date dialog data gets a clear message and changes nothing.
"""

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from jsonschema import Draft7Validator
from sqlalchemy import func, select

from adapters.teams.dialog_cards import start_card
from adapters.teams.notification_cards import welcome_card
from bot import reporting
from bot.clock import ManualClock
from bot.flow.progress import REVIEW, FlowProgress
from bot.kinds import load_kinds
from storage.models import FlowSession, Report
from tests.adapters.teams.driver import (
    Card,
    Filler,
    action,
    all_actions,
    closing,
    dialog_card,
    fill_in,
    inputs,
    opens_dialog,
    sent_bodies,
    texts,
    walk,
)
from tests.adapters.teams.fake_connector import TENANT
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.schemas import check_card, spec_activity
from tests.adapters.teams.test_checkins import tick
from tests.adapters.teams.test_journey import channel_alert, install, start_report
from tests.kinds import ReportKind

REPORTER, LEAD = "29:alex", "29:lead"
ROUTED = ("29:deputy", "29:ceo", "29:dpl")
DAY, CLOCK = "2026-02-17", "07:41"
"""The date and time answers: unusual enough to find if they ever leaked."""
CONVERSATION = f"teams:{TENANT}:{REPORTER}:report"


def assert_no_answers(teams: Teams, filler: Filler) -> None:
    sent = sent_bodies(teams)
    assert filler.planted, "answers were typed"
    for secret in (*filler.planted, DAY, CLOCK):
        assert secret not in sent, secret
    for record in teams.connector.records:
        for card in record.cards:
            assert not inputs(card), "the chat never holds a form"


async def progress(teams: Teams) -> FlowProgress | None:
    return await reporting.progress(teams.runtime, CONVERSATION, "teams")


async def count(teams: Teams, model: Any) -> int:
    async with teams.runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def item_step(review: Card, plant: str) -> str:
    """The step id of the review line whose answer holds `plant`."""
    for element in walk(review["body"]):
        runs = element.get("inlines") or []
        if len(runs) == 2 and plant in runs[1]["text"]:
            number = int(runs[0]["text"].split(".")[0])
            chooser = next(e for e in inputs(review) if e["id"] == "edit_target")
            return str(chooser["choices"][number - 1]["value"])
    raise AssertionError(f"{plant} is not on the review")


@pytest.mark.parametrize("typed, kind", [
    ("report", ReportKind.SAFEGUARDING_CONCERN), ("report breach", None),
    ("report incident practice", None), ("quick", None)])
async def test_a_report_runs_in_a_dialog_and_no_answer_reaches_the_chat(
        teams: Teams, typed: str, kind: ReportKind | None, known_code: str) -> None:
    await install(teams)
    for user in ROUTED:  # reachable: an undelivered alert would escalate at once
        await teams.post(teams.install_personal(user))
    filler = Filler(day=DAY, clock=CLOCK)
    card, start_id = await start_report(teams, REPORTER, typed)
    if kind is not None:  # `report` alone asks which kind first
        chooser = action(card, "report.answer")["data"]
        assert "draft" in chooser, "nothing is stored until the first answer"
        assert await progress(teams) is None
        card = dialog_card(await teams.submit(REPORTER, {**chooser, "answer": kind.value}))
    review = await fill_in(teams, REPORTER, card, filler)
    assert all(plant in texts(review) for plant in filler.planted), "reviewed in the dialog"
    assert_no_answers(teams, filler)

    step = item_step(review, filler.planted[0])
    edit = action(review, "report.edit")["data"]
    changing = dialog_card(await teams.submit(REPORTER, {**edit, "edit_target": step}))
    assert filler.planted[0] in json.dumps(changing), "the answer so far, in the dialog"
    button = action(changing, "report.answer")["data"]
    review = dialog_card(await teams.submit(REPORTER, {
        **button, **filler.answer(step, button["field"], changing)}))
    assert filler.planted[-1] in texts(review) and filler.planted[0] not in texts(review)
    assert_no_answers(teams, filler)

    before = len(teams.connector.records)
    said = closing(await teams.submit(REPORTER, action(review, "report.submit")["data"]))
    [receipt] = teams.connector.records[before:]
    assert (receipt.method, receipt.activity_id) == ("PUT", start_id), "replaces the start card"
    assert "Report submitted" in texts(receipt.cards[0])
    reference = receipt.cards[0]["body"][1]["facts"][0]["value"]
    numbered = f"-2026-{known_code}" if typed == "quick" else "-2026-0001"  # a quick alert: a code
    assert reference.endswith(numbered) and reference in said and "receipt" in said
    assert await progress(teams) is None and await count(teams, Report) == 1
    await tick(teams)
    assert_no_answers(teams, filler)
    teams.check_all_cards()
    if "practice" in typed:
        return
    _, alert_id = channel_alert(teams)
    details = await teams.press(LEAD, "alert.view", {"reference": reference}, alert_id,
                                teams.channel(message_id=alert_id))
    assert filler.planted[-1] in texts(details["value"]), "the lead reads them privately"


async def test_stopping_at_the_review_leaves_no_answer_in_the_chat(
        teams: Teams, clock: ManualClock) -> None:
    await install(teams)
    filler = Filler(day=DAY, clock=CLOCK)
    card, start_id = await start_report(teams, REPORTER, "report incident")
    review = await fill_in(teams, REPORTER, card, filler)
    await teams.post(teams.message(REPORTER, "where was I?"))
    nudge = teams.connector.records[-1]
    assert "Please answer in the report form" in texts(nudge.cards[0])
    clock.advance(timedelta(hours=30))
    await tick(teams)

    resume = action(nudge.cards[0], "report.resume")
    again = dialog_card(await teams.fetch(REPORTER, resume["data"], nudge.new_id))
    assert action(again, "report.submit") and texts(again) == texts(review)
    assert all(record.activity_id != start_id for record in teams.connector.records)
    assert_no_answers(teams, filler)
    assert await count(teams, Report) == 0
    teams.check_all_cards()


async def test_the_danger_guidance_is_also_posted_but_no_answer(teams: Teams) -> None:
    await install(teams)
    filler = Filler({"immediate_danger": "yes"})
    card, _ = await start_report(teams, REPORTER, "report safeguarding")
    before = len(teams.connector.records)
    danger = action(card, "report.answer")["data"]
    assert danger["step"] == "immediate_danger"
    shown = dialog_card(await teams.submit(REPORTER, {**danger, "answer": "yes"}))
    assert "999" in texts(shown)
    [guidance] = teams.connector.records[before:]
    assert guidance.method == "POST" and "999" in texts(guidance.cards[0])
    await fill_in(teams, REPORTER, shown, filler)
    assert_no_answers(teams, filler)


async def test_cancel_in_the_dialog(teams: Teams) -> None:
    card, _ = await start_report(teams, REPORTER, "report incident")
    assert await teams.submit(REPORTER, action(card, "report.cancel")["data"]) is None, (
        "nothing stored yet: the dialog just closes")
    card, _ = await start_report(teams, REPORTER, "report incident")
    filler = Filler()
    button = action(card, "report.answer")["data"]
    card = dialog_card(await teams.submit(REPORTER, {**button, **filler.answer(
        button["step"], button["field"], card)}))
    assert await progress(teams) is not None
    old = {**button, "verb": "report.cancel"}
    stale = dialog_card(await teams.submit(REPORTER, old))
    assert "out of date" in texts(stale) and await progress(teams) is not None, (
        "a cancel from an out-of-date card discards nothing")
    asked = dialog_card(await teams.submit(REPORTER, action(card, "report.cancel")["data"]))
    assert "cancel again" in texts(asked) and await progress(teams) is not None, (
        "answers would be lost: the dialog asks first and keeps them")
    said = closing(await teams.submit(REPORTER, action(asked, "report.cancel")["data"]))
    assert "discarded" in said and await progress(teams) is None
    assert all(record.method == "POST" for record in teams.connector.records)


async def test_bad_or_stale_dialog_data_changes_nothing(teams: Teams) -> None:
    card, start_id = await start_report(teams, REPORTER, "report incident")
    first = action(card, "report.answer")["data"]
    draft = first["draft"]
    nothing_yet: list[tuple[dict[str, Any], str]] = [
        ({"verb": "report.answer", "step": first["step"], "answer": "x"}, "no report in"),
        ({**first, "draft": {**draft, "flow_id": "made_up"}}, "no report in"),
        ({**first, "draft": "not a draft"}, "no report in"),
        ({**first, "draft": {"flow_id": draft["flow_id"]}}, "no report in"),
        ({**first, "verb": "report.fly"}, "could not be understood"),
        ({"step": first["step"]}, "could not be understood"),
    ]
    for data, said in nothing_yet:
        assert said in closing(await teams.submit(REPORTER, data)), data
    for value in ({"data": "text"}, [], {"data": {"verb": 5}}, None):
        odd = teams.task(REPORTER, "task/submit", {})
        odd["value"] = value
        assert "could not be understood" in closing(await teams.post(odd))
    assert await progress(teams) is None and await count(teams, FlowSession) == 0

    filler = Filler()
    card = dialog_card(await teams.submit(REPORTER, {**first, **filler.answer(
        first["step"], first["field"], card)}))
    stored = await progress(teams)
    assert stored is not None and stored.answers
    second = action(card, "report.answer")["data"]
    records = len(teams.connector.records)
    problems: list[tuple[dict[str, Any], str]] = [
        ({**first, "answer": "again"}, "out of date"),
        ({**second, "step": "no_such_step"}, "out of date"),
        ({"verb": "report.edit", "step": REVIEW, "edit_target": first["step"]}, "out of date"),
        ({"verb": "report.back", "step": REVIEW}, "out of date"),
    ]
    for data, said in problems:
        shown = dialog_card(await teams.submit(REPORTER, data))
        assert said in texts(shown), data
        assert action(shown, "report.answer")["data"]["step"] == second["step"]
    for data in ({**first, "draft": {**draft, "answers": {"x": "y"}}},):
        assert "out of date" in texts(dialog_card(await teams.submit(REPORTER, data)))
    fetches = [({"verb": "report.launch"}, "could not be understood"),
               ({"verb": "quick.complete", "reference": "x" * 80}, "could not be understood"),
               ({"verb": "quick.complete", "reference": "OI-2026-0099"}, "You cannot complete")]
    for data, said in fetches:
        response = await teams.fetch(REPORTER, data, start_id)
        assert said in closing(response), data
    after = await progress(teams)
    assert after is not None and (after.current, after.answers) == (stored.current,
                                                                    stored.answers)
    assert len(teams.connector.records) == records, "nothing sent to the chat"
    assert await count(teams, Report) == 0


async def test_a_forged_draft_takes_no_answers_and_files_nothing(teams: Teams) -> None:
    card, _ = await start_report(teams, REPORTER, "report incident")
    draft = copy.deepcopy(action(card, "report.answer")["data"]["draft"])
    draft.update(current=REVIEW, answers={"what_happened": "forged"}, editing=True)
    shown = dialog_card(await teams.submit(REPORTER, {"verb": "report.submit", "step": REVIEW,
                                                      "draft": draft}))
    assert "remaining questions" in texts(shown) and action(shown, "report.answer")
    stored = await progress(teams)
    assert stored is not None and stored.answers == {} and not stored.reviewing
    assert await count(teams, Report) == 0


async def test_a_tampered_start_card_id_is_not_trusted(teams: Teams) -> None:
    card, start_id = await start_report(teams, REPORTER, "report incident")
    review = await fill_in(teams, REPORTER, card, Filler())
    before = len(teams.connector.records)
    data = {**action(review, "report.submit")["data"], "form": {"id": start_id}}
    closing(await teams.submit(REPORTER, data))
    [receipt] = teams.connector.records[before:]
    assert receipt.method == "POST" and "Report submitted" in texts(receipt.cards[0])


async def test_buttons_of_old_in_chat_forms_change_nothing(teams: Teams) -> None:
    card, _ = await start_report(teams, REPORTER, "report incident")
    button = action(card, "report.answer")["data"]
    await teams.submit(REPORTER, {**button, **Filler().answer(button["step"], button["field"],
                                                              card)})
    stored = await progress(teams)
    old = {"step": button["step"], "field": button["field"], "answer": "Secret-Otter-55"}
    response = await teams.press(REPORTER, "report.answer", old, "m-old-form")
    shown = response["value"]
    assert opens_dialog(action(shown, "report.resume")) and not inputs(shown)
    [edit] = teams.connector.records[-1:]
    assert (edit.method, edit.activity_id) == ("PUT", "m-old-form"), "its old answers go"
    assert edit.cards == [shown]
    for verb in ("report.start", "quick.complete"):
        pressed = await teams.press(REPORTER, verb, {"reference": "OI-2026-0001"}, "m-welcome")
        assert any(opens_dialog(a) for a in all_actions(pressed["value"]))
    after = await progress(teams)
    assert stored is not None and after is not None and after.answers == stored.answers
    assert "Secret-Otter-55" not in sent_bodies(teams)


def test_every_report_button_in_the_chat_opens_a_dialog() -> None:
    cards = [welcome_card("Example", load_kinds()),
             start_card("report.open", {"kind": "x"}, "Make a report")]
    for card in cards:
        check_card(card)
        buttons = list(all_actions(card))
        assert buttons and all(opens_dialog(a) for a in buttons)
        assert all(a["type"] == "Action.Submit" for a in buttons)


async def test_dialog_invokes_are_bot_framework_activities(teams: Teams) -> None:
    """The task/fetch and task/submit the tests send are activities by the official schema
    (Teams leaves out `name` on `from`; the schema requires it, so it is added here)."""
    schema = spec_activity("microsoft__botframework-sdk/schemas/protocol/botframework.json")
    validator = Draft7Validator({**schema, "$ref": "#/definitions/Activity"})
    for name in ("task/fetch", "task/submit"):
        activity = teams.task(REPORTER, name, {"verb": "report.open"}, "m1")
        activity["from"]["name"] = "Alex"
        errors = [e.message for e in validator.iter_errors(activity)]
        assert not errors, errors
    assert personal_conversation(REPORTER) == teams.personal(REPORTER)["id"]
