"""The hostile-input suite reuses the adapters' fakes and fixtures rather than copying them."""

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Generic, TypeVar

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.runtime import Runtime
from bot.server import create_server_app
from tests.adapters.slack.conftest import SlackApp, environ, fake_slack, slack, slack_runtime
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.teams.conftest import ENVIRON, connector, teams, teams_runtime
from tests.adapters.teams.harness import Teams
from tests.journeys.conftest import journey_db

__all__ = ["connector", "environ", "fake_slack", "journey_db", "slack", "slack_runtime",
           "teams", "teams_runtime"]


@pytest.fixture
async def server(runtime: Runtime, fake_slack: FakeSlack, environ: dict[str, str],
                 monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[TestClient]:
    """The production app (`create_server_app`: its body limit, both platforms) on a free port.

    Its background worker is replaced by an idle task so that a retention run cannot add a
    row while a test compares row counts."""

    async def idle(*_args: object) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr("bot.server._worker_loop", idle)
    both = dataclasses.replace(runtime, platforms=("slack", "teams"))
    app = create_server_app(both, {**environ, **ENVIRON}, "127.0.0.1")
    client = TestClient(TestServer(app, host="127.0.0.1", port=0))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


T = TypeVar("T")


class Shared(Generic[T]):
    """An app shared by every Hypothesis example, with a short repr for failure reports."""

    def __init__(self, app: T) -> None:
        self.app = app

    def __repr__(self) -> str:
        return f"<{type(self.app).__name__} shared by every example>"


@pytest.fixture
def shared_slack(slack: SlackApp) -> Shared[SlackApp]:
    return Shared(slack)


@pytest.fixture
def shared_teams(teams: Teams) -> Shared[Teams]:
    return Shared(teams)
