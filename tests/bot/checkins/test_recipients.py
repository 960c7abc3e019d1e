"""Exactly who is sent each check-in message (request, notices, due and reminder, outcomes,
a request to talk), and that nobody holding a safeguarding role ever receives one about a
person they do not manage: the wellbeing side stays apart from safeguarding."""

from datetime import timedelta

import pytest

from bot.checkins import conversation, offer, scheduling
from bot.clock import ManualClock
from bot.runtime import Runtime
from tests.bot.checkins.helpers import answer_checkin, pump
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.bot.recipients import Sent, safeguarding_people
from tests.kinds import ReportKind


async def _due(runtime: Runtime, clock: ManualClock, after: timedelta) -> None:
    """Time passes; timers fire and what they queue is delivered (delivery is watched)."""
    clock.advance(after)
    await pump(runtime, RecordingTransport())


async def _arranged(runtime: Runtime, clock: ManualClock, sent: Sent) -> int:
    """A check-in the manager arranges for alex, delivered; returns its id."""
    alex = scheduling.resolve_person(runtime, "alex")
    done = await scheduling.schedule(runtime, actor(runtime, "manager"), alex,
                                     clock.now() + timedelta(minutes=5))
    assert await sent.new() == [("checkin_notice", "alex")]
    await _due(runtime, clock, timedelta(minutes=5))
    assert await sent.new() == [("checkin_due", "alex")]
    return done.checkin_id


async def test_arranging_moving_and_cancelling_tell_only_the_person(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent, manager = Sent(runtime), actor(runtime, "manager")
    alex = scheduling.resolve_person(runtime, "alex")
    done = await scheduling.schedule(runtime, manager, alex, clock.now() + timedelta(hours=1))
    await scheduling.move(runtime, manager, done.checkin_id, clock.now() + timedelta(hours=2))
    await scheduling.cancel(runtime, manager, done.checkin_id)
    assert await sent.new() == [("checkin_notice", "alex")] * 3
    await _due(runtime, clock, timedelta(hours=3))
    assert await sent.new() == []


@pytest.mark.parametrize(("answers", "expected"), [
    ({"talk_to": "no_thanks"}, [("checkin_outcome", "manager")]),
    ({"how_are_you": "1"}, [("checkin_outcome", "manager")]),
    ({"talk_to": "manager"}, [("checkin_outcome", "manager")]),
    ({"talk_to": "someone_else"}, [("checkin_outcome", "manager"), ("checkin_talk", "dpl")]),
])
async def test_an_answered_check_in_tells_whoever_arranged_it_and_whoever_was_asked_for(
    runtime: Runtime, clock: ManualClock, answers: dict[str, str],
    expected: list[tuple[str, str]]
) -> None:
    sent = Sent(runtime)
    checkin = await _arranged(runtime, clock, sent)
    await answer_checkin(runtime, "alex", answers, checkin)
    assert await sent.new() == expected


async def test_a_declined_check_in_tells_only_whoever_arranged_it(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    checkin = await _arranged(runtime, clock, sent)
    await conversation.decline(runtime, actor(runtime, "alex"), checkin)
    assert await sent.new() == [("checkin_outcome", "manager")]


async def test_no_answer_brings_one_reminder_then_no_response_to_whoever_arranged_it(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    await _arranged(runtime, clock, sent)
    for _ in range(20):
        await _due(runtime, clock, timedelta(hours=12))
    assert await sent.new() == [("checkin_due", "alex"), ("checkin_outcome", "manager")]


@pytest.mark.parametrize(("who", "manager"), [("alex", "manager"), ("jo", "deputy")])
async def test_yes_to_the_offer_tells_the_persons_manager(
    runtime: Runtime, who: str, manager: str
) -> None:
    await file_report(runtime, actor(runtime, who), ReportKind.OPERATIONAL_INCIDENT)
    sent = Sent(runtime)
    await sent.new()
    assert (await offer.answer(runtime, actor(runtime, who), "yes")).status == "yes"
    assert await sent.new() == [("checkin_requested", manager)]


async def test_no_safeguarding_role_receives_anything_from_a_whole_check_in_life(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    for answers in ({"how_are_you": "1", "talk_to": "someone_else", "add_note": "yes",
                     "note": "Kept between us", "share_note": "yes"}, {"talk_to": "manager"}):
        checkin = await _arranged(runtime, clock, sent)
        await answer_checkin(runtime, "alex", answers, checkin)
        await sent.new()
    checkin = await _arranged(runtime, clock, sent)
    await conversation.decline(runtime, actor(runtime, "alex"), checkin)
    await sent.new()
    await _arranged(runtime, clock, sent)
    for _ in range(8):
        await _due(runtime, clock, timedelta(hours=12))
    everything = await sent.all()
    assert {event for event, _ in everything} == {
        "checkin_notice", "checkin_due", "checkin_outcome", "checkin_talk"}
    safeguarding = safeguarding_people(runtime.config)
    assert safeguarding == {"lead", "deputy", "ceo"}
    assert [pair for pair in everything if pair[1] in safeguarding] == []
