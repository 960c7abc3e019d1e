"""Authentication both ways: refused tokens touch nothing; no credentials, no start."""

import logging

import pytest
from sqlalchemy import func, select

from adapters.teams.settings import load_settings
from bot.app import StartupError
from bot.runtime import Runtime
from storage.models import InboundRequest, PlatformConversation
from tests.adapters.teams.conftest import ENVIRON, start_teams
from tests.adapters.teams.fake_connector import FakeConnector, new_key
from tests.adapters.teams.harness import Teams

LATER = 10**10


async def stored_rows(teams: Teams) -> int:
    async with teams.runtime.database.sessions() as session:
        conversations = await session.scalar(select(func.count(PlatformConversation.id)))
        requests = await session.scalar(select(func.count(InboundRequest.id)))
    return int(conversations or 0) + int(requests or 0)


def bad_tokens(connector: FakeConnector) -> dict[str, str]:
    return {
        "garbage": "not-a-jwt",
        "other signing key": connector.token(key=new_key()),
        "unknown key id": connector.token(kid="someone-else"),
        "wrong audience": connector.token(aud="11111111-2222-3333-4444-555555555555"),
        "wrong issuer": connector.token(iss="https://sts.windows.net/evil/"),
        "expired": connector.token(exp=1_000_000_000, nbf=999_999_000, iat=999_999_000),
        "no expiry": connector.token(exp=None),
        "other serviceurl": connector.token(serviceurl="https://elsewhere.example/"),
        "unsigned": "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.",
    }


async def test_requests_without_a_valid_token_get_401_and_touch_nothing(teams: Teams) -> None:
    activity = teams.message("29:alex", "report")
    await teams.post(activity, token="", expect=401)
    for reason, token in bad_tokens(teams.connector).items():
        response = await teams.client.post("/api/messages", json=activity,
                                           headers={"Authorization": f"Bearer {token}"})
        assert response.status == 401, reason
    basic = await teams.client.post("/api/messages", json=activity,
                                    headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status == 401
    assert teams.connector.records == [] and await stored_rows(teams) == 0
    await teams.post(activity)  # the same activity with a good token is served
    assert len(teams.connector.records) == 1


async def test_another_tenant_is_refused(teams: Teams) -> None:
    activity = teams.message("29:alex", "report")
    activity["channelData"]["tenant"]["id"] = "00000000-0000-0000-0000-000000000001"
    await teams.post(activity, expect=403)
    assert teams.connector.records == []


async def test_no_auth_switch_only_on_loopback(teams_runtime: Runtime,
                                               connector: FakeConnector,
                                               caplog: pytest.LogCaptureFixture) -> None:
    environ = {"SAFEGUARD_TEAMS_NO_AUTH": "1"}
    with pytest.raises(StartupError, match="loopback"):
        load_settings(environ, "0.0.0.0")
    with caplog.at_level(logging.WARNING):
        harness, client = await start_teams(teams_runtime, connector, environ, "127.0.0.1")
    assert "AUTHENTICATION IS OFF" in caplog.text
    try:
        await harness.post(harness.message("29:alex", "hello"))
        [record] = connector.records
        assert record.authorization is None, "no token is sent in local development"
    finally:
        await client.close()


@pytest.mark.parametrize("environ, message", [
    ({}, "MICROSOFT_APP_ID"),
    ({"SAFEGUARD_TEAMS_NO_AUTH": "yes"}, "SAFEGUARD_TEAMS_NO_AUTH=1"),
    ({"MICROSOFT_APP_ID": ENVIRON["MICROSOFT_APP_ID"]}, "MICROSOFT_APP_PASSWORD"),
    ({**ENVIRON, "MICROSOFT_APP_TENANT_ID": ""}, "MICROSOFT_APP_TENANT_ID"),
    ({**ENVIRON, "MICROSOFT_APP_TYPE": "UserAssignedMSI"}, "MICROSOFT_APP_TYPE"),
    ({**ENVIRON, "MICROSOFT_APP_PASSWORD": "", "SAFEGUARD_TEAMS_NO_AUTH": "1"},
     "MICROSOFT_APP_PASSWORD"),
])
def test_refuses_to_start_without_credentials(environ: dict[str, str], message: str) -> None:
    with pytest.raises(StartupError, match=message):
        load_settings(environ, "127.0.0.1")


def test_multi_tenant_needs_no_tenant() -> None:
    environ = {**ENVIRON, "MICROSOFT_APP_TYPE": "MultiTenant", "MICROSOFT_APP_TENANT_ID": ""}
    assert load_settings(environ, "0.0.0.0").token_tenant == "botframework.com"


async def test_bot_tokens_are_cached(teams: Teams) -> None:
    for user in ("29:alex", "29:jo", "29:lead"):
        await teams.post(teams.message(user, "hello"))
    assert teams.connector.token_requests == 1
    assert len({r.authorization for r in teams.connector.records}) == 1
