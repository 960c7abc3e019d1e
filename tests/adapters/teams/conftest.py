"""Fixtures: a fake Bot Connector and the Teams endpoint mounted on a real aiohttp server."""

import dataclasses
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from adapters.teams.mount import mount_teams
from adapters.teams.settings import Endpoints
from bot.runtime import Runtime
from tests.adapters.teams.fake_connector import APP_ID, TENANT, FakeConnector
from tests.adapters.teams.harness import Teams
from tests.adapters.teams.schemas import note_cards

ENVIRON = {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "not-a-real-secret",
           "MICROSOFT_APP_TYPE": "SingleTenant", "MICROSOFT_APP_TENANT_ID": TENANT}


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    fake.base_url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()
    note_cards([card for record in fake.records for card in record.cards])


@pytest.fixture
def teams_runtime(runtime: Runtime) -> Runtime:
    return dataclasses.replace(runtime, platforms=("teams",))


async def start_teams(runtime: Runtime, connector: FakeConnector, environ: dict[str, str],
                      host: str = "127.0.0.1") -> tuple[Teams, TestClient]:
    app = web.Application()
    endpoints = Endpoints(openid_metadata_url=f"{connector.base_url}/openid",
                          login_base=f"{connector.base_url}/")
    transport = mount_teams(app, runtime, environ, host, endpoints=endpoints)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    authenticated = bool(environ.get("MICROSOFT_APP_ID"))
    return Teams(client, connector, runtime, transport, authenticated), client


@pytest.fixture
async def teams(teams_runtime: Runtime, connector: FakeConnector) -> AsyncIterator[Teams]:
    harness, client = await start_teams(teams_runtime, connector, ENVIRON)
    yield harness
    await client.close()
