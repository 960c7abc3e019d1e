"""Bad input: forged, missing and stale signatures, malformed bodies, retries, start-up checks."""

import hashlib
import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from aiohttp import web
from sqlalchemy import func, select

from adapters.slack.mount import EVENTS_PATH, mount_slack
from bot.access import Action
from bot.app import StartupError
from bot.clock import ManualClock
from bot.records import open_flow_state
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.server import create_server_app
from storage.models import Base, InboundRequest, OutboxMessage, Report
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import sign
from tests.adapters.slack.journey import answer_until_review

COMMAND = urlencode({"team_id": "T111", "user_id": "U0ALEX", "command": "/report",
                     "text": "", "trigger_id": "1.2.3", "channel_id": "C1"}).encode()
FORM = "application/x-www-form-urlencoded"


async def _rows(slack: SlackApp) -> dict[str, int]:
    async with slack.runtime.database.sessions() as session:
        return {table.name: await session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables}


@pytest.mark.parametrize("make_headers", [  # made when the test runs: times must be fresh
    pytest.param(lambda: sign(COMMAND, secret="not-the-secret"), id="forged"),
    pytest.param(lambda: {}, id="missing"),
    pytest.param(lambda: {"X-Slack-Request-Timestamp": str(int(time.time()))},
                 id="no-signature"),
    pytest.param(lambda: sign(COMMAND, timestamp=int(time.time()) - 6 * 60), id="stale"),
    pytest.param(lambda: sign(COMMAND, timestamp=int(time.time()) + 6 * 60), id="future"),
    pytest.param(lambda: {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
                 id="garbage"),
])
async def test_bad_signatures_get_401_and_touch_nothing(
    slack: SlackApp, make_headers: Callable[[], dict[str, str]]
) -> None:
    headers = make_headers()
    before = await _rows(slack)
    reply = await slack.driver.post(COMMAND, FORM, headers=headers, signed=False)
    assert reply.status == 401
    assert await _rows(slack) == before
    assert slack.fake.calls == []


async def test_signature_over_a_different_body_is_refused(slack: SlackApp) -> None:
    headers = sign(COMMAND.replace(b"U0ALEX", b"U0LEAD"))
    reply = await slack.driver.post(COMMAND, FORM, headers=headers, signed=False)
    assert reply.status == 401 and slack.fake.calls == []


@pytest.mark.parametrize(("body", "content_type"), [
    pytest.param(b"payload=%7Bnot+json", FORM, id="payload-not-json"),
    pytest.param(b"payload=%5B1%2C2%5D", FORM, id="payload-not-object"),
    pytest.param(b"payload=%7B%22a%22%3A1%7D", FORM, id="payload-without-type"),
    pytest.param(b"hello=world", FORM, id="form-without-command"),
    pytest.param(b"", FORM, id="empty"),
    pytest.param(b"{not json", "application/json", id="json-broken"),
    pytest.param(b'"just a string"', "application/json", id="json-not-object"),
    pytest.param(b'{"no_type": 1}', "application/json", id="json-without-type"),
    pytest.param(b"payload=\xff\xfe", FORM, id="not-utf8"),
])
async def test_malformed_bodies_get_400(slack: SlackApp, body: bytes, content_type: str) -> None:
    before = await _rows(slack)
    reply = await slack.driver.post(body, content_type)
    assert reply.status == 400
    assert await _rows(slack) == before


@pytest.mark.parametrize("payload", [
    {"type": "block_actions", "user": {"id": "U0LEAD"}, "actions": "nope"},
    {"type": "view_submission", "user": {"id": "U0ALEX"}, "view": {"callback_id": "x"}},
    {"type": "view_submission", "user": {"id": "U0ALEX"},
     "view": {"callback_id": "report_question", "state": {"values": []}}},
    {"type": "block_actions", "user": {"id": "U0LEAD"},
     "actions": [{"action_id": "alert_acknowledge"}]},
    {"type": "shortcut", "callback_id": "report_global", "user": {"id": "U0ALEX"}},
    {"type": "event_callback", "event": "nope"},
])
async def test_odd_payloads_never_get_500(slack: SlackApp, payload: dict) -> None:
    if payload["type"] == "event_callback":
        reply = await slack.driver.post_event({**payload, "event_id": "Ev9"})
    else:
        reply = await slack.driver.post_payload(payload)
    assert reply.status < 500


async def test_event_retry_is_a_no_op(slack: SlackApp) -> None:
    assert (await slack.driver.home_opened("U0ALEX", "EvRETRY")).status == 200
    retry = await slack.driver.home_opened(
        "U0ALEX", "EvRETRY", headers={"X-Slack-Retry-Num": "1",
                                      "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status == 200
    assert len(slack.fake.called("views.publish")) == 1
    async with slack.runtime.database.sessions() as session:
        keys = list(await session.scalars(select(InboundRequest.request_key)))
    assert keys == [f"event:{hashlib.sha256(b'EvRETRY').hexdigest()}"]


async def test_submit_retry_creates_nothing_new(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0ALEX", "incident")
    await answer_until_review(slack, clock, "U0ALEX", [])
    review = dict(slack.driver.view_of("U0ALEX"))
    first = await slack.driver.submit("U0ALEX")
    assert first.json["view"]["callback_id"] == "report_done"
    rows = await _rows(slack)
    slack.driver.views["U0ALEX"] = review
    retry = await slack.driver.submit("U0ALEX", headers={"X-Slack-Retry-Num": "1"})
    assert retry.status == 200 and "already have been submitted" in retry.text
    assert await _rows(slack) == rows
    async with slack.runtime.database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Report)) == 1
        alerts = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert alerts == rows["outbox"]


async def test_url_verification(slack: SlackApp) -> None:
    reply = await slack.driver.post_event({"token": "t", "challenge": "abc123",
                                           "type": "url_verification"})
    assert reply.status == 200 and "abc123" in reply.text


async def test_someone_elses_form_is_refused(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0ALEX", "incident")
    slack.driver.views["U0JO"] = slack.driver.view_of("U0ALEX")
    reply = await slack.driver.submit("U0JO", "yes")
    assert "no report in progress" in reply.text
    async with slack.runtime.database.sessions() as session:
        from storage.repositories import flow_sessions
        row = await flow_sessions.find(session, "slack", "slack:T111:U0ALEX:report")
        theirs = await flow_sessions.find(session, "slack", "slack:T111:U0JO:report")
    assert theirs is None
    if row is not None:  # a new report is stored only with its own first answer
        state = open_flow_state(slack.runtime.keys, "slack", row.conversation_id,
                                row.state_sealed)
        assert state["answers"] == {}


@pytest.mark.parametrize("missing", ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"])
def test_refuses_to_start_without_secrets(slack_runtime: Runtime, missing: str) -> None:
    environ = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}
    environ[missing] = " "
    with pytest.raises(StartupError, match=missing):
        mount_slack(web.Application(), slack_runtime, environ)


def test_server_mounts_the_slack_endpoint(slack_runtime: Runtime) -> None:
    environ = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}
    app = create_server_app(slack_runtime, environ, "127.0.0.1")
    routes = {(r.method, r.resource.canonical) for r in app.router.routes() if r.resource}
    assert ("POST", EVENTS_PATH) in routes


async def test_unknown_reference_is_refused_without_echo(slack: SlackApp) -> None:
    payload = {"type": "block_actions", "user": {"id": "U0LEAD"}, "trigger_id": "1",
               "actions": [{"action_id": "alert.view", "value": "SG-2026-9999"}],
               "team": {"id": "T111"}, "channel": {"id": "C0ALERTS"}}
    reply = await slack.driver.post_payload(payload)
    assert reply.status == 200
    refusal = slack.fake.called("chat.postEphemeral")[-1].args
    assert refusal["text"] == no_such_report(None, Action.VIEW_DETAILS)
    assert json.dumps(refusal).count("SG-2026-9999") == 0
