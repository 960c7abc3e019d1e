"""Signed Slack requests with malformed bodies, odd shapes and Unicode edge cases."""

import time
from typing import Any
from urllib.parse import urlencode

from bot.clock import ManualClock
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import TEAM
from tests.adapters.slack.journey import answer_for
from tests.security.state import Watch

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
DEEP = 50_000
"""Nesting deep enough to exhaust a recursive JSON parser, well inside the body limit."""
MAY_GROW = frozenset({"audit_events", "chain_heads", "inbound_requests"})
"""Refusals are audited (issue 7, item 2; each audit entry moves its chain's head), accepted
events are remembered; nothing else."""
ODD_TEXT = {
    "nul": "a\x00b",
    "lone surrogate": "a\ud800b",
    "rtl override": "\u202eevil\u202c",
    "zero width": "U0\u200bLEAD",
    "zalgo": "z" + "\u0301" * 500,
    "emoji zwj": "👩‍👩‍👧‍👦" * 50,
}
LONG = "U" * 10_000
ODD_IDS = {name: ODD_TEXT[name] for name in ("nul", "lone surrogate", "rtl override")}
ODD_IDS["emoji"] = "U0👩‍👧"


def _malformed() -> dict[str, tuple[bytes, str]]:
    nested_payload = urlencode({"payload": "[" * DEEP + "]" * DEEP}).encode()
    return {
        "deeply nested json": (b"[" * DEEP + b"]" * DEEP, JSON),
        "deeply nested object": (b'{"type":' * DEEP + b"1" + b"}" * DEEP, JSON),
        "deeply nested payload": (nested_payload, FORM),
        "json not utf-8": (b'{"type": "\xff\xfe"}', JSON),
        "json with a bom": ('\ufeff{"type": "event_callback"}'.encode(), JSON),
        "json in utf-16": ('{"type": "event_callback"}'.encode("utf-16"), JSON),
        "json number too long": (b'{"type": "x", "n": ' + b"9" * 5000 + b"}", JSON),
        "json null": (b"null", JSON),
        "json type not a string": (b'{"type": {"a": 1}}', JSON),
        "form sent as json": (b"command=%2Freport&user_id=U0ALEX", JSON),
        "multipart": (b"--b\r\nContent-Disposition: form-data; name=\"payload\"\r\n\r\n{}\r\n"
                      b"--b--\r\n", "multipart/form-data; boundary=b"),
        "octet stream": (b"\x00\x01\x02", "application/octet-stream"),
        "empty payload": (b"payload=", FORM),
        "payload null": (b"payload=null", FORM),
        "percent garbage": (b"payload=%zz%", FORM),
        "nul in form": (b"command=/report\x00&user_id=", FORM),
    }


async def test_malformed_signed_bodies_get_400(slack: SlackApp) -> None:
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    answered = {}
    for case, (body, content_type) in _malformed().items():
        answered[case] = (await slack.driver.post(body, content_type)).status
    wrong = {case: status for case, status in answered.items() if status != 400}
    assert not wrong, wrong
    await watch.assert_untouched()


def _user(user: str) -> dict[str, str]:
    return {"id": user, "username": "x", "name": "x", "team_id": TEAM}


def _event(event_id: str, user: str = "U0ALEX") -> dict[str, Any]:
    return {"type": "event_callback", "event_id": event_id, "team_id": TEAM, "api_app_id": "A1",
            "event": {"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1",
                      "event_ts": "1.2"}, "event_time": int(time.time())}


def _command(user: str, text: str) -> dict[str, str]:
    return {"command": "/report", "user_id": user, "team_id": TEAM, "trigger_id": "1.2.3",
            "text": text}


def _submission(user: str, answer: str) -> dict[str, Any]:
    """An answer to a question nobody was asked (no report is in progress)."""
    return {"type": "view_submission", "user": _user(user), "team": {"id": TEAM},
            "view": {"id": "V1", "callback_id": "report_question",
                     "private_metadata": f"slack:{TEAM}:{user}:report",
                     "state": {"values": {"q:session_name": {"answer": {
                         "type": "plain_text_input", "value": answer}}}}}}


