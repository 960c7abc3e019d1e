"""The Teams endpoint as `safeguard-bot serve` mounts it (bot/server.py)."""

import dataclasses

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import StartupError
from bot.runtime import Runtime
from bot.server import create_server_app
from tests.adapters.teams.conftest import ENVIRON


async def test_serve_mounts_api_messages_with_authentication(runtime: Runtime) -> None:
    teams_only = dataclasses.replace(runtime, platforms=("teams",))
    app = create_server_app(teams_only, ENVIRON, "0.0.0.0")
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        response = await client.post("/api/messages", json={"type": "message"})
        assert response.status == 401


def test_serve_refuses_teams_without_credentials(runtime: Runtime) -> None:
    teams_only = dataclasses.replace(runtime, platforms=("teams",))
    with pytest.raises(StartupError, match="MICROSOFT_APP_PASSWORD"):
        create_server_app(teams_only, {"MICROSOFT_APP_ID": ENVIRON["MICROSOFT_APP_ID"]},
                          "127.0.0.1")
