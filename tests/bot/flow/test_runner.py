"""The flow runner alone: steps, conditions, going back, reviewing and editing."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.flow.definition import FlowDefinition
from bot.flow.hooks import HookContext
from bot.flow.progress import FlowProgress
from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, FlowRunner, Keep, Submit
from bot.ui import Notice, Question, Summary

CONTEXT = HookContext(datetime(2026, 3, 14, 12, 0, tzinfo=UTC), ZoneInfo("Europe/London"),
                      staff=(("lead", "Sam Okafor (safeguarding lead)"),))


@pytest.fixture
def runner(flows: dict[str, FlowDefinition]) -> FlowRunner:
    return FlowRunner(flows["safeguarding_concern"],
                      lambda urgency, progress: ("safeguarding lead",))


def step(runner: FlowRunner, progress: FlowProgress, given: FlowInput):  # type: ignore[no-untyped-def]
    result = runner.handle(progress, given, CONTEXT)
    return result.progress, result.replies


def _question(replies: list) -> Question:  # type: ignore[type-arg]
    found = [r for r in replies if isinstance(r, Question)]
    assert found, replies
    return found[-1]


def test_starts_with_the_immediate_danger_question(runner: FlowRunner) -> None:
    result = runner.start(CONTEXT)
    question = _question(result.replies)
    assert question.step_id == "immediate_danger" and question.position == 1
    assert not question.can_go_back


def test_a_bad_answer_keeps_the_question_with_a_clear_error(runner: FlowRunner) -> None:
    progress = runner.start(CONTEXT).progress
    progress, replies = step(runner, progress, AnswerInput("perhaps"))
    question = _question(replies)
    assert question.step_id == "immediate_danger" and question.error == "Please answer yes or no."
    assert progress.answers == {}


def test_back_returns_to_the_previous_question_and_keep_moves_on(runner: FlowRunner) -> None:
    progress = runner.start(CONTEXT).progress
    progress, _ = step(runner, progress, AnswerInput("no"))
    progress, _ = step(runner, progress, AnswerInput("today 09:30"))
    progress, replies = step(runner, progress, Back())
    question = _question(replies)
    assert question.step_id == "occurred_at"
    assert question.current_display == "Sat 14 Mar 2026, 09:30"
    progress, replies = step(runner, progress, Keep())
    assert _question(replies).step_id == "platform"
    assert progress.answers["occurred_at"] == "2026-03-14T09:30:00+00:00"


def test_back_from_the_first_question_explains_itself(runner: FlowRunner) -> None:
    progress = runner.start(CONTEXT).progress
    _, replies = step(runner, progress, Back())
    assert isinstance(replies[0], Notice)
    assert _question(replies).step_id == "immediate_danger"


def _answer_all(runner: FlowRunner, answers: dict[str, str]) -> FlowProgress:
    progress = runner.start(CONTEXT).progress
    for _ in range(40):
        if progress.reviewing:
            return progress
        progress, replies = step(runner, progress, AnswerInput(answers[progress.current]))
        assert _question(replies).error is None if not progress.reviewing else True
    raise AssertionError("the flow did not reach its review")


ANSWERS = {
    "immediate_danger": "no", "occurred_at": "today 09:00", "platform": "zoom",
    "session_name": "Art group", "host_organisation": "no", "affected_initials": "ab, c.d.",
    "age_group": "child", "concern_type": "bullying, 3", "about_staff": "no",
    "what_happened": "Said things.", "reporter_view": "", "others_present": "",
    "action_taken": "Told the lead.", "who_told": "nobody_yet", "agencies_involved": "none",
    "anything_else": "",
}


def test_answers_are_normalised_and_urgency_follows_the_choices(runner: FlowRunner) -> None:
    progress = _answer_all(runner, ANSWERS)
    assert progress.answers["affected_initials"] == "AB, CD"
    assert progress.answers["concern_type"] == ["self_harm_or_suicidal_thoughts", "bullying"]
    assert runner.urgency(progress).value == "high"


def test_editing_from_the_review_asks_only_what_the_change_opens(runner: FlowRunner) -> None:
    progress = _answer_all(runner, ANSWERS)
    labels = [item.step_id for item in runner.summary(progress, CONTEXT).items]
    number = labels.index("host_organisation") + 1
    progress, replies = step(runner, progress, Edit(str(number)))
    assert _question(replies).step_id == "host_organisation"
    progress, replies = step(runner, progress, AnswerInput("yes"))
    assert _question(replies).step_id == "host_organisation_name"
    progress, replies = step(runner, progress, AnswerInput("Riverside Youth Trust"))
    assert any(isinstance(r, Notice) and r.title and "host" in r.title.lower() for r in replies)
    assert isinstance(replies[-1], Summary) and progress.reviewing
    progress, replies = step(runner, progress, Edit(str(number)))
    progress, replies = step(runner, progress, AnswerInput("no"))
    assert isinstance(replies[-1], Summary)
    assert "host_organisation_name" not in progress.answers


def test_submit_is_only_possible_from_the_review(runner: FlowRunner) -> None:
    progress = runner.start(CONTEXT).progress
    result = runner.handle(progress, Submit(), CONTEXT)
    assert result.outcome == "continue"
    done = _answer_all(runner, ANSWERS)
    assert runner.handle(done, Submit(), CONTEXT).outcome == "submit"


def test_the_review_says_who_will_see_the_report(runner: FlowRunner) -> None:
    progress = _answer_all(runner, ANSWERS)
    summary = runner.summary(progress, CONTEXT)
    assert summary.seen_by == ("safeguarding lead",)
    assert [i.step_id for i in summary.items][:2] == ["immediate_danger", "occurred_at"]


def test_progress_round_trips_through_json(runner: FlowRunner) -> None:
    progress = _answer_all(runner, ANSWERS)
    progress.context["message_link"] = "https://example.slack.com/archives/C1/p1"
    assert FlowProgress.from_json(progress.to_json()) == progress


def _at_step(runner: FlowRunner, step_id: str) -> FlowProgress:
    progress = runner.start(CONTEXT).progress
    while progress.current != step_id:
        progress, _ = step(runner, progress, AnswerInput(ANSWERS[progress.current]))
    return progress


def test_a_full_name_is_warned_about_once_and_can_be_kept(runner: FlowRunner) -> None:
    progress = _at_step(runner, "what_happened")
    text = "Jane Smith told me her dad hits her."
    progress, replies = step(runner, progress, AnswerInput(text))
    assert isinstance(replies[0], Notice) and "a full name" in replies[0].text
    assert _question(replies).step_id == "what_happened"
    progress, replies = step(runner, progress, AnswerInput(text))  # sent again: confirmed
    assert _question(replies).step_id != "what_happened"
    assert progress.answers["what_happened"] == text


def test_keep_confirms_a_warned_answer_and_a_rewrite_clears_it(runner: FlowRunner) -> None:
    progress = _at_step(runner, "action_taken")
    warned, replies = step(runner, progress, AnswerInput("Rang her mum on 07700 900123."))
    assert "a phone number" in replies[0].text  # type: ignore[union-attr]
    kept, replies = step(runner, FlowProgress.from_json(warned.to_json()), Keep())
    assert _question(replies).step_id == "who_told"
    assert kept.answers["action_taken"] == "Rang her mum on 07700 900123."
    progress, replies = step(runner, warned, AnswerInput("Rang her mum."))
    assert _question(replies).step_id == "who_told"
    assert progress.answers["action_taken"] == "Rang her mum."