def _odd_requests() -> dict[str, tuple[str, Any]]:
    """(kind, body) pairs: 'event' envelopes, 'payload' interactions, 'form' commands."""
    cases: dict[str, tuple[str, Any]] = {}
    for name, text in ODD_IDS.items():  # ids Slack itself sends: defence in depth
        cases[f"event id: {name}"] = ("event", _event(f"Ev{text}"))
        cases[f"event user: {name}"] = ("event", _event(f"EvU{len(cases)}", text))
        cases[f"command user: {name}"] = ("form", _command(text, "incident"))
        cases[f"submission user: {name}"] = ("payload", _submission(text, "x"))
    for name, text in {**ODD_TEXT, "long": LONG}.items():  # what people type or click
        cases[f"command text: {name}"] = ("form", _command("U0ALEX", text))
        cases[f"view reference: {name}"] = ("payload", {
            "type": "block_actions", "user": _user("U0LEAD"), "trigger_id": "1.2.3",
            "team": {"id": TEAM}, "channel": {"id": "C0ALERTS"},
            "actions": [{"action_id": "alert.view", "value": text}]})
        cases[f"stray answer: {name}"] = ("payload", _submission("U0ALEX", text))
    cases["challenge not a string"] = ("event", {"type": "url_verification",
                                                 "challenge": {"a": [1]}})
    cases["event not an object"] = ("event", {"type": "event_callback", "event_id": "EvX",
                                              "event": [1, 2]})
    cases["event id not a string"] = ("event", {**_event("x"), "event_id": {"a": 1}})
    cases["datetime far away"] = ("payload", {
        "type": "view_submission", "user": _user("U0ALEX"), "team": {"id": TEAM},
        "view": {"id": "V1", "callback_id": "report_question",
                 "private_metadata": f"slack:{TEAM}:U0ALEX:report",
                 "state": {"values": {"q:occurred_at": {"answer": {
                     "type": "datetimepicker", "selected_date_time": 10**30}}}}}})
    cases["user is false"] = ("event", {"type": "event_callback", "event_id": "EvF",
                                        "user": False})
    cases["channel is a number"] = ("payload", {"type": "block_actions", "channel": 5,
                                                "user": _user("U0LEAD"), "actions": []})
    cases["actions not a list"] = ("payload", {"type": "block_actions", "user": _user("U0LEAD"),
                                               "actions": {"action_id": "alert_acknowledge"}})
    cases["view not an object"] = ("payload", {"type": "view_submission",
                                               "user": _user("U0ALEX"), "view": "nope"})
    cases["user not an object"] = ("payload", {"type": "block_actions", "user": "U0LEAD",
                                               "actions": [{"action_id": "alert_acknowledge",
                                                            "value": "SG-2026-0001"}]})
    return cases


async def test_odd_well_formed_requests_never_get_500_or_store_anything(slack: SlackApp
                                                                        ) -> None:
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    failed = {}
    for case, (kind, body) in _odd_requests().items():
        if kind == "event":
            reply = await slack.driver.post_event(body)
        elif kind == "payload":
            reply = await slack.driver.post_payload(body)
        else:  # a lone surrogate cannot be UTF-8: it arrives as the bytes a client would send
            form = urlencode(body, errors="surrogatepass").encode()
            reply = await slack.driver.post(form, FORM)
        if reply.status >= 500 or "could not be saved" in reply.text:
            failed[case] = reply.status
    changed = await watch.changed_tables()
    assert changed <= MAY_GROW, f"rows changed in {sorted(changed - MAY_GROW)}"
    sent = {call.method for call in watch.new_calls()}  # type: ignore[attr-defined]
    assert sent <= {"views.open", "views.publish", "chat.postEphemeral"}, sent
    assert not failed, failed


async def _at_session_name(slack: SlackApp, clock: ManualClock) -> int:
    """Open an incident report and answer up to its first free-text question; its limit."""
    await slack.driver.command("U0ALEX", "incident")
    for _ in range(5):
        block = slack.driver.input_block("U0ALEX")
        assert block is not None
        if block["element"]["type"] == "plain_text_input":
            return int(block["element"]["max_length"])
        await slack.driver.submit("U0ALEX", answer_for(slack.runtime, clock, block, [], {}))
    raise AssertionError("no free-text question")


async def test_answers_over_the_flows_limits_get_a_clear_error(slack: SlackApp,
                                                               clock: ManualClock) -> None:
    limit = await _at_session_name(slack, clock)
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    for size in (limit + 1, 200_000):  # Slack's own form stops at max_length: a forged one
        reply = await slack.driver.submit("U0ALEX", "x" * size)
        assert reply.status == 200 and reply.json.get("response_action") == "errors", reply.text
        [message] = reply.json["errors"].values()
        assert f"under {limit} characters" in message and len(message) <= 500
    await watch.assert_untouched()


async def test_unicode_answers_are_kept_or_refused_with_a_reason(slack: SlackApp,
                                                                 clock: ManualClock) -> None:
    await _at_session_name(slack, clock)
    question = slack.driver.view_of("U0ALEX")
    failed = {}
    for name, text in ODD_TEXT.items():
        slack.driver.views["U0ALEX"] = question
        reply = await slack.driver.submit("U0ALEX", text[:150])
        action = reply.json.get("response_action") if reply.text else None
        if reply.status != 200 or "could not be saved" in reply.text or action is None:
            failed[name] = (reply.status, reply.text[:200])
        elif action == "update":  # accepted: go back to the same question for the next case
            await slack.driver.press_in_modal("U0ALEX", "report_back")
    assert not failed, failed
