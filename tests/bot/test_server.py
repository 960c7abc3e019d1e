"""The HTTP server's own endpoints: /healthz and /metrics, over real HTTP."""

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import StartupError
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.server import build_app, create_server_app, enabled_platforms
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[TestClient]:
    app = build_app(runtime, {"console": RecordingTransport()})
    async with TestClient(TestServer(app)) as client:
        yield client


async def test_healthy_when_the_database_answers_and_nothing_waits(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"ok": True, "problems": []}


async def test_unhealthy_when_alerts_cannot_be_delivered(
    runtime: Runtime, clock: ManualClock
) -> None:
    app = build_app(runtime, transports={})  # no way to reach anyone
    async with TestClient(TestServer(app)) as client:
        await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
        clock.advance(timedelta(minutes=3))
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 503 and not body["ok"]
    assert any(problem.startswith("alerts:") for problem in body["problems"])


async def test_metrics_are_served_in_the_prometheus_format(
    client: TestClient, runtime: Runtime, clock: ManualClock
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    clock.advance(timedelta(minutes=7))
    response = await client.get("/metrics")
    text = await response.text()
    assert response.status == 200 and response.content_type == "text/plain"
    assert "safeguard_oldest_unacknowledged_report_seconds 420.0" in text
    assert 'safeguard_outbox_messages{status="pending"}' in text


def test_serve_needs_a_platform_and_says_how() -> None:
    with pytest.raises(StartupError, match="SLACK_SIGNING_SECRET"):
        enabled_platforms({})
    assert enabled_platforms({"SLACK_SIGNING_SECRET": "s"}) == ("slack",)
    assert enabled_platforms({"MICROSOFT_APP_ID": "a", "SLACK_BOT_TOKEN": "t"}) == (
        "slack", "teams")


async def test_export_links_are_served_only_with_a_valid_public_address(runtime: Runtime) -> None:
    with pytest.raises(StartupError, match="SAFEGUARD_PUBLIC_URL must be"):
        create_server_app(runtime, {"SAFEGUARD_PUBLIC_URL": "not a url"}, "127.0.0.1")
    without = create_server_app(runtime, {}, "127.0.0.1")
    assert not any(r.resource and r.resource.canonical.startswith("/exports")
                   for r in without.router.routes())
    served = create_server_app(runtime, {"SAFEGUARD_PUBLIC_URL": "https://x.example/"},
                               "127.0.0.1")
    assert any(r.resource and r.resource.canonical == "/exports/{token}"
               for r in served.router.routes())


async def test_metrics_show_each_chain_s_head_count_for_a_monitor(
    client: TestClient, runtime: Runtime
) -> None:
    from sqlalchemy import func, select

    from storage.models import AuditEvent

    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    async with runtime.database.sessions() as session:
        entries = (await session.execute(select(func.count()).select_from(AuditEvent))
                   ).scalar_one()
    text = await (await client.get("/metrics")).text()
    assert entries >= 1
    assert f'safeguard_chain_entries{{chain="audit"}} {float(entries)}' in text
    assert 'safeguard_chain_entries{chain="case_entries"} 0.0' in text
