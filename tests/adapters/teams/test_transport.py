"""Delivery through the outbox: throttling and outages are retried, never lost."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.teams.references import SERVICE
from bot.clock import ManualClock
from bot.delivery import Outgoing, PermanentError, TransientError
from bot.notifications import AlertMessage
from storage.models import OutboxMessage
from tests.adapters.teams.driver import Filler
from tests.adapters.teams.harness import ALERTS, Teams
from tests.adapters.teams.test_journey import file_report, install
from tests.kinds import ReportKind


def alert(reference: str = "SG-2026-0001") -> AlertMessage:
    return AlertMessage(reference, "Safeguarding concern", "high", "2026-03-14T10:00:00+00:00")


def to_channel(message: AlertMessage) -> Outgoing:
    return Outgoing("alert", "channel", ALERTS, None, message)


@pytest.mark.parametrize("status, retry_after, expected", [
    (429, "7", 7.0), (412, None, None), (502, None, None), (504, None, None)])
async def test_throttling_and_gateway_errors_are_transient(
        teams: Teams, status: int, retry_after: str | None, expected: float | None) -> None:
    await install(teams)
    teams.connector.fail_next(status, retry_after=retry_after)
    with pytest.raises(TransientError) as caught:
        await teams.transport.send(to_channel(alert()))
    assert caught.value.retry_after == expected
    assert await teams.transport.send(to_channel(alert())) is not None


async def test_forbidden_is_permanent_and_unknown_channel_too(teams: Teams) -> None:
    with pytest.raises(PermanentError, match="add the app to the team"):
        await teams.transport.send(to_channel(alert()))
    await install(teams)
    teams.connector.fail_next(403)
    with pytest.raises(PermanentError):
        await teams.transport.send(to_channel(alert()))
    with pytest.raises(PermanentError, match="not installed"):
        await teams.transport.send(Outgoing("alert", "person", "29:ceo", "ceo", alert()))


async def test_alerts_survive_a_connector_outage(teams: Teams, clock: ManualClock) -> None:
    await install(teams)
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    teams.connector.fail_next(502, times=2)
    teams.connector.fail_next(429, times=1, retry_after="30")
    await teams.deliver()
    async with teams.runtime.database.sessions() as session:
        waiting = [r for r in (await session.scalars(select(OutboxMessage))).all()
                   if r.status == "pending"]
    assert waiting, "the failed sends wait for another attempt"
    for _ in range(4):
        clock.advance(timedelta(minutes=1))
        await teams.deliver()
    alerts = [r for r in teams.connector.sent_to(ALERTS) if r.method == "POST"][1:]
    assert len(alerts) == 1, "exactly one channel alert, after the retries"
    async with teams.runtime.database.sessions() as session:
        rows = (await session.scalars(select(OutboxMessage))).all()
    assert {r.status for r in rows if r.destination != "29:deputy"} == {"sent"}


async def test_a_rejected_token_is_fetched_again(teams: Teams) -> None:
    await install(teams)
    teams.connector.fail_next(401)
    with pytest.raises(TransientError):
        await teams.transport.send(to_channel(alert()))
    await teams.transport.send(to_channel(alert()))
    assert teams.connector.token_requests == 2


async def test_the_service_reference_is_remembered(teams: Teams) -> None:
    await teams.post(teams.install_personal("29:lead"))
    found = await teams.transport._bot.references.find(SERVICE)
    assert found is not None and found.service_url == teams.connector.service_url
    sent = await teams.transport.send(to_channel(alert()))
    assert teams.connector.records[-1].conversation_id == ALERTS and sent
