"""A reporter's check-ins never reach the person their open report is about: the request on
the receipt, who follows their check-ins, a request to talk and how a check-in went all go to
the wellbeing role instead (here: someone reports their own manager)."""

from datetime import timedelta

from sqlalchemy import select

from bot.checkins import offer, scheduling
from bot.checkins.messages import (
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
    CheckinTalkMessage,
)
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.wellbeing_models import Checkin
from tests.bot.checkins.helpers import answer_checkin, pump, received
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind

ABOUT_MANAGER = {"about_staff": "yes", "about_staff_person": "manager"}


async def _watchers(runtime: Runtime) -> list[tuple[str, list[str]]]:
    async with runtime.database.sessions() as session:
        made = (await session.execute(select(Checkin).order_by(Checkin.id))).scalars()
        return [(c.scheduled_by, list(c.watchers)) for c in made]


async def test_yes_after_reporting_ones_manager_tells_the_wellbeing_lead(
    runtime: Runtime,
) -> None:
    transport = RecordingTransport()
    alex = actor(runtime, "alex")
    await file_report(runtime, alex, ReportKind.SAFEGUARDING_CONCERN, ABOUT_MANAGER)
    answer = await offer.answer(runtime, alex, offer.YES)
    assert answer.status == "yes" and [p.id for p in answer.told] == ["dpl"]
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinRequestedMessage) == []
    assert [m.person_id for m in received(transport, "dpl", CheckinRequestedMessage)] == ["alex"]
    assert await _watchers(runtime) == [("alex", ["dpl"])] * 3, "the manager follows none"


async def test_a_check_in_followed_by_the_manager_before_the_report_tells_them_nothing_after(
    runtime: Runtime, clock: ManualClock,
) -> None:
    transport = RecordingTransport()
    alex = actor(runtime, "alex")
    person = runtime.config.person("alex")
    assert person is not None
    made = await scheduling.schedule(runtime, alex, person, clock.now() + timedelta(hours=1))
    assert await _watchers(runtime) == [("alex", ["manager"])]
    await file_report(runtime, alex, ReportKind.SAFEGUARDING_CONCERN, ABOUT_MANAGER)
    await pump(runtime, transport)
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    replies = await answer_checkin(runtime, alex, {"how_are_you": "1", "talk_to": "manager"},
                                   made.checkin_id)
    await pump(runtime, transport)
    for kind in (CheckinOutcomeMessage, CheckinTalkMessage, CheckinRequestedMessage):
        assert received(transport, "manager", kind) == [], kind
    assert received(transport, "dpl", CheckinOutcomeMessage), "the wellbeing lead hears"
    thanks = " ".join(getattr(r, "text", "") for r in replies)
    assert "PL has been asked to get in touch" in thanks and "MH" not in thanks
