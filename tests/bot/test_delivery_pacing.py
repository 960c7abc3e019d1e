"""Pacing per destination: after a 429 nothing more goes to that destination until its
Retry-After has passed; a steady pace with a short burst; other destinations keep flowing.
All on the test clock: the worker is driven round by round, the clock moved by hand."""

from datetime import timedelta

from bot.clock import ManualClock
from bot.delivery import DeliverySettings, DeliveryWorker
from bot.pacing import Pace, Pacer
from bot.runtime import Runtime
from tests.bot.delivery_helpers import TimedTransport, queue, rows

UNPACED = DeliverySettings(paces={})


def _worker(runtime: Runtime, transport: TimedTransport,
            settings: DeliverySettings = UNPACED) -> DeliveryWorker:
    return DeliveryWorker(runtime, {"slack": transport}, settings)


async def test_after_a_429_nothing_more_goes_to_that_channel_until_retry_after(
    runtime: Runtime, clock: ManualClock
) -> None:
    start = clock.now()
    transport = TimedTransport(clock, retry_after=30)
    transport.limited.add("C1")
    await queue(runtime, "C1", "C1", "C2", "C1", "C2")
    worker = _worker(runtime, transport)
    await worker.deliver_round()
    assert transport.to("C1") == [start]  # the 429; the two behind it were not tried
    assert transport.to("C2") == [start, start]  # the other channel kept flowing
    for seconds in (10, 29):
        clock.advance(timedelta(seconds=seconds) - (clock.now() - start))
        await worker.deliver_round()
        await _worker(runtime, transport).deliver_round()  # a fresh worker (a replica) too
        assert transport.to("C1") == [start]
    clock.advance(timedelta(seconds=1))
    await worker.deliver_round()
    at = start + timedelta(seconds=30)
    assert transport.to("C1") == [start, at, at, at]
    assert [r.status for r in await rows(runtime)] == ["sent"] * 5
    sent_in_order = [ref for where, ref, _at in transport.attempts[3:] if where == "C1"]
    assert sent_in_order == sorted(sent_in_order)


async def test_a_message_queued_after_the_429_waits_too(
    runtime: Runtime, clock: ManualClock
) -> None:
    start = clock.now()
    transport = TimedTransport(clock, retry_after=20)
    transport.limited.add("C1")
    await queue(runtime, "C1")
    worker = _worker(runtime, transport)
    await worker.deliver_round()
    await queue(runtime, "C1", "C2")
    clock.advance(timedelta(seconds=5))
    await worker.deliver_round()
    assert transport.to("C1") == [start] and len(transport.to("C2")) == 1
    clock.advance(timedelta(seconds=15))
    await worker.deliver_round()
    assert transport.to("C1") == [start] + [start + timedelta(seconds=20)] * 2


async def test_one_channel_goes_at_its_steady_pace_after_a_burst(
    runtime: Runtime, clock: ManualClock
) -> None:
    start = clock.now()
    transport = TimedTransport(clock)
    await queue(runtime, *["C1"] * 6, "C2")
    worker = _worker(runtime, transport, DeliverySettings(paces={"slack": Pace(1.0, burst=3)}))
    for _ in range(8):
        await worker.deliver_round()
        clock.advance(timedelta(milliseconds=500))
    seconds = [(at - start).total_seconds() for at in transport.to("C1")]
    assert seconds == [0, 0, 0, 1, 2, 3]
    assert transport.to("C2") == [start]
    assert {r.status for r in await rows(runtime)} == {"sent"}


async def test_after_a_429_the_pace_resumes_without_a_burst(
    runtime: Runtime, clock: ManualClock
) -> None:
    start = clock.now()
    transport = TimedTransport(clock, retry_after=10)
    transport.limited.add("C1")
    await queue(runtime, *["C1"] * 4)
    worker = _worker(runtime, transport, DeliverySettings(paces={"slack": Pace(1.0, burst=5)}))
    for _ in range(30):
        await worker.deliver_round()
        clock.advance(timedelta(milliseconds=500))
    seconds = [(at - start).total_seconds() for at in transport.to("C1")]
    assert seconds == [0, 10, 11, 12, 13]  # the first again at 10, then one a second


async def test_messages_waiting_for_their_turn_use_no_attempts(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = TimedTransport(clock)
    await queue(runtime, *["C1"] * 3)
    worker = _worker(runtime, transport, DeliverySettings(paces={"slack": Pace(1.0)}))
    await worker.deliver_round()
    waiting = [r for r in await rows(runtime) if r.status == "pending"]
    assert [r.attempts for r in waiting] == [0, 0]
    assert [r.next_attempt_at - clock.now() for r in waiting] == [
        timedelta(seconds=1), timedelta(seconds=2)]
    assert all(r.lease_token is None for r in waiting)


def test_the_pacer_remembers_only_busy_or_held_destinations(clock: ManualClock) -> None:
    pacer = Pacer({"slack": Pace(1.0, burst=2)})
    busy, held, idle = ("slack", "C1"), ("console", "lead"), ("slack", "C2")
    for _ in range(3):
        pacer.take(busy, clock.now())
    pacer.take(idle, clock.now())
    pacer.hold(held, clock.now() + timedelta(seconds=30))
    clock.advance(timedelta(seconds=1))
    pacer.forget_idle(clock.now())
    assert pacer.ready_at(busy, clock.now()) == clock.now() + timedelta(seconds=1)
    assert pacer.ready_at(held, clock.now()) == clock.now() + timedelta(seconds=29)
    assert pacer.ready_at(idle, clock.now()) == clock.now()
    assert pacer.remembered() == 2
