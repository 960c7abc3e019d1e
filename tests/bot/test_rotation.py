"""Key rotation: every sealed and signed value, in every table, moves to the new key; the old
key can then go and everything still opens, the chains still verify."""

import re
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import String, Text, func, select

from bot import reporting
from bot.acknowledgement import acknowledge
from bot.audit_chain import verify_all
from bot.cases import actions
from bot.checkins import conversation, scheduling, summary
from bot.clock import ManualClock
from bot.crypto import KeyRing, new_key_entry, parse_key_ring
from bot.details import view_details
from bot.flow.runner import AnswerInput, Repeat
from bot.keyed_columns import KEYED
from bot.rotation import rotate_keys
from bot.runtime import Runtime
from storage.models import Base
from tests.bot.checkins.helpers import answer_checkin, pump
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind
from tests.scripts import PLANTED

NOTE = "Heron-Quill-5521"


async def _checkin(runtime: Runtime, clock: ManualClock, who: str, person: str) -> int:
    target = scheduling.resolve_person(runtime, person, actor(runtime, who))
    done = await scheduling.schedule(runtime, actor(runtime, who), target,
                                     scheduling.when_from_text(runtime, target, "in 1 hour"),
                                     note=NOTE)
    clock.advance(timedelta(hours=1))
    await pump(runtime, RecordingTransport())
    return done.checkin_id


async def every_keyed_value(runtime: Runtime, clock: ManualClock) -> str:
    """A report, a draft, a case note, check-ins finished and half-way: something in every
    sealed and signed column."""
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await reporting.start(runtime, actor(runtime, "jo"), "c-jo", ReportKind.OPERATIONAL_INCIDENT)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    assert (await actions.add_note(runtime, actor(runtime, "lead"), receipt.reference,
                                   NOTE)).done
    await _checkin(runtime, clock, "manager", "alex")
    await answer_checkin(runtime, "alex", {"add_note": "yes", "note": NOTE,
                                           "share_note": "yes"})
    await _checkin(runtime, clock, "jo", "jo")
    await conversation.begin(runtime, actor(runtime, "jo"), None)
    await conversation.respond(runtime, actor(runtime, "jo"), None, AnswerInput("4"))
    async with runtime.database.sessions() as session:
        for keyed in KEYED:
            count = (await session.execute(select(func.count()).select_from(
                keyed.rows().subquery()))).scalar_one()
            assert count, f"nothing in {keyed.name}: extend this journey to fill it"
    return receipt.reference


async def values_under(runtime: Runtime, key_id: str) -> list[str]:
    """Every text value in every table that was sealed or signed with `key_id` (whatever the
    column is called, so a sealed column missing from bot.keyed_columns shows here too)."""
    pattern = re.compile(rf"^[vm]1\.{key_id}\.")
    found = []
    async with runtime.database.sessions() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, String | Text):
                    continue
                values = (await session.execute(select(column).where(column.is_not(None))))
                found += [f"{table.name}.{column.name}" for (value,) in values
                          if pattern.match(str(value))]
    return found


async def test_rotation_covers_every_table_and_the_old_key_can_go(
    runtime: Runtime, clock: ManualClock
) -> None:
    reference = await every_keyed_value(runtime, clock)
    old_id = runtime.keys.current
    new = parse_key_ring(new_key_entry("n1"))
    both = KeyRing("n1", {**new.keys, **runtime.keys.keys})
    first = await rotate_keys(runtime.database, both)
    again = await rotate_keys(runtime.database, both)
    assert all(first.renewed[keyed.name] for keyed in KEYED), first.renewed
    assert first.renewed["checkins.answers_sealed"] == 1
    assert first.renewed["checkins.progress_sealed"] == 1
    assert first.renewed["checkins.note_sealed"] == 2
    assert again.total() == 0 and not first.failed and not again.failed
    assert await values_under(runtime, old_id) == []

    only_new = replace(runtime, keys=new)
    details = await view_details(only_new, actor(only_new, "lead"), reference)
    assert details is not None and any(PLANTED in item.value for item in details.items)
    assert await reporting.respond(only_new, actor(only_new, "jo"), "c-jo", Repeat())
    listed = await summary.arranged(only_new, actor(only_new, "manager"))  # /debrief list
    assert len(listed) == 1
    seen = await summary.view(only_new, actor(only_new, "manager"), listed[0].checkin_id)
    assert seen is not None and seen.note == NOTE
    assert all(result.ok for result in await verify_all(only_new.database, new))


async def test_a_rewritten_audit_entry_is_not_signed_anew_by_rotation(
    runtime: Runtime,
) -> None:
    from sqlalchemy import update

    from storage.models import AuditEvent

    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    async with runtime.database.transaction() as session:
        first_id = (await session.execute(select(func.min(AuditEvent.id)))).scalar_one()
        await session.execute(update(AuditEvent).where(AuditEvent.id == first_id)
                              .values(mac=runtime.keys.sign_chain("0" * 64)))
    both = KeyRing("n1", {**parse_key_ring(new_key_entry("n1")).keys, **runtime.keys.keys})
    rotated = await rotate_keys(runtime.database, both)
    assert rotated.failed == {"audit_events.mac": [first_id]}
    assert (await rotate_keys(runtime.database, both)).failed == {"audit_events.mac": [first_id]}
    result = (await verify_all(runtime.database, both))[0]
    assert result.broken_at == first_id and "signature" in result.reason
