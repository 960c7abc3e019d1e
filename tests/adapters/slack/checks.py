"""Checks on what we sent to Slack: valid Block Kit within limits, known methods, no content.

`check_calls` (run on every fake Web API's calls) checks views and blocks with slack_sdk's own
models (and that no optional input says "(optional)" twice), and notes each method and its
arguments; test_web_api_spec.py checks those against the
official Web API spec (tests/specs.py) after every other test has run."""

import json
from functools import cache
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.adapters.slack.fake_slack import Call
from tests.specs import load_spec

MESSAGE_METHODS = ("chat.postMessage", "chat.update", "chat.postEphemeral")
WEB_API_SPEC = "slackapi__slack-api-specs/web-api/slack_web_openapi_v2.json"
NEWER = frozenset({"view", "blocks", "unfurl_links", "unfurl_media", "hash", "metadata",
                   "include_all_metadata"})
"""Arguments newer than the stored OpenAPI spec (it froze in 2020)."""
SEEN_CALLS: set[tuple[str, frozenset[str]]] = set()


@cache
def _spec() -> dict[str, Any]:
    return load_spec(WEB_API_SPEC)


def web_api_methods() -> frozenset[str]:
    return frozenset(name.strip("/") for name in _spec()["paths"])


def web_api_parameters(method: str) -> frozenset[str]:
    operations = _spec()["paths"][f"/{method}"].values()
    return frozenset(p["name"] for op in operations for p in op.get("parameters", []))


def call_problems(method: str, arguments: frozenset[str]) -> list[str]:
    """Why this call is not in the Web API spec (empty: it is)."""
    if method not in web_api_methods():
        return [f"{method} is not a Slack Web API method"]
    extra = arguments - web_api_parameters(method) - NEWER
    return [f"{method}: unknown arguments {sorted(extra)}"] if extra else []


def check_view(payload: dict[str, Any]) -> View:
    """Parse a view as slack_sdk would and apply its limits (titles, blocks, lengths)."""
    data = {k: v for k, v in payload.items()
            if k not in ("id", "hash", "team_id", "state", "app_id", "bot_id", "root_view_id",
                         "previous_view_id", "external_id", "app_installed_team_id")}
    view = View(**data)
    view.validate_json()
    assert len(view.blocks) <= 100
    if view.title is not None:
        assert len(view.title.text) <= 24
    for block in view.blocks:
        block.validate_json()
    assert optional_marked_twice(payload) == [], optional_marked_twice(payload)
    if view.type == "modal":
        assert len(json.dumps(payload.get("private_metadata") or "")) <= 3000
    return view


def optional_marked_twice(view: dict[str, Any]) -> list[str]:
    """Labels of optional inputs that say "(optional)" themselves: Slack adds its own, so the
    person would read it twice."""
    return [block["label"]["text"] for block in view.get("blocks") or []
            if block.get("type") == "input" and block.get("optional")
            and str(block.get("label", {}).get("text", "")).rstrip().endswith("(optional)")]


def check_blocks(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50, "messages carry at most 50 blocks"
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()


def check_calls(calls: list[Call]) -> None:
    for call in calls:
        SEEN_CALLS.add((call.method, frozenset(call.args)))
        if "view" in call.args:
            check_view(call.args["view"])
        if "blocks" in call.args:
            check_blocks(call.args["blocks"])


def assert_no_content(calls: list[Call], planted: list[str]) -> None:
    """No report content may ever appear in a message: only in modals."""
    for call in calls:
        if call.method in MESSAGE_METHODS:
            text = json.dumps(call.args)
            for secret in planted:
                assert secret not in text, f"report content leaked into {call.method}"


def texts(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def text_objects(node: object, kind: str) -> list[str]:
    """Every text of the given type ('mrkdwn' or 'plain_text') anywhere in a view or blocks."""
    found: list[str] = []
    if isinstance(node, dict):
        if node.get("type") == kind and isinstance(node.get("text"), str):
            found.append(node["text"])
        for value in node.values():
            found.extend(text_objects(value, kind))
    elif isinstance(node, list):
        for value in node:
            found.extend(text_objects(value, kind))
    return found


def typed_text_is_inert(view: object, typed: str) -> bool:
    """What a person typed appears only as plain text: never in mrkdwn, where it could ping,
    link or fake formatting."""
    in_mrkdwn = any(typed in text for text in text_objects(view, "mrkdwn"))
    in_plain = any(typed in text for text in text_objects(view, "plain_text"))
    return in_plain and not in_mrkdwn
