"""The Slack side of serve journeys: a fake Web API with faults and a held post, and counting.

The fake runs in the test process on an ephemeral port. Delivered messages are the
chat.postMessage calls it answered ok: one per message a person would see in Slack.
"""

import asyncio
import contextlib
import re
from collections import Counter, deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from adapters.slack.client import TIMEOUT_SECONDS
from bot.domain import REFERENCE_PATTERN
from tests.adapters.slack.fake_slack import Call, FakeSlack

POST = "chat.postMessage"
REFERENCE = re.compile(rf"\b{REFERENCE_PATTERN}\b")
STEP = re.compile(r"Escalation (\d+)")
STALL_SECONDS = TIMEOUT_SECONDS + 1.0
"""A stalled answer outlasts the bot's Slack client timeout."""
HOLD_SECONDS = 30.0


@dataclass(frozen=True)
class Fault:
    kind: str
    """429 (with retry_after), 500, timeout (never posted), slow (posted after `seconds`,
    within the bot's timeout) or lost (posted, then the connection drops: outcome unknown)."""
    retry_after: int | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Seen:
    """One message as a person sees it: where, which report, what, which escalation step."""

    channel: str
    reference: str
    what: str
    step: int


def seen(call: Call) -> Seen:
    text = str(call.args.get("text", ""))
    found = REFERENCE.search(text)
    what = ("receipt" if text.startswith("Receipt") else
            "alert" if "please acknowledge" in text else "other")
    blocks = call.args.get("blocks") or []
    heading = str(blocks[0].get("text", {}).get("text", "")) if blocks else ""
    step = STEP.search(heading)
    return Seen(str(call.args.get("channel")), found.group(0) if found else "?", what,
                int(step.group(1)) if step else 0)


def is_delivered(call: Call) -> bool:
    return call.method == POST and call.status == 200 and bool(call.response.get("ok"))


class _Calls(list[Call]):
    """The fake's call log, also remembering which request (task) recorded each call."""

    def __init__(self) -> None:
        super().__init__()
        self.by_task: dict[asyncio.Task[Any], Call] = {}

    def append(self, call: Call) -> None:
        super().append(call)
        task = asyncio.current_task()
        if task is not None:
            self.by_task[task] = call


class PlatformFake(FakeSlack):
    """FakeSlack plus scripted faults on chat.postMessage, a held post, and history lookups.

    conversations.history (with message metadata) and conversations.open are answered so that
    a transport which looks up an in-doubt post before re-posting can be tested here as is.
    """

    def __init__(self) -> None:
        super().__init__()
        self.calls = self._log = _Calls()
        self.faults: deque[Fault] = deque()
        self.hold_at: int | None = None
        """Hold the answer to the post that makes this many deliveries (Slack has posted it)."""
        self.held = asyncio.Event()
        self.release = asyncio.Event()
        self.closing = asyncio.Event()
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.answered: list[tuple[float, Call]] = []
        """Each chat.postMessage call with the loop time its answer was ready."""
        self.stalled = asyncio.Event()

    async def close(self) -> None:
        self.closing.set()
        self.release.set()
        await super().close()

    def delivered(self) -> list[Call]:
        return [c for c in self.calls if is_delivered(c)]

    def counts(self) -> Counter[Seen]:
        """How often each alert and receipt was delivered."""
        return Counter(s for s in map(seen, self.delivered()) if s.what != "other")

    def failed_posts(self) -> int:
        return sum(1 for c in self.calls if c.method == POST and not is_delivered(c))

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.closing.wait(), seconds)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != POST:
            return await super()._handle(request)
        try:
            return await self._post(request)
        finally:
            task = asyncio.current_task()
            mine = self._log.by_task.pop(task, None) if task is not None else None
            if mine is not None:
                self.answered.append((asyncio.get_running_loop().time(), mine))

    async def _post(self, request: web.Request) -> web.Response:
        fault = self.faults.popleft() if self.faults else None
        if fault is None:
            response = await super()._handle(request)
            if self.hold_at is not None and len(self.delivered()) >= self.hold_at:
                self.hold_at = None
                self.held.set()
                await asyncio.wait_for(self.release.wait(), HOLD_SECONDS)
            return response
        if fault.kind in ("429", "500"):
            self.fail(POST, int(fault.kind), retry_after=fault.retry_after)
            return await super()._handle(request)
        if fault.kind == "timeout":  # Slack gives up on it (504) long after the bot has
            self.fail(POST, 504)
            response = await super()._handle(request)
            self.stalled.set()
            await self._pause(STALL_SECONDS)
            return response
        if fault.kind == "slow":
            response = await super()._handle(request)
            await self._pause(fault.seconds)
            return response
        response = await super()._handle(request)  # lost: posted, then the connection drops
        if request.transport is not None:
            request.transport.close()
        return response

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        answer = super()._answer(method, args)
        if method == POST:
            self.history.setdefault(answer["channel"], []).append(
                {"type": "message", "ts": answer["ts"], "text": args.get("text"),
                 "metadata": args.get("metadata")})
        elif method == "conversations.open":
            users = str(args.get("users", ""))
            answer = {"ok": True, "channel": {"id": "D" + users[1:]}}
        elif method == "conversations.history":
            answer = self._history(args)
        return answer

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if channel[:1] in ("U", "W"):
            return {"ok": False, "error": "channel_not_found"}
        messages = [m for m in reversed(self.history.get(channel, []))
                    if float(m["ts"]) >= float(args.get("oldest") or 0)]
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        shown = [{k: v for k, v in m.items() if v is not None
                  and (with_metadata or k != "metadata")} for m in messages]
        limit = int(args.get("limit") or 100)
        return {"ok": True, "messages": shown[:limit], "has_more": len(shown) > limit}


def expected_messages(reference: str, reporter: str) -> set[Seen]:
    """What the example organisation's routing sends for a new report (before any step)."""
    people = {"SG": ("U0LEAD", "U0DEPUTY"), "OI": ("U0LEAD", "U0DEPUTY"),
              "CB": ("U0LEAD", "U0DEPUTY", "U0DPL")}[reference[:2]]
    alerts = {Seen(channel, reference, "alert", 0) for channel in ("C0ALERTS", *people)}
    return alerts | {Seen(reporter, reference, "receipt", 0)}


def duplicates(counts: Counter[Seen]) -> dict[Seen, int]:
    """Alerts and receipts seen more than once (other messages are not identified here)."""
    return {key: n for key, n in counts.items() if n > 1 and key.what != "other"}


async def wait_until(condition: Any, seconds: float, step: float = 0.1) -> bool:
    """Poll `condition()` (sync or async) until it is true or `seconds` pass."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(step)
