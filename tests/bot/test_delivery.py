"""The delivery worker: backoff, permanent failures, doubtful outcomes, and metrics."""

from datetime import timedelta

from sqlalchemy import select, update

from bot.clock import ManualClock
from bot.delivery import MAX_ATTEMPTS, Outgoing, backoff, deliver_due
from bot.health import check_delivery
from bot.runtime import Runtime
from storage.models import OutboxMessage
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind


def test_backoff_grows_is_capped_and_honours_retry_after() -> None:
    assert timedelta(seconds=1.6) <= backoff(1) <= timedelta(seconds=2.4)
    assert timedelta(seconds=12.8) <= backoff(4) <= timedelta(seconds=19.2)
    assert backoff(30) <= timedelta(minutes=6)
    assert backoff(3, retry_after=42) == timedelta(seconds=42)


async def test_a_message_that_never_goes_through_is_given_up_and_reported(
    runtime: Runtime, clock: ManualClock
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    transport = RecordingTransport()
    transport.failures_left = 10_000
    for _ in range(MAX_ATTEMPTS + 2):
        await deliver_due(runtime, {"console": transport})
        clock.advance(timedelta(minutes=10))
    async with runtime.database.sessions() as session:
        rows = list((await session.execute(select(OutboxMessage))).scalars())
    assert {r.status for r in rows} == {"failed"}
    assert {r.attempts for r in rows} == {MAX_ATTEMPTS}
    health = await check_delivery(runtime.database, clock.now())
    assert health.failed_alerts == 3 and health.problems()
    assert runtime.metrics.notifications_failed.labels("console", "alert")._value.get() == 3


async def test_alerts_waiting_too_long_make_the_bot_unhealthy(
    runtime: Runtime, clock: ManualClock
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    assert (await check_delivery(runtime.database, clock.now())).problems() == []
    clock.advance(timedelta(minutes=3))
    health = await check_delivery(runtime.database, clock.now())
    assert health.stale_alerts == 3
    await deliver_due(runtime, {"console": RecordingTransport()})
    assert (await check_delivery(runtime.database, clock.now())).problems() == []


async def test_a_send_cut_short_by_a_crash_is_retried_and_flagged_in_doubt(
    runtime: Runtime, clock: ManualClock
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    async with runtime.database.transaction() as session:  # a worker leased them, then died
        await session.execute(update(OutboxMessage).values(
            lease_token="dead-worker", lease_until=clock.now() + timedelta(seconds=60)))
    transport = RecordingTransport()
    assert await deliver_due(runtime, {"console": transport}) == 0
    clock.advance(timedelta(seconds=61))
    assert await deliver_due(runtime, {"console": transport}) == 4
    seen: list[Outgoing] = transport.sent
    assert all(item.in_doubt for item in seen)
    assert len({item.idempotency_key for item in seen}) == 4


async def test_delivery_records_latency_and_counts(runtime: Runtime, clock: ManualClock) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    clock.advance(timedelta(seconds=2))
    await deliver_due(runtime, {"console": RecordingTransport()})
    text = runtime.metrics.render().decode()
    assert 'safeguard_notifications_sent_total{event="alert",platform="console"} 3.0' in text
    assert 'safeguard_delivery_latency_seconds_bucket{le="2.5",platform="console"} 4.0' in text
