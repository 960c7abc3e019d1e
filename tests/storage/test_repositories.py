"""The storage layer on SQLite and PostgreSQL alike."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy import update as sql_update

from bot.crypto import KeyRing
from storage.engine import Database
from storage.models import OutboxMessage, Report, Timer
from storage.repositories import audit, flow_sessions, outbox, reports, timers

NOW = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


def _report(reference: str, **overrides: object) -> Report:
    values: dict[str, object] = {
        "reference": reference, "kind": "safeguarding_concern", "state": "submitted",
        "urgency": "normal", "is_practice": False, "flow_id": "safeguarding_concern",
        "flow_version": 1, "reporter_platform": "console", "reporter_user_id": "alex",
        "reporter_person_id": "alex", "about_staff": False, "started_at": NOW,
        "recorded_at": NOW, "answers_sealed": "v1.t.n.c", "context_sealed": "v1.t.n.c",
        "routed_roles": ["safeguarding_lead"], "version": 1,
    }
    values.update(overrides)
    return Report(**values)


async def test_reference_numbers_count_up_per_series_and_year(database: Database) -> None:
    async with database.transaction() as session:
        first = await reports.next_reference_number(session, "SG", 2026)
        second = await reports.next_reference_number(session, "SG", 2026)
        other_series = await reports.next_reference_number(session, "CB", 2026)
        next_year = await reports.next_reference_number(session, "SG", 2027)
    assert (first, second, other_series, next_year) == (1, 2, 1, 1)


async def test_concurrent_reference_numbers_never_repeat(database: Database) -> None:
    async def take() -> int:
        async with database.transaction() as session:
            return await reports.next_reference_number(session, "SG", 2026)

    numbers = await asyncio.gather(*(take() for _ in range(20)))
    assert sorted(numbers) == list(range(1, 21))


async def test_datetimes_come_back_aware_in_utc(database: Database) -> None:
    local = datetime(2026, 7, 1, 15, 30, tzinfo=UTC) + timedelta(hours=0)
    async with database.transaction() as session:
        await reports.add(session, _report("SG-2026-0001", occurred_at=local))
    async with database.sessions() as session:
        stored = await reports.by_reference(session, "SG-2026-0001")
    assert stored is not None and stored.occurred_at == local
    assert stored.occurred_at.tzinfo is not None


async def test_first_acknowledgement_wins(database: Database) -> None:
    async with database.transaction() as session:
        report = await reports.add(session, _report("SG-2026-0001"))
    async with database.transaction() as session:
        first = await reports.mark_acknowledged(session, report.id, "lead", NOW)
    async with database.transaction() as session:
        second = await reports.mark_acknowledged(session, report.id, "deputy", NOW)
    async with database.sessions() as session:
        stored = await reports.by_id(session, report.id)
    assert (first, second) == (True, False)
    assert stored is not None and stored.acknowledged_by == "lead"


async def test_failed_transaction_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            await reports.add(session, _report("SG-2026-0001"))
            await reports.next_reference_number(session, "SG", 2026)
            raise RuntimeError("crash before commit")
    async with database.sessions() as session:
        assert await reports.by_reference(session, "SG-2026-0001") is None
    async with database.transaction() as session:
        assert await reports.next_reference_number(session, "SG", 2026) == 1


async def test_practice_reports_are_left_out_of_counts(database: Database) -> None:
    async with database.transaction() as session:
        await reports.add(session, _report("SG-2026-0001"))
        await reports.add(session, _report("PRACTICE-SG-2026-0001", is_practice=True))
    async with database.sessions() as session:
        assert await reports.count_real(session) == 1
        assert [r.reference for r in await reports.open_reports(session)] == ["SG-2026-0001"]


async def test_flow_progress_saves_with_a_version_check(database: Database) -> None:
    async with database.transaction() as session:
        row = await flow_sessions.create(session, "console", "c1", "alex", "f", "s1", NOW)
    async with database.transaction() as session:
        assert await flow_sessions.save(session, row.id, 1, "f", "s2", NOW)
    async with database.transaction() as session:
        assert not await flow_sessions.save(session, row.id, 1, "f", "s3", NOW)
        assert not await flow_sessions.remove(session, row.id, 1)
    async with database.sessions() as session:
        found = await flow_sessions.find(session, "console", "c1")
    assert found is not None and found.state_sealed == "s2" and found.version == 2


async def test_outbox_ignores_a_second_message_with_the_same_key(database: Database) -> None:
    fields = {"event": "alert", "platform": "console", "destination_kind": "person",
              "destination": "lead", "payload": {"type": "alert"}}
    async with database.transaction() as session:
        await outbox.enqueue(session, NOW, dedupe_key="k1", **fields)
        await outbox.enqueue(session, NOW, dedupe_key="k1", **fields)
    async with database.sessions() as session:
        rows = list((await session.execute(select(OutboxMessage))).scalars())
    assert len(rows) == 1


async def test_a_claimed_row_is_not_claimed_again_until_its_lease_ends(
    database: Database,
) -> None:
    fields = {"event": "alert", "platform": "console", "destination_kind": "person",
              "destination": "lead", "payload": {}}
    async with database.transaction() as session:
        for index in range(3):
            await outbox.enqueue(session, NOW, dedupe_key=f"k{index}", **fields)
    lease = timedelta(seconds=60)
    async with database.transaction() as session:
        first = await outbox.claim_due(session, NOW, lease, 2)
    async with database.transaction() as session:
        second = await outbox.claim_due(session, NOW, lease, 10)
    async with database.transaction() as session:
        after_lease = await outbox.claim_due(session, NOW + lease * 2, lease, 10)
    assert len(first.rows) == 2 and len(second.rows) == 1
    assert {r.id for r in first.rows}.isdisjoint({r.id for r in second.rows})
    assert first.in_doubt == second.in_doubt == set()
    assert len(after_lease.rows) == 3
    assert after_lease.in_doubt == {r.id for r in after_lease.rows}


async def test_timer_finishes_only_under_its_own_lease(database: Database) -> None:
    async with database.transaction() as session:
        await reports.add(session, _report("SG-2026-0001"))
        report = await reports.by_reference(session, "SG-2026-0001")
        assert report is not None
        await timers.schedule(session, "escalation", report.id, 1, NOW, NOW)
        await timers.schedule(session, "escalation", report.id, 1, NOW, NOW)  # ignored
    async with database.transaction() as session:
        claimed = await timers.claim_due(session, NOW, timedelta(seconds=30), 10)
    token, due = claimed.token, claimed.rows
    assert len(due) == 1
    async with database.transaction() as session:
        assert not await timers.finish(session, due[0].id, "someone-else", "fired", NOW)
        assert await timers.finish(session, due[0].id, token, "fired", NOW)
    async with database.sessions() as session:
        stored = (await session.execute(select(Timer))).scalar_one()
    assert stored.status == "fired"


async def test_audit_entries_are_kept_in_order(database: Database, test_keys: KeyRing) -> None:
    database.use_signer(test_keys)
    async with database.transaction() as session:
        report = await reports.add(session, _report("SG-2026-0001"))
        await audit.record(session, NOW, "report_submitted", report_id=report.id)
        await audit.record(session, NOW, "report_viewed", actor_person_id="lead",
                           report_id=report.id)
    async with database.sessions() as session:
        entries = await audit.for_report(session, report.id)
    assert [e.action for e in entries] == ["report_submitted", "report_viewed"]


async def test_outcomes_are_recorded_together_only_under_our_lease(database: Database) -> None:
    fields = {"event": "alert", "platform": "console", "destination_kind": "person",
              "destination": "lead", "payload": {}}
    async with database.transaction() as session:
        for index in range(3):
            await outbox.enqueue(session, NOW, dedupe_key=f"k{index}", **fields)
    async with database.transaction() as session:
        claimed = await outbox.claim_due(session, NOW, timedelta(seconds=60), 10)
    sent, later, stolen = (row.id for row in claimed.rows)
    async with database.transaction() as session:  # a lease that ran out, taken by another
        await session.execute(sql_update(OutboxMessage).where(OutboxMessage.id == stolen)
                              .values(lease_token="other"))
    outcomes = [(sent, {"status": "sent", "sent_at": NOW, "platform_message_id": "m1"}),
                (later, {"next_attempt_at": NOW + timedelta(seconds=5)}),
                (stolen, {"status": "sent", "sent_at": NOW, "platform_message_id": "m2"})]
    async with database.transaction() as session:
        assert await outbox.finish_many(session, claimed.token, outcomes) == {sent, later}
    async with database.sessions() as session:
        rows = {r.id: r for r in (await session.execute(select(OutboxMessage))).scalars()}
    assert (rows[sent].status, rows[sent].platform_message_id, rows[sent].sent_at) == (
        "sent", "m1", NOW)
    assert (rows[later].status, rows[later].next_attempt_at) == (
        "pending", NOW + timedelta(seconds=5))
    assert rows[later].lease_token is None
    assert (rows[stolen].status, rows[stolen].lease_token) == ("pending", "other")


async def test_a_hold_puts_back_a_destination_s_waiting_messages(database: Database) -> None:
    async with database.transaction() as session:
        for index, destination in enumerate(("C1", "C1", "C2")):
            await outbox.enqueue(session, NOW, dedupe_key=f"k{index}", event="alert",
                                 platform="slack", destination_kind="channel",
                                 destination=destination, payload={})
        assert await outbox.hold(session, "slack", "C1", NOW + timedelta(seconds=30)) == 2
    async with database.sessions() as session:
        assert await outbox.next_attempt(session, NOW) == NOW
    async with database.transaction() as session:
        claimed = await outbox.claim_due(session, NOW, timedelta(seconds=60), 10)
    assert [r.destination for r in claimed.rows] == ["C2"]
