"""Cancelling a report in progress: answers are never lost on one word, and cancelling the
full record of an alert discards only the draft (the alert stands, still incomplete)."""

import pytest

from bot import reporting
from bot.actors import Actor
from bot.cases.record import view_case
from bot.flow.runner import AnswerInput
from bot.quick.completion import start_completion
from bot.quick.reminders import COMPLETION_TIMER
from bot.runtime import Runtime
from bot.ui import Notice, Question, Reply
from tests.bot.cases.helpers import report_row
from tests.bot.driving import actor
from tests.bot.quick_helpers import conversation, outbox_rows, quick_alert, timer_rows
from tests.conftest import KNOWN_CODE
from tests.kinds import ReportKind

SG = ReportKind.SAFEGUARDING_CONCERN
ALERT = f"SG-2026-{KNOWN_CODE}"
"""An immediate-danger alert is filed as a quick alert, so it takes a code (bot.references)."""


async def _answer(runtime: Runtime, reporter: Actor, *answers: str) -> list[Reply]:
    replies: list[Reply] = []
    for answer in answers:
        replies = await reporting.respond(runtime, reporter, conversation(reporter),
                                          AnswerInput(answer))
    return replies


async def _cancel(runtime: Runtime, reporter: Actor, confirmed: bool = False) -> list[Reply]:
    return await reporting.cancel(runtime, reporter, conversation(reporter), confirmed)


def _notice(replies: list[Reply]) -> Notice:
    assert isinstance(replies[0], Notice), replies
    return replies[0]


async def _in_progress(runtime: Runtime, reporter: Actor) -> bool:
    return await reporting.current(runtime, conversation(reporter), "console") is not None


async def test_cancel_asks_first_when_answers_would_be_lost(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    await _answer(runtime, alex, "no", "yesterday 16:00", "zoom")
    asked = await _cancel(runtime, alex)
    assert _notice(asked).title == "Discard your answers?"
    assert "deletes the 3 answers" in _notice(asked).text and "cancel again" in _notice(asked).text
    assert isinstance(asked[-1], Question) and asked[-1].step_id == "session_name"
    assert await _in_progress(runtime, alex)

    carried_on = await _answer(runtime, alex, "Thursday art group")  # clears the question
    assert isinstance(carried_on[-1], Question)
    assert _notice(await _cancel(runtime, alex)).title == "Discard your answers?"
    gone = await _cancel(runtime, alex)
    assert "discarded; nothing was sent" in _notice(gone).text
    assert not await _in_progress(runtime, alex)
    assert await outbox_rows(runtime) == []


async def test_nothing_to_lose_or_already_confirmed_discards_at_once(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    assert "discarded" in _notice(await _cancel(runtime, alex)).text
    await reporting.start(runtime, alex, conversation(alex), SG)
    await _answer(runtime, alex, "no")
    assert "discarded" in _notice(await _cancel(runtime, alex, confirmed=True)).text
    assert not await _in_progress(runtime, alex)
    assert "no report in progress" in _notice(await _cancel(runtime, alex)).text


async def test_cancelling_a_completion_discards_only_the_draft(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    await start_completion(runtime, alex, conversation(alex), receipt.reference)
    await _answer(runtime, alex, "no", "yesterday 16:00")
    asked = _notice(await _cancel(runtime, alex))
    assert f"Discard the draft of the full record for {receipt.reference} (2 answers)" in (
        asked.text)
    gone = _notice(await _cancel(runtime, alex)).text
    assert "Your report was discarded" not in gone
    assert f"The draft of the full record was discarded. {receipt.reference} still stands" in (
        gone)
    assert "still incomplete" in gone and "Complete the record" in gone
    view = await view_case(runtime, actor(runtime, "lead"), receipt.reference)
    assert view is not None and view.incomplete
    assert {t.status for t in await timer_rows(runtime, COMPLETION_TIMER)} == {"pending"}


@pytest.mark.usefixtures("known_code")
async def test_cancelling_after_an_immediate_alert_keeps_the_alert(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    await _answer(runtime, alex, "yes")
    alert = await report_row(runtime, ALERT)
    # only the danger answer so far, and it was sent with the alert: nothing to lose
    gone = _notice(await _cancel(runtime, alex)).text
    assert f"{ALERT} still stands" in gone and "still incomplete" in gone
    assert not await _in_progress(runtime, alex)
    assert (await report_row(runtime, ALERT)).version == alert.version
    assert len([r for r in await outbox_rows(runtime, "alert")]) >= 2

    replies = await start_completion(runtime, alex, conversation(alex), ALERT)
    assert any(isinstance(r, Question) for r in replies), "it can still be completed"


@pytest.mark.usefixtures("known_code")
async def test_the_danger_answer_that_sent_the_alert_is_not_counted_as_lost(
    runtime: Runtime,
) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    await _answer(runtime, alex, "yes", "yesterday 16:00")
    asked = _notice(await _cancel(runtime, alex)).text
    assert f"Discard the draft of the full record for {ALERT} (1 answer)?" in asked
    assert f"{ALERT} itself stays as sent" in asked
    assert f"{ALERT} still stands" in _notice(await _cancel(runtime, alex)).text
