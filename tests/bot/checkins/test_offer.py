"""The offer on every report receipt: yes tells the manager (else the wellbeing role) and
schedules the default follow-ups inside working hours; not now is fine; only once."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.checkins import offer
from bot.checkins.messages import CheckinDueMessage, CheckinRequestedMessage
from bot.clock import ManualClock
from bot.notifications import ReceiptMessage
from bot.runtime import Runtime
from storage.wellbeing_models import Checkin, CheckinOffer
from tests.bot.checkins.helpers import pump, received, with_wellbeing
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind

LONDON = ZoneInfo("Europe/London")


async def _receipt(runtime: Runtime, transport: RecordingTransport, who: str,
                   practice: bool = False) -> ReceiptMessage:
    await file_report(runtime, actor(runtime, who), ReportKind.OPERATIONAL_INCIDENT,
                      practice=practice)
    await pump(runtime, transport)
    receipts = received(transport, who, ReceiptMessage)
    assert len(receipts) == 1
    return receipts[0]


async def test_every_real_receipt_offers_a_check_in(runtime: Runtime) -> None:
    transport = RecordingTransport()
    receipt = await _receipt(runtime, transport, "alex")
    assert len(receipt.checkin_offer) >= 20
    async with runtime.database.sessions() as session:
        stored = (await session.execute(select(CheckinOffer))).scalars().one()
    assert stored.token == receipt.checkin_offer and stored.person_id == "alex"
    assert stored.answer is None


async def test_practice_reports_get_no_offer(runtime: Runtime) -> None:
    transport = RecordingTransport()
    practice = await _receipt(runtime, transport, "jo", practice=True)
    assert practice.checkin_offer == ""
    guest = await _receipt(runtime, transport, "U-guest", practice=True)
    assert guest.checkin_offer == ""
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(CheckinOffer))).first() is None


async def test_yes_tells_the_manager_and_schedules_follow_ups_in_working_hours(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    receipt = await _receipt(runtime, transport, "alex")  # Sat 14 March, 10:00 London
    answer = await offer.answer(runtime, actor(runtime, "alex"), "yes", receipt.checkin_offer)
    assert answer.status == "yes" and [p.id for p in answer.told] == ["manager"]
    expected = [datetime(2026, 3, 14, 14, 0, tzinfo=UTC),   # 4h later, in working hours
                datetime(2026, 3, 17, 10, 0, tzinfo=UTC),   # 3 days
                datetime(2026, 4, 13, 9, 0, tzinfo=UTC)]    # 30 days: 10:00 BST = 09:00 UTC
    assert list(answer.follow_ups) == expected
    await pump(runtime, transport)
    requested = received(transport, "manager", CheckinRequestedMessage)
    assert requested == [CheckinRequestedMessage("alex", "AT", tuple(m.isoformat()
                                                                     for m in expected),
                                                 "Europe/London")]
    async with runtime.database.sessions() as session:
        made = list((await session.execute(select(Checkin).order_by(Checkin.id))).scalars())
    assert [(c.origin, c.scheduled_by, c.watchers) for c in made] == [
        ("follow_up", "alex", ["manager"])] * 3
    clock.advance(timedelta(hours=4))
    await pump(runtime, transport)
    assert len(received(transport, "alex", CheckinDueMessage)) == 1


async def test_a_follow_up_that_would_fall_at_night_waits_for_the_morning() -> None:
    evening = datetime(2026, 3, 14, 20, 30, tzinfo=UTC)
    early = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
    hours = (time(9, 0), time(18, 0))
    assert offer.within_hours(evening, LONDON, *hours) == datetime(2026, 3, 15, 9, 0,
                                                                   tzinfo=LONDON)
    assert offer.within_hours(early, LONDON, *hours) == datetime(2026, 3, 14, 9, 0,
                                                                 tzinfo=LONDON)
    midday = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    assert offer.within_hours(midday, LONDON, *hours) == midday


async def test_not_now_tells_nobody_and_each_offer_is_answered_once(runtime: Runtime) -> None:
    transport = RecordingTransport()
    receipt = await _receipt(runtime, transport, "alex")
    alex = actor(runtime, "alex")
    assert (await offer.answer(runtime, alex, "not_now", receipt.checkin_offer)).status == \
        "not_now"
    again = await offer.answer(runtime, alex, "yes", receipt.checkin_offer)
    assert (again.status, again.answer) == ("already", "not_now")
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinRequestedMessage) == []
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(Checkin))).first() is None


async def test_someone_else_cannot_answer_an_offer(runtime: Runtime) -> None:
    transport = RecordingTransport()
    receipt = await _receipt(runtime, transport, "alex")
    for who in ("manager", "lead", "jo"):
        result = await offer.answer(runtime, actor(runtime, who), "yes", receipt.checkin_offer)
        assert result.status == "none"
    assert (await offer.answer(runtime, actor(runtime, "alex"), "yes")).status == "yes"


async def test_without_a_manager_the_wellbeing_role_is_asked(runtime: Runtime) -> None:
    runtime = with_wellbeing(runtime, follow_ups=[])
    transport = RecordingTransport()
    await _receipt(runtime, transport, "lead")  # the lead has no manager
    answer = await offer.answer(runtime, actor(runtime, "lead"), "yes")
    assert [p.id for p in answer.told] == ["dpl"] and answer.follow_ups == ()
    await pump(runtime, transport)
    assert [m.person_id for m in received(transport, "dpl", CheckinRequestedMessage)] == ["lead"]
