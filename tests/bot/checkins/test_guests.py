"""Guests (Slack guests, Teams guest users, volunteers: platform users not in the config) are
offered a check-in on their receipt, can take it up, and are reached on their own platform;
the wellbeing role hears, sees and manages it as for staff; safeguarding roles never see it."""

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import retention
from bot.actors import Actor
from bot.checkins import conversation, offer, records, scheduling, summary
from bot.checkins.guests import guest_id
from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinNoticeMessage,
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
)
from bot.checkins.people import platform_person
from bot.checkins.scheduling import ScheduleError
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.models import OutboxMessage, Report
from storage.wellbeing_models import Checkin, CheckinGuest, CheckinOffer
from tests.bot.checkins.guest_helpers import (
    GUEST,
    GUEST_ID,
    GUEST_LABEL,
    TEAMS_GUEST,
    Platforms,
    first_checkin,
    pump,
    receipt_for,
    say_yes,
    slack_guest,
)
from tests.bot.checkins.helpers import answer_checkin, with_wellbeing
from tests.bot.driving import actor

SAFEGUARDING_ROLES = ("lead", "deputy", "ceo")


@pytest.fixture
def guests_runtime(runtime: Runtime) -> Runtime:
    return dataclasses.replace(runtime, platforms=("console", "slack", "teams"))


async def test_a_guests_receipt_offers_a_check_in_that_keeps_no_link_to_the_report(
    guests_runtime: Runtime,
) -> None:
    platforms = Platforms()
    receipt = await receipt_for(guests_runtime, platforms, slack_guest(guests_runtime))
    assert len(receipt.checkin_offer) >= 20
    async with guests_runtime.database.sessions() as session:
        stored = (await session.execute(select(CheckinOffer))).scalars().one()
        report = (await session.execute(select(Report))).scalars().one()
        guests = list((await session.execute(select(CheckinGuest))).scalars())
    assert (stored.token, stored.person_id, stored.answer) == (receipt.checkin_offer, GUEST_ID,
                                                               None)
    row = " ".join(str(getattr(stored, c.name)) for c in CheckinOffer.__table__.columns)
    assert report.reference not in row and GUEST not in row
    assert guests == [], "nothing is kept about the guest until they say yes"


async def test_the_guest_says_yes_and_the_wellbeing_role_is_told_without_report_content(
    guests_runtime: Runtime,
) -> None:
    platforms = Platforms()
    answer = await say_yes(guests_runtime, platforms)
    assert answer.status == "yes" and [p.id for p in answer.told] == ["dpl"]
    assert len(answer.follow_ups) == 3
    requested = platforms.got("slack", "U0DPL", CheckinRequestedMessage)
    assert [(m.person_id, m.person_initials) for m in requested] == [(GUEST_ID, GUEST_LABEL)]
    assert platforms.anywhere(CheckinRequestedMessage) == [
        ("console", "dpl"), ("slack", "U0DPL"), ("teams", "29:dpl")], "the manager is not told"
    async with guests_runtime.database.sessions() as session:
        report = (await session.execute(select(Report))).scalars().one()
        rows = list((await session.execute(select(OutboxMessage).where(
            OutboxMessage.event == "checkin_requested"))).scalars())
        guest = await session.get(CheckinGuest, GUEST_ID)
    assert rows and all(r.report_id is None for r in rows)
    assert not any(report.reference in str(r.payload) or "incident" in str(r.payload).lower()
                   for r in rows)
    assert guest is not None and (guest.platform, guest.user_id) == ("slack", GUEST)


