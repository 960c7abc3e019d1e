"""Parsing answers: what is accepted, what is refused, and the messages people see."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.flow.answers import AnswerError, parse_answer, parse_local_datetime
from bot.flow.definition import Step
from bot.flow.hooks import HookContext

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # 13:00 in London (BST)
CONTEXT = HookContext(NOW, LONDON, staff=(("lead", "Sam Okafor"),))


def _step(**fields: object) -> Step:
    return Step.model_validate({"id": "q", "prompt": "Q?", **fields})


@pytest.mark.parametrize(("text", "expected"), [
    ("now", "2026-07-01T12:00:00+00:00"),
    ("today 14:30", "2026-07-01T13:30:00+00:00"),
    ("yesterday 4pm", "2026-06-30T15:00:00+00:00"),
    ("30/06/2026 09:15", "2026-06-30T08:15:00+00:00"),
    ("2026-01-10 09:15", "2026-01-10T09:15:00+00:00"),
])
def test_datetimes_are_read_in_the_organisations_time_zone(text: str, expected: str) -> None:
    assert parse_local_datetime(text, NOW, LONDON).isoformat() == expected


@pytest.mark.parametrize("text", ["soon", "today 25:00", "31/02/2026 10:00", "13pm", ""])
def test_nonsense_datetimes_are_refused(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_local_datetime(text, NOW, LONDON)


def test_a_time_in_the_future_is_refused_by_its_validator() -> None:
    step = _step(type="datetime", validators=["not_in_future"])
    with pytest.raises(AnswerError, match="future"):
        parse_answer(step, "today 18:00", CONTEXT)
    assert parse_answer(step, "today 12:00", CONTEXT) == "2026-07-01T11:00:00+00:00"


@pytest.mark.parametrize("text", ["Jane Smith", "Bobby", "J5"])
def test_initials_refuse_names(text: str) -> None:
    with pytest.raises(AnswerError, match="initials"):
        parse_answer(_step(type="initials"), text, CONTEXT)


def test_required_questions_need_an_answer_and_optional_ones_can_be_skipped() -> None:
    with pytest.raises(AnswerError, match="needs an answer"):
        parse_answer(_step(type="short_text"), "   ", CONTEXT)
    assert parse_answer(_step(type="short_text", required=False), "", CONTEXT) is None


def test_text_longer_than_its_limit_is_refused_with_the_count() -> None:
    with pytest.raises(AnswerError, match="under 10 characters"):
        parse_answer(_step(type="short_text", max_length=10), "x" * 11, CONTEXT)


def test_choices_accept_numbers_values_and_labels() -> None:
    step = _step(type="multi_choice", choices=[
        {"value": "red", "label": "Red"}, {"value": "blue", "label": "Blue sky"}])
    assert parse_answer(step, "blue sky, 1", CONTEXT) == ["red", "blue"]
    assert parse_answer(step, ["blue"], CONTEXT) == ["blue"]
    with pytest.raises(AnswerError, match="not one of the options"):
        parse_answer(step, "3", CONTEXT)


@pytest.mark.parametrize("typed", ["young person", "Young Person", "young_person",
                                   "Young person (13–17)", "  young   person "])
def test_an_option_may_be_typed_as_its_label_without_the_brackets(typed: str) -> None:
    step = _step(type="single_choice", choices=[
        {"value": "child", "label": "Child (under 13)"},
        {"value": "young_person", "label": "Young person (13–17)"}])
    assert parse_answer(step, typed, CONTEXT) == "young_person"


def test_a_word_that_is_only_part_of_a_label_is_still_refused() -> None:
    step = _step(type="single_choice", choices=[
        {"value": "young_person", "label": "Young person (13–17)"}])
    with pytest.raises(AnswerError, match="not one of the options"):
        parse_answer(step, "young", CONTEXT)


def test_staff_member_questions_offer_people_and_someone_not_listed() -> None:
    step = _step(type="staff_member")
    assert parse_answer(step, "1", CONTEXT) == "lead"
    assert parse_answer(step, "2", CONTEXT) == "not_listed"
    with pytest.raises(AnswerError):
        parse_answer(step, "9", CONTEXT)
