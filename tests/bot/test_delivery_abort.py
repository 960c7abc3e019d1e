"""A delivery round stopped dead between claiming its rows and hearing back from the platform
(the process killed mid-send) leaves every row pending, and the next round after the lease
sends each of them once, flagged in doubt. Nothing is marked sent before it was."""

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery import DELIVERY_LEASE, DeliveryWorker, Outgoing
from bot.runtime import Runtime
from tests.bot.delivery_helpers import GatedTransport, queue, rows
from tests.bot.fakes import RecordingTransport


class Dying:
    """The process dies the moment it starts to send: nothing reaches the platform."""

    class Died(BaseException):
        pass

    async def send(self, item: Outgoing) -> str:
        raise self.Died()


async def _states(runtime: Runtime) -> list[tuple[str, bool, int]]:
    """(status, leased, attempts) of every row."""
    return [(r.status, r.lease_token is not None, r.attempts) for r in await rows(runtime)]


async def _resumed(runtime: Runtime, clock: ManualClock) -> list[Outgoing]:
    transport = RecordingTransport()
    assert (await DeliveryWorker(runtime, {"slack": transport}).deliver_round()).sent == 0, \
        "nobody takes rows another worker still holds"
    clock.advance(DELIVERY_LEASE + timedelta(seconds=1))
    await DeliveryWorker(runtime, {"slack": transport}).deliver_round()
    return transport.sent


async def test_a_round_killed_while_sending_leaves_its_rows_pending_then_sends_them_once(
    runtime: Runtime, clock: ManualClock
) -> None:
    await queue(runtime, "C1", "C2", "C3")
    gated = GatedTransport()
    round_ = asyncio.create_task(DeliveryWorker(runtime, {"slack": gated}).deliver_round())
    await gated.until_in_flight(3)  # claimed and handed to the platform, no answer yet
    round_.cancel()
    await asyncio.gather(round_, return_exceptions=True)
    assert gated.sent == []
    assert await _states(runtime) == [("pending", True, 0)] * 3
    sent = await _resumed(runtime, clock)
    assert sorted(item.destination for item in sent) == ["C1", "C2", "C3"]
    assert all(item.in_doubt for item in sent), "the platform may have them: check first"
    assert [s for s, _, _ in await _states(runtime)] == ["sent"] * 3


async def test_a_round_killed_right_after_its_claim_leaves_its_rows_pending(
    runtime: Runtime, clock: ManualClock
) -> None:
    await queue(runtime, "C1", "C2")
    with pytest.raises(Dying.Died):
        await DeliveryWorker(runtime, {"slack": Dying()}).deliver_round()
    await asyncio.sleep(0)  # let the other destination's send die too
    assert await _states(runtime) == [("pending", True, 0)] * 2
    sent = await _resumed(runtime, clock)
    assert sorted(item.destination for item in sent) == ["C1", "C2"]
    assert all(item.in_doubt for item in sent)
    assert [s for s, _, _ in await _states(runtime)] == ["sent"] * 2
