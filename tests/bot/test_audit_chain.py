"""The audit trail and the case record are tamper-evident: a changed, removed or rewritten
entry breaks the signed chain, and removing the newest entries (or all) shows against the head
kept apart from the table, and against a head exported earlier."""

import asyncio
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, func, select, update

from bot.acknowledgement import acknowledge
from bot.audit_chain import ExportedHead, HeadFormatError, verify_all, verify_chain
from bot.auditing import record
from bot.cases import actions
from bot.details import view_details
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.engine import open_database
from storage.models import AuditEvent, ChainHead
from storage.repositories.audit import GENESIS, entry_hash
from storage.repositories.chain import AUDIT, CASE_ENTRIES
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind


async def _some_history(runtime: Runtime) -> list[int]:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await view_details(runtime, actor(runtime, "jo"), receipt.reference)  # refused, recorded
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    return await _ids(runtime, AuditEvent)


async def _ids(runtime: Runtime, model: type[AuditEvent] | type[CaseEntry]) -> list[int]:
    async with runtime.database.sessions() as session:
        return list((await session.execute(select(model.id).order_by(model.id))).scalars())


async def _delete(runtime: Runtime, model: type[AuditEvent] | type[CaseEntry],
                  ids: list[int]) -> None:
    async with runtime.database.transaction() as session:
        await session.execute(delete(model).where(model.id.in_(ids)))


async def _many_entries(runtime: Runtime, count: int) -> list[int]:
    async with runtime.database.transaction() as session:
        for number in range(count):
            await record(session, runtime.clock.now(), "report_viewed",
                         actor(runtime, "lead"), None, number=number)
    return await _ids(runtime, AuditEvent)


async def test_an_untouched_trail_verifies(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    result = await verify_chain(runtime.database)
    assert result.ok and result.entries == len(ids) == 4
    assert result.head is not None and result.head.count == 4
    assert result.summary().startswith("Audit trail intact: 4 entries, every link holds")


async def test_a_hand_edited_entry_is_found(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    async with runtime.database.transaction() as session:
        await session.execute(update(AuditEvent).where(AuditEvent.id == ids[2])
                              .values(actor_person_id="deputy"))
    result = await verify_chain(runtime.database)
    assert result.broken_at == ids[2] and "changed" in result.reason


async def test_a_deleted_entry_is_found(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    await _delete(runtime, AuditEvent, [ids[1]])
    result = await verify_chain(runtime.database)
    assert result.broken_at == ids[2] and "removed" in result.reason


@pytest.mark.parametrize("removed", [1, 25, "all"])
async def test_removing_the_newest_entries_or_all_is_found(runtime: Runtime,
                                                           removed: int | str) -> None:
    ids = await _many_entries(runtime, 30)
    gone = ids if removed == "all" else ids[-int(removed):]
    await _delete(runtime, AuditEvent, gone)
    result = await verify_chain(runtime.database)
    assert not result.ok and result.missing_after
    kept = ids[:len(ids) - len(gone)]
    assert result.broken_at == (kept[-1] if kept else 0)
    assert f"the {len(gone)} newest entries are missing" in result.reason
    assert f"up to entry {ids[-1]}" in result.reason
    expected_where = f"after entry {kept[-1]}" if kept else "from the start"
    assert result.summary().startswith(f"Audit trail BROKEN {expected_where}")


async def test_an_entry_added_after_a_removal_does_not_heal_the_gap(runtime: Runtime) -> None:
    ids = await _many_entries(runtime, 3)
    await _delete(runtime, AuditEvent, [ids[-1]])
    await _many_entries(runtime, 1)
    result = await verify_chain(runtime.database)
    assert result.broken_at == (await _ids(runtime, AuditEvent))[-1]
    assert "removed" in result.reason


async def test_a_rewrite_with_every_hash_recomputed_is_found(runtime: Runtime) -> None:
    """The attack with only the database: change an entry, then recompute every hash after it
    with the project's own entry_hash (no key, so the signatures cannot follow)."""
    ids = await _some_history(runtime)
    async with runtime.database.transaction() as session:
        events = list((await session.execute(select(AuditEvent).order_by(AuditEvent.id))
                       ).scalars())
        refused = next(e for e in events if e.action == "view_refused")
        refused.action, refused.actor_person_id = "report_viewed", "deputy"
        previous = GENESIS
        for event in events:
            event.prev_hash = previous
            event.hash = previous = entry_hash(previous, event)
        await session.execute(update(ChainHead).where(ChainHead.name == AUDIT)
                              .values(last_hash=previous))
    result = await verify_chain(runtime.database)
    assert result.broken_at == refused.id and "signature does not match" in result.reason
    assert refused.id in ids


async def test_a_changed_or_missing_head_is_found(runtime: Runtime) -> None:
    await _some_history(runtime)
    async with runtime.database.transaction() as session:
        await session.execute(update(ChainHead).where(ChainHead.name == AUDIT)
                              .values(count=ChainHead.count - 1))
    changed = await verify_chain(runtime.database)
    assert "head record is not genuine" in changed.reason
    async with runtime.database.transaction() as session:
        await session.execute(delete(ChainHead).where(ChainHead.name == AUDIT))
    missing = await verify_chain(runtime.database)
    assert "head record is missing" in missing.reason
    assert missing.summary() == "Audit trail BROKEN: its head record is missing."


async def test_a_deleted_case_entry_is_found(runtime: Runtime) -> None:
    reference = (await file_report(runtime, actor(runtime, "alex"),
                                   ReportKind.SAFEGUARDING_CONCERN)).reference
    await acknowledge(runtime, actor(runtime, "lead"), reference)
    for text in ("first", "second", "third"):
        assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, text)).done
    assert all(result.ok for result in await verify_all(runtime.database))
    ids = await _ids(runtime, CaseEntry)
    await _delete(runtime, CaseEntry, [ids[1]])
    middle = await verify_chain(runtime.database, name=CASE_ENTRIES)
    assert middle.broken_at == ids[2] and "removed" in middle.reason
    await _delete(runtime, CaseEntry, [ids[2]])
    last = await verify_chain(runtime.database, name=CASE_ENTRIES)
    assert last.missing_after and last.broken_at == ids[0]
    assert last.summary().startswith(f"Case record BROKEN after entry {ids[0]}")


async def test_a_changed_case_entry_is_found(runtime: Runtime) -> None:
    reference = (await file_report(runtime, actor(runtime, "alex"),
                                   ReportKind.SAFEGUARDING_CONCERN)).reference
    await acknowledge(runtime, actor(runtime, "lead"), reference)
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, "a note")).done
    async with runtime.database.transaction() as session:
        await session.execute(update(CaseEntry).values(by_person_id="deputy"))
    result = await verify_chain(runtime.database, name=CASE_ENTRIES)
    assert result.broken_at == (await _ids(runtime, CaseEntry))[0]
    assert "changed" in result.reason


