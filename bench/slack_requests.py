"""Signed Slack requests for the load (slash commands and modal submissions), and flows
seeded at their review step so each submission files a real report."""

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import insert

from adapters.slack import ids
from bench.load import Request
from bench.servers import SECRET
from bot import reporting
from bot.flow.runner import AnswerInput
from bot.records import seal_flow_state
from bot.runtime import Runtime
from bot.ui import Question
from storage.models import FlowSession

TEAM = "T111"
FORM = "application/x-www-form-urlencoded"


def signed(path: str, body: bytes, content_type: str = FORM, stamp: int | None = None
           ) -> Request:
    """Slack's v0 signature, made once per body (a timestamp stays valid for 5 minutes)."""
    ts = str(stamp or int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return path, {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                  "X-Slack-Signature": f"v0={digest.hexdigest()}"}, body


def user(tag: str, n: int) -> str:
    return f"UB{tag}{n:07d}"


def report_commands(tag: str, count: int, text: str = "incident") -> Iterator[Request]:
    """/report from `count` different people (each opens a new report's first question)."""
    stamp = int(time.time())
    for n in range(count):
        who = user(tag, n)
        body = urlencode({
            "token": "t", "team_id": TEAM, "team_domain": "example", "channel_id": "C0GENERAL",
            "channel_name": "general", "user_id": who, "user_name": who.lower(),
            "command": ids.COMMAND, "text": text, "api_app_id": "A111",
            "response_url": "https://hooks.slack.com/commands/T111/1/x",
            "trigger_id": f"{n}.111.trigger",
        }).encode()
        yield signed("/slack/events", body, stamp=stamp)


def submissions(tag: str, count: int) -> Iterator[Request]:
    """Each person presses "Submit report" on the review modal (their flow is seeded)."""
    stamp = int(time.time())
    for n in range(count):
        yield signed("/slack/events", submission_body(tag, n), stamp=stamp)


def submission_body(tag: str, n: int) -> bytes:
    who = user(tag, n)
    conversation = ids.conversation_id(TEAM, who)
    payload = {
        "type": "view_submission", "team": {"id": TEAM, "domain": "example"},
        "user": {"id": who, "username": who.lower(), "name": who.lower(), "team_id": TEAM},
        "api_app_id": "A111", "token": "t", "trigger_id": f"{n}.222.trigger",
        "view": {"id": f"VB{n}", "hash": "1.h", "type": "modal", "callback_id": ids.REVIEW_VIEW,
                 "private_metadata": conversation, "state": {"values": {}}, "blocks": [],
                 "app_id": "A111", "bot_id": "B111", "root_view_id": f"VB{n}",
                 "previous_view_id": None, "external_id": "", "app_installed_team_id": TEAM},
        "response_urls": [], "is_enterprise_install": False, "enterprise": None,
    }
    return urlencode({"payload": json.dumps(payload, separators=(",", ":"))}).encode()


def review_state(runtime: Runtime, flow_id: str = "operational_incident") -> dict[str, Any]:
    """A flow answered up to its review, through the real runner (no storage)."""
    runner = reporting.runner_for(runtime, flow_id, False)
    context = reporting.hook_context(runtime)
    result = runner.start(context, False)
    for _ in range(60):
        if result.progress.reviewing:
            return result.progress.to_json()
        question = next(r for r in result.replies if isinstance(r, Question))
        result = runner.handle(result.progress, AnswerInput(_answer(question)), context)
    raise RuntimeError("the flow did not reach its review")


def _answer(q: Question) -> str | list[str]:
    options = [o.value for o in q.options]
    if q.field_type == "multi_choice":
        return [options[0]]
    if options:
        return "no" if "no" in options else options[0]
    if q.field_type == "yes_no":
        return "no"
    if q.field_type == "datetime":
        return "yesterday 14:00"
    if q.field_type == "date":
        return "yesterday"
    if q.field_type == "initials":
        return "JS"
    return "JS was upset after the session; notes kept."


async def seed_reviews(runtime: Runtime, tag: str, count: int) -> None:
    """`count` people with a report waiting at its review step, in one transaction."""
    state = review_state(runtime)
    now = runtime.clock.now()
    rows = []
    for n in range(count):
        who = user(tag, n)
        conversation = ids.conversation_id(TEAM, who)
        rows.append({"platform": ids.PLATFORM, "conversation_id": conversation,
                     "user_id": who, "flow_id": state["flow_id"],
                     "state_sealed": seal_flow_state(runtime.keys, ids.PLATFORM, conversation,
                                                     state),
                     "created_at": now, "updated_at": now, "version": 1})
    async with runtime.database.transaction() as session:
        for start in range(0, len(rows), 2000):
            await session.execute(insert(FlowSession), rows[start:start + 2000])
