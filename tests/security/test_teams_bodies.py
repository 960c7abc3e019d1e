"""Teams activities: malformed bodies, odd shapes, Unicode edge cases, over-long answers."""

import json
from typing import Any

from tests.adapters.teams.driver import Filler, action, dialog_card, inputs
from tests.adapters.teams.harness import Teams
from tests.security.state import Watch

ALEX = "29:alex"
DEEP = 50_000
MAY_GROW = frozenset({"platform_conversations", "inbound_requests", "audit_events",
                      "chain_heads"})
"""Conversation references are kept for every accepted activity, refusals are audited (each
audit entry moves its chain's head)."""
ODD_TEXT = {
    "nul": "a\x00b", "lone surrogate": "a\ud800b", "rtl override": "\u202eevil\u202c",
    "zalgo": "z" + "\u0301" * 500, "emoji zwj": "👩‍👩‍👧‍👦" * 50,
}


def _malformed() -> dict[str, bytes]:
    return {
        "deeply nested array": b"[" * DEEP + b"]" * DEEP,
        "deeply nested object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        "not utf-8": b'{"type": "message", "text": "\xff\xfe"}',
        "utf-16": json.dumps({"type": "message"}).encode("utf-16"),
        "number too long": b'{"type": "message", "n": ' + b"9" * 5000 + b"}",
        "empty": b"",
        "nul byte": b"\x00",
    }


async def _post(teams: Teams, body: bytes | str, token: bool = True) -> int:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {teams.connector.token()}"
    response = await teams.client.post("/api/messages", data=body, headers=headers)
    return response.status


async def test_malformed_bodies_get_400_with_or_without_a_token(teams: Teams) -> None:
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    answered = {}
    for case, body in _malformed().items():
        answered[f"{case} (signed in)"] = await _post(teams, body)
        answered[f"{case} (no token)"] = await _post(teams, body, token=False)
    wrong = {case: status for case, status in answered.items()
             if status not in (400, 401)}  # refusing before reading the body is right too
    assert not wrong, wrong
    await watch.assert_untouched()


def _odd_activities(teams: Teams) -> dict[str, dict[str, Any]]:
    base = teams.message(ALEX, "hello")
    cases: dict[str, dict[str, Any]] = {
        "timestamp not a date": {**base, "timestamp": "yesterday-ish"},
        "from is a list": {**base, "from": [1, 2]},
        "conversation is a string": {**base, "conversation": "a:1"},
        "channelData is a string": {**base, "channelData": "x"},
        "tenant is a list": {**base, "channelData": {"tenant": [1]}},
        "entities not a list": {**base, "entities": "x"},
        "attachments not a list": {**base, "attachments": {"a": 1}},
        "text is an object": {**base, "text": {"a": 1}},
        "id is an object": {**base, "id": {"a": 1}},
        "no conversation": {**base, "type": "installationUpdate", "conversation": None},
        "recipient missing": {k: v for k, v in base.items() if k != "recipient"},
        "members added not a list": {**teams.install_personal(ALEX), "membersAdded": {"a": 1}},
        "invoke value is a list": {**teams.invoke(ALEX, "report.answer", {}, "m1"),
                                   "value": [1]},
        "invoke data is a string": {**teams.invoke(ALEX, "report.answer", {}, "m1"),
                                    "value": {"action": {"verb": "report.answer",
                                                         "data": "x"}}},
        "alert view with an object": teams.invoke("29:lead", "alert.view",
                                                  {"reference": {"a": 1}}, "m1"),
    }
    for name, text in ODD_TEXT.items():
        cases[f"text: {name}"] = teams.message(ALEX, text)
        cases[f"sender id: {name}"] = teams.message(f"29:{text}", "hello")
        cases[f"conversation id: {name}"] = {**base, "conversation": {
            "conversationType": "personal", "id": f"a:{text}"}}
        cases[f"reference: {name}"] = teams.invoke("29:lead", "alert.view",
                                                   {"reference": text}, "m1")
    cases["text: long"] = teams.message(ALEX, "report " + "x" * 100_000)
    return cases


async def test_odd_activities_never_get_500_or_store_anything(teams: Teams) -> None:
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    failed = {}
    for case, activity in _odd_activities(teams).items():
        status = await _post(teams, json.dumps(activity))
        if status >= 500:
            failed[case] = status
    changed = await watch.changed_tables()
    assert changed <= MAY_GROW | {"flow_sessions"}, sorted(changed - MAY_GROW)
    assert not failed, failed


async def _at_free_text(teams: Teams) -> dict[str, Any]:
    """Start an incident report in its dialog and answer up to its first free-text question."""
    await teams.post(teams.message(ALEX, "report incident"))
    start = teams.connector.records[-1]
    opener = action(start.cards[0], "report.open")["data"]
    card, filler = dialog_card(await teams.fetch(ALEX, opener, start.new_id)), Filler()
    for _ in range(6):
        [element] = inputs(card)[:1]
        if element["type"] == "Input.Text":
            return card
        button = action(card, "report.answer")["data"]
        data = {**button, **filler.answer(button["step"], button["field"], card)}
        card = dialog_card(await teams.submit(ALEX, data))
    raise AssertionError("no free-text question")


async def test_answers_over_the_limit_get_a_clear_error(teams: Teams) -> None:
    card = await _at_free_text(teams)
    limit = inputs(card)[0]["maxLength"]
    button = action(card, "report.answer")["data"]
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    for size in (limit + 1, 200_000):  # the card stops at maxLength: a forged invoke
        shown = await teams.submit(ALEX, {**button, "answer": "x" * size})
        assert f"under {limit} characters" in json.dumps(dialog_card(shown)), shown
    assert await watch.changed_tables() <= {"inbound_requests"}
    assert not watch.new_calls(), "the error is shown in the dialog only"


async def test_unicode_answers_are_kept_or_refused_with_a_reason(teams: Teams) -> None:
    card = await _at_free_text(teams)
    button = action(card, "report.answer")["data"]
    failed = {}
    for name, text in ODD_TEXT.items():
        shown = await teams.submit(ALEX, {**button, "answer": text[:150]})
        task = (shown or {}).get("task", {})
        if task.get("type") != "continue":
            failed[name] = shown
            continue
        moved_on = dialog_card(shown)
        if action(moved_on, "report.answer")["data"]["step"] != button["step"]:
            await teams.submit(ALEX, action(moved_on, "report.back")["data"])
    assert not failed, failed
