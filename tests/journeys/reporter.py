"""A person filing a report over signed Slack HTTP requests to a `serve` subprocess.

The server may be killed at any moment: a request that gets no answer is sent again once a
server is listening again (a person pressing the button again), up to a bounded number of
times. A report counts as confirmed only when the server answered with its reference.
"""

import asyncio
import functools
import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp

from adapters.slack import ids
from bot.flow.definition import FlowDefinition
from tests.adapters.slack.driver import Reply, SlackDriver
from tests.journeys.serve_slack import REFERENCE

MAX_STEPS = 60
MAX_TRIES = 6
WAIT_FOR_SERVER = 60.0
REQUEST_SECONDS = 15.0


class HttpSlack:
    """Plays Slack's side of the Request URL: posts to whichever server is listening now."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.base = ""
        self.up = asyncio.Event()
        self.sent = 0
        self.on_send: Callable[[int], None] | None = None
        """Called with the running count as each request goes out (to time a kill)."""

    def serve_at(self, base: str) -> None:
        self.base = base
        self.up.set()

    def down(self) -> None:
        self.up.clear()

    async def post(self, path: str, data: bytes, headers: dict[str, str]
                   ) -> aiohttp.ClientResponse:
        await asyncio.wait_for(self.up.wait(), WAIT_FOR_SERVER)
        self.sent += 1
        if self.on_send is not None:
            self.on_send(self.sent)
        return await self.session.post(self.base + path, data=data, headers=headers,
                                       timeout=aiohttp.ClientTimeout(total=REQUEST_SECONDS))


@dataclass
class Reporter(SlackDriver):
    """One person's Slack client: its own trigger ids, so concurrent people don't mix views."""

    retried: int = 0
    _issued: set[str] = field(default_factory=set)
    _serial: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _own: itertools.count = field(default_factory=lambda: itertools.count(1))

    def trigger(self) -> str:
        issued = f"{next(self._own)}.{self._serial}.trigger"
        self._issued.add(issued)
        return issued

    def _track_opened(self, user: str, before: int) -> None:
        mine = self.views.get(user, {}).get("id")
        for call in self.fake.calls[before:]:
            ours = call.args.get("trigger_id") in self._issued or (
                mine and call.args.get("view_id") == mine)
            opened = call.method in ("views.open", "views.update") and call.response.get("ok")
            if ours and opened and call.response["view"].get("type") == "modal":
                self.views[user] = call.response["view"]

    async def again(self, action: Callable[[], Awaitable[Reply]]) -> Reply:
        """Do it; if the server died under it, do it again when one is listening."""
        for attempt in range(MAX_TRIES):
            try:
                return await action()
            except (aiohttp.ClientError, TimeoutError):
                if attempt == MAX_TRIES - 1:
                    raise
                self.retried += 1
                await asyncio.sleep(0.05)  # let the killer mark the server down first
        raise AssertionError("unreachable")


def answer_for(flows: dict[str, FlowDefinition], block: dict[str, Any]) -> Any:
    step = ids.step_of_block(block["block_id"]) or ""
    kind = "single_choice"  # the kind chooser
    for flow in flows.values():
        if flow.has_step(step):
            step_type = flow.step(step).type
            kind = step_type.value if step_type else "short_text"
    options = [o["value"] for o in block["element"].get("options", [])]
    now = datetime.now(UTC)
    answers: dict[str, Any] = {
        "short_text": "Nothing identifying here", "long_text": "Nothing identifying here",
        "initials": "JS", "yes_no": "no", "date": now.date().isoformat(),
        "datetime": int((now - timedelta(hours=2)).timestamp()),
    }
    if kind in ("single_choice", "staff_member"):
        return options[0]
    if kind == "multi_choice":
        return [options[0]]
    return answers[kind]


async def file_report(reporter: Reporter, flows: dict[str, FlowDefinition], user: str,
                      kind_word: str) -> str | None:
    """/report, every question, submit. The reference if the server confirmed it, else None
    (the final answer was lost in a crash: the report may or may not have been stored)."""
    await reporter.again(lambda: reporter.command(user, kind_word))
    for _ in range(MAX_STEPS):
        view = reporter.views.get(user)
        assert view is not None, f"{user}: no form was opened"
        if view["callback_id"] == ids.REVIEW_VIEW:
            done = await reporter.again(lambda: reporter.submit(user))
            body = done.json.get("view") or {}
            found = REFERENCE.search(str(body.get("blocks")))
            if body.get("callback_id") == ids.DONE_VIEW and "Your reference is" in str(body):
                assert found, body
                return found.group(0)
            if body.get("callback_id") == ids.DONE_VIEW:
                return None  # "already submitted": the answer to the first try was lost
            continue  # out of date: the driver now shows where the report really is
        block = reporter.input_block(user)
        assert view["callback_id"] == ids.QUESTION_VIEW and block is not None, view
        answer = answer_for(flows, block)
        reply = await reporter.again(functools.partial(reporter.submit, user, answer))
        assert reply.status == 200, reply.text
        assert reply.json.get("response_action") == "update", reply.text
    raise AssertionError(f"{user}: the flow did not reach the review")
