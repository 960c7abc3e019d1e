"""Fixtures: a fake Slack Web API, the app with Slack mounted over real HTTP, and a driver."""

import dataclasses
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from adapters.slack.mount import mount_slack
from bot.delivery import Transport, deliver_due
from bot.runtime import Runtime
from tests.adapters.slack.checks import check_calls
from tests.adapters.slack.driver import SECRET, SlackDriver
from tests.adapters.slack.fake_slack import TOKEN, FakeSlack


@pytest.fixture
def slack_runtime(runtime: Runtime) -> Runtime:
    return dataclasses.replace(runtime, platforms=("slack",))


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.close()
    check_calls(fake.calls)


@pytest.fixture
def environ(fake_slack: FakeSlack) -> dict[str, str]:
    return {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_API_URL": str(fake_slack.server.make_url("/api/"))}


@dataclasses.dataclass
class SlackApp:
    driver: SlackDriver
    transport: Transport
    runtime: Runtime
    fake: FakeSlack

    async def deliver(self) -> int:
        total = 0
        while sent := await deliver_due(self.runtime, {"slack": self.transport}):
            total += sent
        return total


@pytest.fixture
async def slack(slack_runtime: Runtime, fake_slack: FakeSlack, environ: dict[str, str]
                ) -> AsyncIterator[SlackApp]:
    app = web.Application()
    transport = mount_slack(app, slack_runtime, environ)
    client = TestClient(TestServer(app, host="127.0.0.1", port=0))
    await client.start_server()
    try:
        yield SlackApp(SlackDriver(client, fake_slack), transport, slack_runtime, fake_slack)
    finally:
        await client.close()
