"""Staff wellbeing data: sealed at rest, in its own tables, never visible to safeguarding roles
by virtue of their role, and deleted after its own (shorter) retention period."""

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from bot import retention
from bot.checkins import scheduling, summary
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.models import AuditEvent, OutboxMessage, Report
from storage.wellbeing_models import Checkin
from tests.bot.checkins.helpers import answer_checkin, pump
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind

NOTE = "I shared this with MH only: Marigold-5512"
SAFEGUARDING_ROLES = ("lead", "deputy", "ceo")


async def _answered(runtime: Runtime, clock: ManualClock, transport: RecordingTransport) -> int:
    alex = scheduling.resolve_person(runtime, "alex")
    done = await scheduling.schedule(runtime, actor(runtime, "manager"), alex,
                                     clock.now() + timedelta(minutes=5), note="Osprey-9020")
    clock.advance(timedelta(minutes=5))
    await pump(runtime, transport)
    await answer_checkin(runtime, "alex", {"how_are_you": "1", "add_note": "yes", "note": NOTE,
                                           "share_note": "yes", "talk_to": "manager"})
    await pump(runtime, transport)
    return done.checkin_id


async def test_answers_and_notes_are_sealed_at_rest_in_their_own_table(
    runtime: Runtime, clock: ManualClock
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    checkin_id = await _answered(runtime, clock, RecordingTransport())
    async with runtime.database.sessions() as session:
        checkin = await session.get(Checkin, checkin_id)
        raw = " ".join(str(v) for row in (await session.execute(
            text("SELECT * FROM checkins"))).all() for v in row)
        reports = list((await session.execute(select(Report))).scalars())
        audit = list((await session.execute(select(AuditEvent))).scalars())
        outbox = list((await session.execute(select(OutboxMessage))).scalars())
    assert checkin is not None and checkin.answers_sealed and checkin.note_sealed
    assert "Marigold" not in raw and "Osprey" not in raw and '"1"' not in raw
    assert all(r.flow_id != "debrief_checkin" for r in reports), "no report is filed"
    assert not any("checkin" in event.action for event in audit)
    assert not any("Marigold" in str(m.payload) or "Osprey" in str(m.payload) for m in outbox)
    assert all(m.report_id is None for m in outbox if m.event.startswith("checkin"))


@pytest.mark.parametrize("who", SAFEGUARDING_ROLES)
async def test_safeguarding_roles_see_nothing_by_virtue_of_their_role(
    runtime: Runtime, clock: ManualClock, who: str
) -> None:
    checkin_id = await _answered(runtime, clock, RecordingTransport())
    assert await summary.view(runtime, actor(runtime, who), checkin_id) is None
    assert await summary.arranged(runtime, actor(runtime, who)) == []
    manager = await summary.view(runtime, actor(runtime, "manager"), checkin_id)
    assert manager is not None and manager.note == NOTE


async def test_the_deputy_lead_sees_check_ins_as_a_manager_only_for_their_own_staff(
    runtime: Runtime, clock: ManualClock
) -> None:
    alex_checkin = await _answered(runtime, clock, RecordingTransport())
    jo = scheduling.resolve_person(runtime, "jo")
    own = await scheduling.schedule(runtime, actor(runtime, "jo"), jo,
                                    clock.now() + timedelta(hours=1))
    deputy = actor(runtime, "deputy")  # jo's manager, and a deputy safeguarding lead
    assert [line.checkin_id for line in await summary.arranged(runtime, deputy)] == [
        own.checkin_id]
    assert await summary.view(runtime, deputy, alex_checkin) is None


async def test_check_ins_are_deleted_after_their_own_retention_period(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    old = await _answered(runtime, clock, transport)
    alex = scheduling.resolve_person(runtime, "alex")
    later = await scheduling.schedule(runtime, actor(runtime, "manager"), alex,
                                      clock.now() + timedelta(days=200))
    async with runtime.database.sessions() as session:
        before = len(list((await session.execute(select(OutboxMessage))).scalars()))
    clock.advance(timedelta(days=179))
    assert (await retention.run(runtime, clock.now())).checkins_erased == 0
    clock.advance(timedelta(days=2))
    assert (await retention.run(runtime, clock.now())).checkins_erased == 1
    async with runtime.database.sessions() as session:
        assert await session.get(Checkin, old) is None
        assert await session.get(Checkin, later.checkin_id) is not None, "still to come"
        rows = list((await session.execute(select(OutboxMessage))).scalars())
    assert not any(r.dedupe_key.startswith(f"c{old}:") for r in rows)
    assert len(rows) < before
