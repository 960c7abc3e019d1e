"""Rendering without HTTP: inputs per field type, answers back, limits, and escaping."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from adapters.slack import ids
from adapters.slack.fields import UnreadableAnswer, input_block, raw_answer
from adapters.slack.messages import render
from adapters.slack.text import chunks, clip, escape
from adapters.slack.views import flow_view
from bot.notifications import AlertMessage, ReceiptMessage
from bot.ui import Notice, Option, Question, Summary, SummaryItem
from tests.adapters.slack.checks import check_blocks, check_view, text_objects, typed_text_is_inert

LONDON = ZoneInfo("Europe/London")


def question(field_type: str, **extra: object) -> Question:
    values: dict = {"flow_title": "Confidentiality or data breach", "step_id": "s",
                    "prompt": "Prompt?", "field_type": field_type, "required": True,
                    "position": 1, "total": 3}
    values.update(extra)
    return Question(**values)


def test_escape_stops_mentions() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_clip_and_chunks() -> None:
    assert clip("Confidentiality or data breach", 24) == "Confidentiality or data…"
    assert len(clip("x" * 100, 24)) == 24
    parts = chunks("word " * 2000, 3000)
    assert all(len(p) <= 3000 for p in parts) and len(parts) == 4


@pytest.mark.parametrize(("field_type", "element"), [
    ("short_text", "plain_text_input"), ("long_text", "plain_text_input"),
    ("initials", "plain_text_input"), ("yes_no", "radio_buttons"),
    ("single_choice", "radio_buttons"), ("multi_choice", "checkboxes"),
    ("date", "datepicker"), ("datetime", "datetimepicker"), ("staff_member", "static_select"),
])
def test_each_field_type_has_an_input(field_type: str, element: str) -> None:
    options = tuple(Option(f"v{i}", "A very long label " * 6) for i in range(3))
    view = flow_view([question(field_type, options=options, help="h" * 2500)], "slack:T:U:report",
                     LONDON)
    parsed = check_view(view.to_dict())
    assert parsed.title.text == "Confidentiality or data…"
    block = next(b for b in view.to_dict()["blocks"] if b["type"] == "input")
    assert block["element"]["type"] == element
    assert view.private_metadata == "slack:T:U:report"


def test_many_options_use_selects() -> None:
    options = tuple(Option(f"v{i}", f"Option {i}") for i in range(12))
    single = input_block(question("single_choice", options=options), LONDON).to_dict()
    multi = input_block(question("multi_choice", options=options,
                                 current_value=["v1", "v3"]), LONDON).to_dict()
    assert single["element"]["type"] == "static_select"
    assert multi["element"]["type"] == "multi_static_select"
    assert [o["value"] for o in multi["element"]["initial_options"]] == ["v1", "v3"]


def test_datetime_answer_is_local_text_in_the_org_zone() -> None:
    summer = int(datetime(2026, 7, 1, 13, 30, tzinfo=UTC).timestamp())
    values = {"q:s": {"answer": {"type": "datetimepicker", "selected_date_time": summer}}}
    assert raw_answer(values, "s", LONDON) == "2026-07-01 14:30"
    initial = input_block(question("datetime", current_value="2026-07-01T13:30:00+00:00"),
                          LONDON).to_dict()
    assert initial["element"]["initial_date_time"] == summer


@pytest.mark.parametrize(("state", "expected"), [
    ({"type": "plain_text_input", "value": "hi"}, "hi"),
    ({"type": "plain_text_input", "value": None}, None),
    ({"type": "radio_buttons", "selected_option": {"value": "yes"}}, "yes"),
    ({"type": "radio_buttons", "selected_option": None}, None),
    ({"type": "checkboxes", "selected_options": [{"value": "a"}, {"value": "b"}]}, ["a", "b"]),
    ({"type": "datepicker", "selected_date": "2026-03-14"}, "2026-03-14"),
    ({"type": "datetimepicker", "selected_date_time": None}, None),
])
def test_raw_answers(state: dict, expected: object) -> None:
    assert raw_answer({"q:s": {"answer": state}}, "s", LONDON) == expected


@pytest.mark.parametrize("values", [
    {}, {"q:s": "x"}, {"q:s": {"answer": {"type": "file_input"}}},
    {"q:s": {"answer": {"type": "datetimepicker", "selected_date_time": "soon"}}},
])
def test_unreadable_answers(values: dict) -> None:
    with pytest.raises(UnreadableAnswer):
        raw_answer(values, "s", LONDON)


def test_long_review_fits_slack() -> None:
    items = tuple(SummaryItem(f"s{i}", "Label <@U1>", "v <!here> " * 400) for i in range(120))
    summary = Summary("Operational incident", items, "high", False, ("safeguarding lead",))
    view = flow_view([Notice("Note", title="T", tone="warning"), summary], "c", LONDON)
    parsed = check_view(view.to_dict())
    assert view.callback_id == ids.REVIEW_VIEW and len(parsed.blocks) <= 100
    mrkdwn = " ".join(text_objects(view.to_dict(), "mrkdwn"))
    assert "<!here>" not in mrkdwn and "<@U1>" not in mrkdwn
    assert typed_text_is_inert(view.to_dict(), "v <!here> v")


def test_the_review_shows_a_long_answer_whole_under_a_bold_label() -> None:
    answer = " ".join(f"word{i}" for i in range(600)) + " the very end."  # ~4,800 characters
    summary = Summary("Safeguarding concern", (SummaryItem("what", "What happened", answer),),
                      "normal", False, ("safeguarding lead",))
    view = flow_view([summary], "c", LONDON).to_dict()
    check_view(view)
    shown = " ".join(block["text"]["text"] for block in view["blocks"]
                     if block["type"] == "section" and block["text"]["type"] == "plain_text")
    assert answer in " ".join(shown.split()) and "…" not in shown
    assert "*What happened*" in text_objects(view, "mrkdwn")


def test_an_optional_question_is_marked_once_and_discard_is_not_the_loudest_button() -> None:
    view = flow_view([question("long_text", prompt="Your view? (optional)", required=False)],
                     "c", LONDON).to_dict()
    [block] = [b for b in view["blocks"] if b["type"] == "input"]
    assert block["label"]["text"] == "Your view?" and block["optional"] is True
    [discard] = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == ids.DISCARD]
    assert "style" not in discard and discard["confirm"]["style"] == "danger"


def test_messages_escape_and_fit() -> None:
    alert = AlertMessage("SG-2026-0001", "Safeguarding concern", "high",
                         "2026-03-14T10:00:00+00:00", acknowledged_by="<!channel> (lead)",
                         acknowledged_at="2026-03-14T10:05:00+00:00", seconds_to_acknowledge=300)
    rendered = render(alert, LONDON)
    check_blocks(rendered.block_dicts())
    assert "<!channel>" not in str(rendered.block_dicts()) and "<!channel>" not in rendered.text
    receipt = render(ReceiptMessage("PRACTICE-OI-2026-0001", "Operational incident", "normal",
                                    True, ("only you",), ("Practice <@U1>",)), LONDON)
    check_blocks(receipt.block_dicts())
    assert "<@U1>" not in str(receipt.block_dicts())