async def test_an_exported_head_shows_a_rollback_the_database_cannot(runtime: Runtime) -> None:
    """A head copied out (log line, monitoring) catches the database rolled back to an older
    copy of itself, head row included, which looks whole from inside."""
    await _many_entries(runtime, 5)
    older = (await verify_chain(runtime.database)).head
    async with runtime.database.sessions() as session:
        saved = (await session.execute(select(ChainHead).where(ChainHead.name == AUDIT))
                 ).scalar_one()
        saved_values = SimpleNamespace(count=saved.count, last_id=saved.last_id,
                                       last_hash=saved.last_hash, mac=saved.mac)
    ids = await _many_entries(runtime, 3)
    newer = (await verify_chain(runtime.database)).head
    assert older is not None and newer is not None
    assert (await verify_chain(runtime.database, expected=older)).ok
    assert (await verify_chain(runtime.database, expected=newer)).ok
    await _delete(runtime, AuditEvent, ids[-3:])
    async with runtime.database.transaction() as session:  # the old head row "restored"
        await session.execute(update(ChainHead).where(ChainHead.name == AUDIT)
                              .values(vars(saved_values)))
    assert (await verify_chain(runtime.database)).ok, "looks whole from inside"
    result = await verify_chain(runtime.database, expected=newer)
    assert not result.ok and result.missing_after and "rolled back" in result.reason
    rewritten = ExportedHead(older.count, "f" * 64)
    other = await verify_chain(runtime.database, expected=rewritten)
    assert other.broken_at == ids[older.count - 1] and "recorded differently" in other.reason


def test_an_exported_head_is_count_colon_hash() -> None:
    head = ExportedHead.parse(f"12:{'A' * 64}")
    assert (head.count, head.hash, str(head)) == (12, "a" * 64, f"12:{'a' * 64}")
    for bad in ("12", "x:" + "a" * 64, "12:abc", "12:" + "g" * 64, ""):
        with pytest.raises(HeadFormatError, match="COUNT:HASH"):
            ExportedHead.parse(bad)


async def test_replicas_appending_at_once_keep_one_chain(runtime: Runtime, database_url: str
                                                         ) -> None:
    """Several processes (here: engines) append at once; on PostgreSQL each has its own pool."""
    replicas = [open_database(database_url) for _ in range(3)]
    for replica in replicas:
        replica.use_signer(runtime.keys)

    async def append(replica_index: int) -> None:
        for number in range(8):
            async with replicas[replica_index].transaction() as session:
                await record(session, runtime.clock.now(), "report_viewed",
                             actor(runtime, "lead"), None, replica=replica_index, n=number)

    try:
        await asyncio.gather(*(append(index) for index in range(len(replicas))))
    finally:
        for replica in replicas:
            await replica.dispose()
    result = await verify_chain(runtime.database)
    async with runtime.database.sessions() as session:
        rows = (await session.execute(select(func.count()).select_from(AuditEvent))
                ).scalar_one()
    assert result.ok and result.entries == rows == 24
