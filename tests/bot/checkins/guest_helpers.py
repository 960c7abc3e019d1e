"""Guests in check-in tests: a transport per platform, and a Slack guest who files a report
and says yes to the offer on its receipt."""

from sqlalchemy import select

from bot.actors import Actor, resolve_actor
from bot.checkins import offer
from bot.checkins.guests import guest_id
from bot.delivery import deliver_due
from bot.notifications import ReceiptMessage
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.wellbeing_models import Checkin
from tests.bot.driving import file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind

GUEST = "U0GUEST"
GUEST_ID = guest_id("slack", GUEST)
GUEST_LABEL = f"Guest {GUEST_ID[6:10].upper()}"
TEAMS_GUEST = "29:1" + "a7Bq-" * 19  # Teams user ids are often longer than 64 characters


class Platforms:
    """One recording transport per platform, so we see where each message went."""

    def __init__(self) -> None:
        self.by_name = {name: RecordingTransport() for name in ("console", "slack", "teams")}

    def got(self, platform: str, destination: str, kind: type) -> list:  # type: ignore[type-arg]
        return [i.message for i in self.by_name[platform].to(destination)
                if isinstance(i.message, kind)]

    def anywhere(self, kind: type) -> list[tuple[str, str]]:
        return [(name, item.destination) for name, transport in self.by_name.items()
                for item in transport.sent if isinstance(item.message, kind)]


async def pump(runtime: Runtime, platforms: Platforms) -> None:
    """Run due timers and deliver on every platform until nothing more is due now."""
    for _ in range(20):
        fired = await run_due_timers(runtime, default_handlers())
        sent = await deliver_due(runtime, platforms.by_name)
        if not fired and not sent:
            return
    raise AssertionError("the workers never settled")


def slack_guest(runtime: Runtime, user: str = GUEST) -> Actor:
    found = resolve_actor(runtime.config, "slack", user)
    assert found.person is None, "a guest is not in the config"
    return found


async def receipt_for(runtime: Runtime, platforms: Platforms, who: Actor) -> ReceiptMessage:
    await file_report(runtime, who, ReportKind.OPERATIONAL_INCIDENT)
    await pump(runtime, platforms)
    receipts = platforms.got(who.platform, who.user_id, ReceiptMessage)
    assert len(receipts) == 1
    return receipts[0]


async def say_yes(runtime: Runtime, platforms: Platforms, who: Actor | None = None
                  ) -> offer.OfferAnswer:
    """File a report as the guest (a Slack guest unless given) and say yes to its offer."""
    who = who or slack_guest(runtime)
    receipt = await receipt_for(runtime, platforms, who)
    answer = await offer.answer(runtime, who, offer.YES, receipt.checkin_offer)
    await pump(runtime, platforms)
    return answer


async def first_checkin(runtime: Runtime) -> Checkin:
    async with runtime.database.sessions() as session:
        found = list((await session.execute(select(Checkin).order_by(Checkin.id))).scalars())
    assert found
    return found[0]
