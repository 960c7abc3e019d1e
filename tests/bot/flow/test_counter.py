"""The question counter only ever counts down: "Question N of M" never grows mid-report, and the
last question reads M of M."""

import pytest

from bot import reporting
from bot.flow.runner import AnswerInput
from bot.runtime import Runtime
from bot.ui import Question
from tests.bot.driving import actor, last_question
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

MAX_STEPS = 40


async def _questions(runtime: Runtime, kind: ReportKind, answers: dict[str, str]
                     ) -> list[Question]:
    alex = actor(runtime, "alex")
    replies = await reporting.start(runtime, alex, "c", kind)
    seen: list[Question] = []
    for _ in range(MAX_STEPS):
        question = last_question(replies)
        if question is None:
            return seen
        assert question.error is None, question.error
        seen.append(question)
        replies = await reporting.respond(runtime, alex, "c",
                                          AnswerInput(answers[question.step_id]))
    raise AssertionError("the flow never reached its review")


@pytest.mark.parametrize("kind", list(ReportKind))
@pytest.mark.parametrize("about_staff", ["no", "yes"])
async def test_the_total_never_grows_and_ends_at_the_last_question(
    runtime: Runtime, kind: ReportKind, about_staff: str,
) -> None:
    answers = {**ANSWERS[kind]}
    if "about_staff" in answers:
        answers |= {"about_staff": about_staff, "about_staff_person": "lead"}
    questions = await _questions(runtime, kind, answers)
    totals = [q.total for q in questions]
    assert totals == sorted(totals, reverse=True)
    assert [q.position for q in questions] == list(range(1, len(questions) + 1))
    assert questions[-1].position == questions[-1].total
    assert all(q.counter == f"Question {q.position} of {q.total}" for q in questions)


def test_a_flow_of_one_question_shows_no_counter() -> None:
    question = Question(flow_title="Report", step_id="kind", prompt="What?",
                        field_type="single_choice", required=True, position=1, total=1)
    assert question.counter == ""
