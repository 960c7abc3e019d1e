"""Every card the adapter can send is a valid Adaptive Card 1.5; answers read back right."""

from zoneinfo import ZoneInfo

import pytest

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import submit
from adapters.teams.flow_cards import flow_cards, render
from adapters.teams.notification_cards import (
    acknowledged_card,
    alert_card,
    channel_greeting_card,
    message_card,
    receipt_message_card,
    refusal_card,
    welcome_card,
)
from adapters.teams.report_actions import flow_input, raw_answer
from bot.access import Action
from bot.flow.progress import REVIEW, FlowProgress
from bot.flow.runner import AnswerInput, Edit
from bot.kinds import load_kinds
from bot.notifications import AcknowledgedMessage, AlertMessage, ReceiptMessage
from bot.refusals import no_such_report
from bot.ui import Notice, Option, Question, Receipt, ReportDetails, Summary, SummaryItem
from tests.adapters.teams.driver import action, all_actions, texts
from tests.adapters.teams.schemas import check_card

ZONE = ZoneInfo("Europe/London")
TYPES = ["short_text", "long_text", "single_choice", "multi_choice", "yes_no", "date",
         "datetime", "initials", "staff_member"]


def question(field_type: str, **extra: object) -> Question:
    options = (Option("a", "Apple"), Option("b", "Banana")) if field_type in (
        "single_choice", "multi_choice", "staff_member", "yes_no") else ()
    values = {"flow_title": "Safeguarding concern", "step_id": "s1", "prompt": "What?",
              "field_type": field_type, "required": True, "position": 2, "total": 9,
              "help": "Some help", "options": options, "max_length": 100}
    values.update(extra)
    return Question(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("field_type", TYPES)
def test_question_cards(field_type: str) -> None:
    current = {"datetime": "2026-03-14T09:30:00+00:00", "multi_choice": ["a", "b"],
               "date": "2026-03-13"}.get(field_type, "a")
    for q in (question(field_type), question(field_type, error="'x' is *wrong*",
                                              current_value=current, current_display="A",
                                              required=False, can_go_back=False)):
        card = render(q, ZONE)
        check_card(card)
        assert action(card, "report.answer")["data"] == {"verb": "report.answer", "step": "s1",
                                                         "field": field_type}
    assert (action(render(question(field_type), ZONE), "report.back") is not None)


def test_datetime_inputs_show_local_time() -> None:
    card = render(question("datetime", current_value="2026-06-14T09:30:00+00:00"), ZONE)
    values = {e["id"]: e.get("value") for e in card["body"] if e["type"].startswith("Input")}
    assert values == {"answer_date": "2026-06-14", "answer_time": "10:30"}


def test_other_flow_cards() -> None:
    summary = Summary("Safeguarding concern", (SummaryItem("s1", "What", "*x*"),), "high",
                      False, ("safeguarding lead",))
    receipt = Receipt("SG-2026-0001", "Safeguarding concern", "high", False,
                      ("safeguarding lead",))
    details = ReportDetails("SG-2026-0001", "Safeguarding concern", "submitted", "high", True,
                            "Sat 14 Mar", "Fri 13 Mar", "SO, Sat", (SummaryItem("a", "b", "c"),))
    for reply in (summary, receipt, details, Notice("Hello", title="T", tone="warning")):
        check_card(render(reply, ZONE))
    main, separate = flow_cards([Notice("Call 999", title="Now", tone="emergency"),
                                 question("yes_no")], ZONE)
    assert main is not None and "Call 999" in texts(main)
    assert len(separate) == 1 and "Call 999" in texts(separate[0])


def test_notification_cards_carry_no_buttons_when_done() -> None:
    base = AlertMessage("SG-2026-0001", "Safeguarding concern", "immediate_danger",
                        "2026-03-14T10:00:00+00:00")
    fresh = alert_card(base, ZONE)
    assert action(fresh, "alert.ack") and action(fresh, "alert.view")
    escalated = alert_card(AlertMessage(**{**base.__dict__, "step": 2}), ZONE)
    assert "Escalation 2" in texts(escalated)
    practice = alert_card(AlertMessage(**{**base.__dict__, "practice": True}), ZONE)
    done = alert_card(AlertMessage(**{**base.__dict__, "acknowledged_by": "SO (lead)",
                                      "acknowledged_at": "2026-03-14T10:05:00+00:00",
                                      "seconds_to_acknowledge": 300}), ZONE)
    assert not practice.get("actions") and not done.get("actions")
    assert "Acknowledged by SO (lead) at Sat 14 Mar 2026, 10:05, 5 minutes after" in texts(done)
    receipt = ReceiptMessage("SG-2026-0001", "Safeguarding concern", "high", False,
                             ("safeguarding lead",), ("Step one.",))
    ack = AcknowledgedMessage("SG-2026-0001", "Safeguarding concern", "SO (lead)",
                              "2026-03-14T10:05:00+00:00", 300, to_reporter=True)
    cards = [fresh, escalated, practice, done, receipt_message_card(receipt),
             acknowledged_card(ack, ZONE), message_card(ack, ZONE),
             refusal_card(no_such_report("X", Action.VIEW_DETAILS)),
             welcome_card("Example", load_kinds()), channel_greeting_card()]
    for card in cards:
        check_card(card)


def test_card_values_become_flow_answers() -> None:
    assert raw_answer({"answer_date": "2026-03-14", "answer_time": "14:30"}) == "2026-03-14 14:30"
    assert raw_answer({"answer_date": "", "answer_time": ""}) is None
    assert raw_answer({"answer": "a,b", "field": "multi_choice"}) == ["a", "b"]
    assert raw_answer({"answer": "a,b", "field": "short_text"}) == "a,b"
    assert raw_answer({"answer": 5}) == "5"
    assert raw_answer({}) is None


def test_buttons_become_flow_inputs() -> None:
    asking = FlowProgress("f", 1, current="s2")
    reviewing = FlowProgress("f", 1, current=REVIEW)
    answer = CardAction("report.answer", {"step": "s2", "answer": "x"})
    assert flow_input(answer, asking) == AnswerInput("x")
    assert flow_input(answer, reviewing) == "stale"
    assert flow_input(CardAction("report.answer", {"answer": "x"}), asking) == "stale"
    assert flow_input(CardAction("report.edit", {"edit_target": "s1"}), reviewing) == Edit("s1")
    assert flow_input(CardAction("report.edit", {}), reviewing) == "no target"
    assert flow_input(CardAction("report.edit", {"edit_target": "s1"}), asking) == "stale"
    assert flow_input(CardAction("report.fly", {}), asking) is None


@pytest.mark.parametrize("field_type", TYPES)
def test_dialog_question_cards_submit_and_carry_their_data(field_type: str) -> None:
    carry = {"draft": {"flow_id": "f", "flow_version": 1, "current": "s1"}, "form": "m1"}
    card = render(question(field_type, can_go_back=True), ZONE, button=submit, carry=carry)
    check_card(card)
    for found in card["actions"]:
        assert found["type"] == "Action.Submit" and "verb" not in found
        assert found["data"]["draft"] == carry["draft"] and found["data"]["form"] == "m1"
        assert "msteams" not in found["data"], "inside a dialog: task/submit, not task/fetch"
    verbs = [a["data"]["verb"] for a in card["actions"]]
    assert verbs == ["report.answer", "report.back", "report.cancel"]


def test_the_dialog_review_marks_its_buttons_as_the_review() -> None:
    summary = Summary("Safeguarding concern", (SummaryItem("s1", "What", "*x*"),), "high",
                      False, ("safeguarding lead",))
    card = render(summary, ZONE, button=submit, carry={"form": "m1"})
    check_card(card)
    assert {a["data"]["step"] for a in all_actions(card)} == {REVIEW}
    assert action(card, "report.edit")["associatedInputs"] == "auto"
    assert action(card, "report.submit")["associatedInputs"] == "none"


@pytest.mark.parametrize(("field_type", "expected"), [
    ("single_choice", "Choose one"), ("multi_choice", "Choose all that apply")])
def test_every_list_of_options_has_a_placeholder(field_type: str, expected: str) -> None:
    options = tuple(Option(f"o{i}", f"Option {i}") for i in range(9))
    card = render(question(field_type, options=options), ZONE)
    [element] = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    assert element["placeholder"] == expected