async def test_the_follow_up_reaches_the_guest_on_their_platform_at_its_time(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    platforms = Platforms()
    await say_yes(guests_runtime, platforms)  # Sat 14 March 10:00; first follow-up 4h later
    clock.advance(timedelta(hours=3, minutes=59))
    await pump(guests_runtime, platforms)
    assert platforms.anywhere(CheckinDueMessage) == []
    clock.advance(timedelta(minutes=1))
    await pump(guests_runtime, platforms)
    assert platforms.anywhere(CheckinDueMessage) == [("slack", GUEST)]
    item = platforms.by_name["slack"].to(GUEST)[-1]
    assert item.recipient_person_id == GUEST_ID and item.destination_kind == "person"
    clock.advance(timedelta(days=1))
    await pump(guests_runtime, platforms)
    assert [m.reminder for m in platforms.got("slack", GUEST, CheckinDueMessage)] == [False,
                                                                                      True]


async def test_the_guests_answers_are_recorded_and_a_low_score_reaches_the_wellbeing_role(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    platforms = Platforms()
    await say_yes(guests_runtime, platforms)
    clock.advance(timedelta(hours=4))
    await pump(guests_runtime, platforms)
    guest = slack_guest(guests_runtime)
    closing = await answer_checkin(guests_runtime, guest, {"how_are_you": "1"})
    assert any("Thank you for checking in" in getattr(r, "text", "") for r in closing)
    await pump(guests_runtime, platforms)
    checkin = await first_checkin(guests_runtime)
    assert checkin.state == "completed" and checkin.person_id == GUEST_ID
    answers = records.open_sealed(guests_runtime.keys, checkin.id, records.ANSWERS,
                                  checkin.answers_sealed)
    assert answers["how_are_you"] == "1" and '"1"' not in str(checkin.answers_sealed)
    told = platforms.got("slack", "U0DPL", CheckinOutcomeMessage)
    assert [(m.checkin_id, m.person_initials, m.outcome, m.low_score) for m in told] == [
        (checkin.id, GUEST_LABEL, "completed", True)]
    seen = await summary.view(guests_runtime, actor(guests_runtime, "dpl"), checkin.id)
    assert seen is not None and seen.line.low_score and seen.line.person_initials == GUEST_LABEL


@pytest.mark.parametrize("who", SAFEGUARDING_ROLES)
async def test_a_safeguarding_role_cannot_see_or_manage_a_guests_check_in(
    guests_runtime: Runtime, clock: ManualClock, who: str
) -> None:
    platforms = Platforms()
    await say_yes(guests_runtime, platforms)
    clock.advance(timedelta(hours=4))
    await pump(guests_runtime, platforms)
    await answer_checkin(guests_runtime, slack_guest(guests_runtime), {"how_are_you": "1"})
    answered = await first_checkin(guests_runtime)
    upcoming = answered.id + 1  # the 3-day follow-up, still to come
    role = actor(guests_runtime, who)
    assert await summary.view(guests_runtime, role, answered.id) is None
    assert await summary.arranged(guests_runtime, role) == []
    for attempt in (scheduling.cancel(guests_runtime, role, upcoming),
                    scheduling.move(guests_runtime, role, upcoming, "monday 10:00")):
        with pytest.raises(ScheduleError, match=f"no check-in {upcoming} that you arranged"):
            await attempt
    wellbeing = actor(guests_runtime, "dpl")
    assert await summary.view(guests_runtime, wellbeing, answered.id) is not None
    await scheduling.cancel(guests_runtime, wellbeing, upcoming)
    async with guests_runtime.database.sessions() as session:
        cancelled = await session.get(Checkin, upcoming)
    assert cancelled is not None and cancelled.state == "cancelled"


async def test_another_guest_cannot_answer_the_offer_or_the_check_in(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    platforms = Platforms()
    guest = slack_guest(guests_runtime)
    receipt = await receipt_for(guests_runtime, platforms, guest)
    others = [slack_guest(guests_runtime, "U0OTHER"), Actor("teams", GUEST, None),
              actor(guests_runtime, "dpl")]
    for other in others:
        result = await offer.answer(guests_runtime, other, offer.YES, receipt.checkin_offer)
        assert result.status == "none"
    assert (await offer.answer(guests_runtime, guest, offer.YES, receipt.checkin_offer)
            ).status == "yes"
    clock.advance(timedelta(hours=4))
    await pump(guests_runtime, platforms)
    checkin = await first_checkin(guests_runtime)
    for other in others:
        assert await conversation.begin(guests_runtime, other, checkin.id) == [
            conversation.NOTHING_OPEN]
        assert await conversation.decline(guests_runtime, other, checkin.id) == [
            conversation.NOTHING_OPEN]
        assert await conversation.waiting(guests_runtime, other) is None
    assert (await first_checkin(guests_runtime)).state == "delivered"
    assert (await conversation.waiting(guests_runtime, guest)) is not None


async def test_the_wellbeing_lead_arranges_moves_and_cancels_a_guests_check_in(
    guests_runtime: Runtime,
) -> None:
    runtime = with_wellbeing(guests_runtime, follow_ups=[])
    platforms = Platforms()
    await say_yes(runtime, platforms)
    request = platforms.got("slack", "U0DPL", CheckinRequestedMessage)[0]
    person = scheduling.resolve_person(runtime, request.person_id)  # the one-click card
    with pytest.raises(ScheduleError, match="manager or the wellbeing lead"):
        await scheduling.schedule(runtime, actor(runtime, "manager"), person,
                                  scheduling.when_from_text(runtime, person, "tomorrow 16:00"))
    dpl = actor(runtime, "dpl")
    done = await scheduling.schedule(runtime, dpl, person,
                                     scheduling.when_from_text(runtime, person, "tomorrow 16:00"))
    await scheduling.move(runtime, dpl, done.checkin_id, "monday 10:00")
    lines = await summary.arranged(runtime, dpl)
    assert [(line.checkin_id, line.person_initials) for line in lines] == [
        (done.checkin_id, GUEST_LABEL)]
    await scheduling.cancel(runtime, dpl, done.checkin_id)
    await pump(runtime, platforms)
    notices = platforms.got("slack", GUEST, CheckinNoticeMessage)
    assert [(n.change, n.by_initials) for n in notices] == [
        ("scheduled", "PL"), ("moved", "PL"), ("cancelled", "PL")]
    assert platforms.anywhere(CheckinNoticeMessage) == [("slack", GUEST)] * 3


async def test_a_guest_nobody_has_reached_yet_cannot_be_arranged_for(runtime: Runtime) -> None:
    stranger = scheduling.resolve_person(runtime, guest_id("slack", "U0NEVER"))
    due = scheduling.when_from_text(runtime, stranger, "tomorrow 16:00")
    with pytest.raises(ScheduleError, match="cannot be reached yet"):
        await scheduling.schedule(runtime, actor(runtime, "dpl"), stranger, due)
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(Checkin))).first() is None


async def test_a_guest_may_arrange_their_own_and_the_wellbeing_role_follows_it(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    platforms = Platforms()
    guest = slack_guest(guests_runtime)
    me = scheduling.resolve_person(guests_runtime, "me", guest)
    done = await scheduling.schedule(guests_runtime, guest, me, clock.now() + timedelta(hours=1))
    checkin = await first_checkin(guests_runtime)
    assert (checkin.person_id, checkin.scheduled_by, checkin.watchers) == (GUEST_ID, GUEST_ID,
                                                                           ["dpl"])
    assert [line.checkin_id for line in await summary.own(guests_runtime, guest)] == [
        done.checkin_id]
    clock.advance(timedelta(hours=1))
    await pump(guests_runtime, platforms)
    assert platforms.anywhere(CheckinDueMessage) == [("slack", GUEST)]


async def test_a_teams_guest_with_a_long_user_id_is_reached_at_it(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    platforms = Platforms()
    guest = Actor("teams", TEAMS_GUEST, None)
    assert len(TEAMS_GUEST) > 64
    assert (await say_yes(guests_runtime, platforms, guest)).status == "yes"
    clock.advance(timedelta(hours=4))
    await pump(guests_runtime, platforms)
    assert platforms.anywhere(CheckinDueMessage) == [("teams", TEAMS_GUEST)]


async def test_retention_forgets_a_guest_once_nothing_of_theirs_remains(
    guests_runtime: Runtime, clock: ManualClock
) -> None:
    runtime = with_wellbeing(guests_runtime, follow_ups=["1h"])
    await say_yes(runtime, Platforms())
    await scheduling.cancel(runtime, actor(runtime, "dpl"), (await first_checkin(runtime)).id)
    clock.advance(timedelta(days=179))
    await retention.run(runtime, clock.now())
    async with runtime.database.sessions() as session:
        assert await session.get(CheckinGuest, GUEST_ID) is not None
    clock.advance(timedelta(days=2))
    await retention.run(runtime, clock.now())
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(CheckinOffer))).first() is None
        assert await session.get(CheckinGuest, GUEST_ID) is None


def test_guests_have_one_stable_identity_per_platform_user(runtime: Runtime) -> None:
    config = runtime.config
    picked = platform_person(config, "slack", GUEST)
    assert picked is not None and (picked.id, picked.initials, picked.roles) == (
        GUEST_ID, GUEST_LABEL, [])
    assert platform_person(config, "slack", GUEST) == picked
    assert platform_person(config, "teams", GUEST).id != GUEST_ID  # type: ignore[union-attr]
    assert platform_person(config, "slack", "U0ALEX").id == "alex"  # type: ignore[union-attr]
    assert platform_person(config, "slack", "") is None
    assert scheduling.resolve_person(runtime, GUEST_ID) == picked
    with pytest.raises(ScheduleError, match="not someone"):
        scheduling.resolve_person(runtime, "guest-nothex")
