"""Several sends at once (bounded; never two to one destination), outcomes recorded together,
exactly once across racing workers, and the doorbell that wakes the worker on a commit."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import event

from bot import workers
from bot.acknowledgement import acknowledge
from bot.clock import ManualClock
from bot.delivery import DeliverySettings, DeliveryWorker
from bot.outbox import Doorbell
from bot.runtime import Runtime
from storage.repositories import outbox, timers
from tests.bot.delivery_helpers import GatedTransport, queue, rows
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind

UNPACED = DeliverySettings(paces={})


async def test_sends_run_at_once_up_to_the_limit(runtime: Runtime) -> None:
    transport = GatedTransport()
    await queue(runtime, *[f"C{n}" for n in range(12)])
    worker = DeliveryWorker(runtime, {"slack": transport},
                            DeliverySettings(at_once=8, paces={}))
    round_ = asyncio.create_task(worker.deliver_round())
    await transport.until_in_flight(8)
    for _ in range(20):  # give a ninth every chance to start
        await asyncio.sleep(0)
    assert transport.most == 8
    transport.release.set()
    result = await round_
    assert (result.claimed, result.sent) == (12, 12)
    assert sorted(transport.sent) == sorted({r.dedupe_key for r in await rows(runtime)})


async def test_one_destination_gets_one_send_at_a_time(runtime: Runtime) -> None:
    transport = GatedTransport()
    transport.release.set()
    await queue(runtime, "C1", "C1", "C1", "C2")
    await DeliveryWorker(runtime, {"slack": transport}, UNPACED).deliver_round()
    assert transport.most_per_destination == 1 and len(transport.sent) == 4


async def test_a_round_records_its_outcomes_in_one_commit(runtime: Runtime) -> None:
    transport = GatedTransport()
    transport.release.set()
    await queue(runtime, *[f"C{n}" for n in range(10)])
    commits: list[object] = []
    engine, count = runtime.database.engine.sync_engine, commits.append
    event.listen(engine, "commit", count)
    try:
        await DeliveryWorker(runtime, {"slack": transport}, UNPACED).deliver_round()
    finally:
        event.remove(engine, "commit", count)
    assert len(commits) == 2  # the claim, then every outcome
    assert {r.status for r in await rows(runtime)} == {"sent"}


async def test_racing_workers_send_each_message_once(runtime: Runtime) -> None:
    transport = RecordingTransport()
    await queue(runtime, *[f"C{n % 5}" for n in range(40)], platform="console")
    racers = [DeliveryWorker(runtime, {"console": transport}, UNPACED) for _ in range(3)]
    for _ in range(3):
        await asyncio.gather(*(w.deliver_round(limit=7) for w in racers))
    keys = [item.idempotency_key for item in transport.sent]
    assert len(keys) == len(set(keys)) == 40


async def test_an_edit_in_the_same_round_finds_the_message_it_edits(
    runtime: Runtime,
) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.OPERATIONAL_INCIDENT)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    transport = RecordingTransport()
    await DeliveryWorker(runtime, {"console": transport}, UNPACED).deliver_round()
    originals = {f"m{n}" for n, item in enumerate(transport.sent, start=1)
                 if not item.replaces_message_id}
    edited = {item.replaces_message_id for item in transport.sent if item.replaces_message_id}
    assert edited and edited <= originals
    assert {r.status for r in await rows(runtime)} == {"sent"}


async def test_the_doorbell_rings_only_for_a_committed_outbox_write(runtime: Runtime) -> None:
    bell = Doorbell(runtime.database)
    try:
        assert not await bell.wait(0)
        async with runtime.database.transaction() as session:
            await timers.schedule(session, "bench", None, 1, runtime.clock.now(),
                                  runtime.clock.now())
        assert not await bell.wait(0)
        with pytest.raises(RuntimeError):
            async with runtime.database.transaction() as session:
                await outbox.enqueue(session, runtime.clock.now(), dedupe_key="x", event="alert",
                                     platform="console", destination_kind="person",
                                     destination="lead", payload={})
                raise RuntimeError("rolled back")
        assert not await bell.wait(0)
        await queue(runtime, "C1")
        assert await bell.wait(0)
        assert not await bell.wait(0)
    finally:
        bell.close()


async def test_a_submission_wakes_the_delivery_loop_without_waiting_for_a_poll(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "POLL_SECONDS", 3600.0)
    delivered = asyncio.Event()

    class Signalling(RecordingTransport):
        async def send(self, item):  # type: ignore[no-untyped-def]
            found = await super().send(item)
            if item.event == "alert":
                delivered.set()
            return found

    transport = Signalling()
    bell = Doorbell(runtime.database)
    loop = asyncio.create_task(workers.delivery_loop(
        DeliveryWorker(runtime, {"console": transport}, UNPACED), bell))
    try:
        await asyncio.sleep(0)
        await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
        await asyncio.wait_for(delivered.wait(), timeout=30)  # a bound, not a timing
    finally:
        loop.cancel()
        bell.close()
    assert transport.sent


async def test_the_loop_sleeps_until_the_next_message_is_due(
    runtime: Runtime, clock: ManualClock
) -> None:
    await queue(runtime, "C1")
    async with runtime.database.transaction() as session:
        claimed = await outbox.claim_due(session, clock.now(), timedelta(seconds=60), 10)
        await outbox.finish(session, claimed.rows[0].id, claimed.token,
                            next_attempt_at=clock.now() + timedelta(milliseconds=250))
    worker = DeliveryWorker(runtime, {"slack": RecordingTransport()}, UNPACED)
    assert await worker.next_due_in(1.0) == 0.25
    await queue(runtime, "C2")
    assert await worker.next_due_in(1.0) == 0.0
