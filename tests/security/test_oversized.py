"""Bodies over the server's limit (bot/server.py: 256 KiB) get 413 on both endpoints."""

import json
from collections.abc import AsyncIterator

from aiohttp.test_utils import TestClient

from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import sign
from tests.adapters.teams.harness import Teams
from tests.security.state import Watch

LIMIT = 256 * 1024
FORM = "application/x-www-form-urlencoded"


async def _chunks() -> AsyncIterator[bytes]:
    """A body sent without Content-Length: the limit must hold while it is read."""
    for _ in range(LIMIT // 4096 + 8):
        yield b"a" * 4096


async def test_bodies_over_the_limit_get_413_and_touch_nothing(
        server: TestClient, slack: SlackApp, teams: Teams) -> None:
    big = b"command=%2Freport&user_id=U0ALEX&text=" + b"x" * (LIMIT + 1024)
    teams_big = json.dumps({"type": "message", "text": "x" * (LIMIT + 1024)})
    slack_watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    teams_watch = await Watch.start(teams.runtime.database, teams.connector.records)
    answered = {
        "slack signed": await server.post("/slack/events", data=big,
                                          headers={"Content-Type": FORM, **sign(big)}),
        "slack unsigned": await server.post("/slack/events", data=big,
                                            headers={"Content-Type": FORM}),
        "slack chunked": await server.post("/slack/events", data=_chunks(),
                                           headers={"Content-Type": FORM, **sign(b"")}),
        "teams without a token": await server.post(
            "/api/messages", data=teams_big, headers={"Content-Type": "application/json"}),
        "teams chunked": await server.post(
            "/api/messages", data=_chunks(), headers={"Content-Type": "application/json"}),
    }
    wrong = {case: r.status for case, r in answered.items() if r.status != 413}
    assert not wrong, wrong
    under = b"hello=" + b"x" * (LIMIT - 1024)  # read in full, then refused as malformed
    response = await server.post("/slack/events", data=under,
                                 headers={"Content-Type": FORM, **sign(under)})
    assert response.status == 400
    await slack_watch.assert_untouched()
    await teams_watch.assert_untouched()
