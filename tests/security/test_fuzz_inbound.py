"""Property-based: arbitrary bodies at /slack/events and arbitrary activities at /api/messages.

Every example compares the database and the outbound calls before and after itself."""

import json
import time
from typing import Any
from urllib.parse import urlencode

from hypothesis import event, example, given
from hypothesis import strategies as st

from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import sign
from tests.adapters.teams.harness import Teams
from tests.security.conftest import Shared
from tests.security.state import Watch
from tests.security.strategies import JSON, OVER_HTTP, TEXT, with_overrides

CONTENT_TYPES = st.sampled_from(["application/x-www-form-urlencoded", "application/json",
                                 "text/plain", "multipart/form-data; boundary=x", ""])
SIGNING = st.sampled_from(["valid", "forged", "stale", "missing"])
SLACK_TYPES = st.sampled_from(["event_callback", "url_verification", "block_actions",
                               "view_submission", "view_closed", "shortcut", "message_action",
                               "block_suggestion", "app_rate_limited"]) | TEXT
NEVER_BY_CHANCE = ("reports", "outbox", "timers", "reference_counters")
"""No arbitrary request can file a report, so these never change in these tests."""


def _headers(body: bytes, signing: str, content_type: str) -> dict[str, str]:
    headers = {"Content-Type": content_type} if content_type else {}
    if signing == "valid":
        headers.update(sign(body))
    elif signing == "forged":
        headers.update(sign(body, secret="guessed"))
    elif signing == "stale":
        headers.update(sign(body, timestamp=int(time.time()) - 3600))
    return headers


async def _check_slack(slack: SlackApp, body: bytes, signing: str, content_type: str) -> None:
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    response = await slack.driver.client.post("/slack/events", data=body,
                                              headers=_headers(body, signing, content_type))
    assert response.status < 500, (response.status, body[:200])
    event(f"HTTP {response.status}")  # shown by --hypothesis-show-statistics
    changed = await watch.changed_tables()
    assert not changed & set(NEVER_BY_CHANCE), changed
    if signing != "valid":
        assert response.status == 401
    if response.status >= 400 or signing != "valid":
        assert not changed, changed
        assert watch.new_calls() == []


@OVER_HTTP
@given(body=st.binary(max_size=2000), signing=SIGNING, content_type=CONTENT_TYPES)
async def test_arbitrary_bytes_at_slack_events(shared_slack: Shared[SlackApp], body: bytes,
                                               signing: str, content_type: str) -> None:
    await _check_slack(shared_slack.app, body, signing, content_type)


def _slack_json(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "type": kind}


SLACK_OBJECTS = st.builds(_slack_json, SLACK_TYPES, st.dictionaries(
    st.sampled_from(["event", "event_id", "user", "team", "actions", "view", "challenge",
                     "trigger_id", "callback_id", "container", "channel"]) | TEXT,
    JSON, max_size=6))


@OVER_HTTP
@given(data=SLACK_OBJECTS, as_form=st.booleans(), signing=st.sampled_from(["valid", "forged"]))
@example(data={"type": "event_callback", "user": False}, as_form=False, signing="valid")
async def test_arbitrary_json_at_slack_events(shared_slack: Shared[SlackApp],
                                              data: dict[str, Any], as_form: bool,
                                              signing: str) -> None:
    if as_form:
        body = urlencode({"payload": json.dumps(data)}).encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        body, content_type = json.dumps(data).encode(), "application/json"
    await _check_slack(shared_slack.app, body, signing, content_type)


COMMANDS = st.fixed_dictionaries(
    {"command": st.sampled_from(["/report", "/other"]) | TEXT, "text": TEXT},
    optional={"user_id": TEXT, "team_id": TEXT, "trigger_id": TEXT, "ssl_check": TEXT})


@OVER_HTTP
@given(form=COMMANDS)
async def test_arbitrary_commands_at_slack_events(shared_slack: Shared[SlackApp],
                                                  form: dict[str, str]) -> None:
    body = urlencode(form, errors="surrogatepass").encode()
    await _check_slack(shared_slack.app, body, "valid", "application/x-www-form-urlencoded")


TEAMS_TYPES = st.sampled_from(["message", "invoke", "conversationUpdate", "installationUpdate",
                               "typing", "event", "messageReaction"]) | TEXT


@OVER_HTTP
@given(kind=TEAMS_TYPES, extra=st.data())
async def test_arbitrary_activities_at_api_messages(shared_teams: Shared[Teams], kind: str,
                                                    extra: st.DataObject) -> None:
    teams = shared_teams.app
    base = teams.base(kind, "29:alex", teams.personal("29:alex"))
    activity = extra.draw(with_overrides({**base, "text": "hello", "value": {}, "name": "x"}))
    activity.update(serviceUrl=teams.connector.service_url, channelId="msteams")
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    response = await teams.client.post("/api/messages", json=activity, headers={
        "Authorization": f"Bearer {teams.connector.token()}"})
    assert response.status < 500, (response.status, activity)
    event(f"HTTP {response.status}")
    changed = await watch.changed_tables()
    assert not changed & set(NEVER_BY_CHANCE), changed
    if response.status >= 400:
        assert not changed, changed
        assert watch.new_calls() == []


DIALOG_VERBS = st.sampled_from([
    "report.open", "report.resume", "report.answer", "report.back", "report.edit",
    "report.submit", "report.cancel", "quick.complete", "followup.open", "followup.answer",
    "followup.hide"]) | TEXT


@OVER_HTTP
@given(name=st.sampled_from(["task/fetch", "task/submit"]), verb=DIALOG_VERBS,
       extra=st.data())
async def test_arbitrary_dialog_invokes(shared_teams: Shared[Teams], name: str, verb: str,
                                        extra: st.DataObject) -> None:
    """Whatever a dialog sends back, the answer is a dialog response (or nothing), never a
    500, and nothing is filed or posted with what it carried."""
    teams = shared_teams.app
    data = extra.draw(with_overrides({
        "verb": verb, "step": "kind", "field": "single_choice", "answer": "x", "draft": {},
        "form": "m1", "reference": "SG-2026-0001", "number": 1, "followup_answer": "x"}))
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    response = await teams.client.post("/api/messages", json=teams.task(
        "29:alex", name, data, "m1"), headers={
        "Authorization": f"Bearer {teams.connector.token()}"})
    assert response.status == 200, (response.status, data)
    body = await response.read()
    if body:
        task = json.loads(body)["task"]
        assert task["type"] in ("continue", "message"), task
        event(f"dialog {task['type']}")
    changed = await watch.changed_tables()
    assert not changed & set(NEVER_BY_CHANCE), changed
    assert [call for call in watch.new_calls() if call.method == "PUT"] == []  # type: ignore[attr-defined]
