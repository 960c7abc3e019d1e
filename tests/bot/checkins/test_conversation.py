"""Answering a check-in: what managers see (flags at once; a note only if shared), stopping,
answering late, and answers left half-way when time runs out."""

from datetime import timedelta

from bot.checkins import conversation, scheduling, summary
from bot.checkins.messages import CheckinOutcomeMessage, CheckinTalkMessage
from bot.clock import ManualClock
from bot.flow.runner import AnswerInput, Back
from bot.runtime import Runtime
from bot.ui import Notice, Question
from tests.bot.checkins.helpers import answer_checkin, last_question, pump, received
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport

NOTE = "Still thinking about the group on Tuesday, Kestrel-4471"


async def _delivered(runtime: Runtime, clock: ManualClock, transport: RecordingTransport,
                     who: str = "manager", person: str = "alex") -> int:
    target = scheduling.resolve_person(runtime, person)
    done = await scheduling.schedule(runtime, actor(runtime, who), target,
                                     scheduling.when_from_text(runtime, target, "in 1 hour"),
                                     note="After Tuesday's group")
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    return done.checkin_id


async def test_a_good_answer_tells_the_manager_it_happened_and_nothing_more(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    replies = await answer_checkin(runtime, "alex")
    assert any(isinstance(r, Notice) and "Samaritans" in r.text for r in replies)
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == [
        CheckinOutcomeMessage(checkin_id, "AT", "completed")]
    seen = await summary.view(runtime, actor(runtime, "manager"), checkin_id)
    assert seen is not None and seen.note is None
    assert (seen.line.talk, seen.line.low_score, seen.line.state) == ("", False, "completed")


async def test_a_low_score_and_a_request_to_talk_reach_the_manager_at_once(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    await answer_checkin(runtime, "alex", {"how_are_you": "2", "talk_to": "manager",
                                           "add_note": "yes", "note": NOTE, "share_note": "no"})
    await pump(runtime, transport)
    outcome = received(transport, "manager", CheckinOutcomeMessage)
    assert outcome == [CheckinOutcomeMessage(checkin_id, "AT", "completed", talk="manager",
                                             low_score=True, note_shared=False)]
    assert outcome[0].needs_attention
    assert NOTE not in str(transport.sent), "answers never travel in messages"
    seen = await summary.view(runtime, actor(runtime, "manager"), checkin_id)
    assert seen is not None and seen.note is None, "not shared: the manager never sees it"


async def test_a_note_is_shown_to_the_manager_only_when_the_person_ticks_share(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    await answer_checkin(runtime, "alex", {"add_note": "yes", "note": NOTE, "share_note": "yes"})
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage)[0].note_shared
    assert NOTE not in str(transport.sent)
    seen = await summary.view(runtime, actor(runtime, "manager"), checkin_id)
    assert seen is not None and seen.note == NOTE
    assert await summary.view(runtime, actor(runtime, "alex"), checkin_id) is None


async def test_asking_for_someone_else_tells_the_wellbeing_lead_not_just_the_manager(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    await answer_checkin(runtime, "alex", {"talk_to": "someone_else"})
    await pump(runtime, transport)
    assert received(transport, "dpl", CheckinTalkMessage) == [
        CheckinTalkMessage(checkin_id, "alex", "AT", "someone_else")]
    assert received(transport, "manager", CheckinOutcomeMessage)[0].talk == "someone_else"
    assert received(transport, "lead", CheckinTalkMessage) == []


async def test_asking_for_the_manager_reaches_them_when_someone_else_arranged_it(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport, who="dpl")
    await answer_checkin(runtime, "alex", {"talk_to": "manager"})
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinTalkMessage) == [
        CheckinTalkMessage(checkin_id, "alex", "AT", "manager")]
    assert received(transport, "dpl", CheckinOutcomeMessage)[0].talk == "manager"


async def test_the_person_may_go_back_skip_and_stop_at_any_time(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    alex = actor(runtime, "alex")
    first = await conversation.begin(runtime, alex)
    assert isinstance(first[0], Notice) and "MH arranged" in first[0].text
    assert "After Tuesday's group" in first[0].text, "the arranger's note opens the check-in"
    question = last_question(first)
    assert question is not None and question.step_id == "how_are_you"
    assert not question.required
    skipped = await conversation.respond(runtime, alex, None, AnswerInput(""))
    assert (last_question(skipped) or question).step_id == "on_your_mind"
    back = await conversation.respond(runtime, alex, None, Back())
    assert (last_question(back) or question).step_id == "how_are_you"
    stopped = await conversation.decline(runtime, alex)
    assert isinstance(stopped[0], Notice) and "Nothing you answered was kept" in stopped[0].text
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == [
        CheckinOutcomeMessage(checkin_id, "AT", "declined")]
    again = await conversation.begin(runtime, alex)
    assert again == [conversation.NOTHING_OPEN]


async def test_only_the_person_can_answer_their_check_in(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    for who in ("manager", "lead", "jo"):
        assert await conversation.begin(runtime, actor(runtime, who), checkin_id) == [
            conversation.NOTHING_OPEN]


async def test_begun_but_unfinished_counts_what_was_given_when_time_runs_out(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    alex = actor(runtime, "alex")
    await conversation.begin(runtime, alex)
    await conversation.respond(runtime, alex, None, AnswerInput("1"))
    clock.advance(timedelta(days=2))
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == [
        CheckinOutcomeMessage(checkin_id, "AT", "completed", low_score=True)]


async def test_a_late_answer_after_no_response_still_counts(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _delivered(runtime, clock, transport)
    clock.advance(timedelta(days=2))
    await pump(runtime, transport)
    replies = await answer_checkin(runtime, "alex", {"talk_to": "manager"})
    assert not any(isinstance(r, Question) for r in replies)
    await pump(runtime, transport)
    outcomes = received(transport, "manager", CheckinOutcomeMessage)
    assert [(o.outcome, o.late, o.talk) for o in outcomes] == [
        ("no_response", False, ""), ("completed", True, "manager")]
    assert checkin_id == outcomes[-1].checkin_id
