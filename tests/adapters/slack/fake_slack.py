"""A fake Slack Web API on an ephemeral port: records every call and answers like Slack."""

import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from aiohttp.test_utils import TestServer

TOKEN = "xoxb-test-token"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    response: dict[str, Any] = field(default_factory=dict)
    status: int = 200


@dataclass
class Failure:
    status: int
    error: str | None
    retry_after: int | None
    times: int


def _decode(value: Any) -> Any:
    """Form-encoded arguments carry JSON as strings (views, blocks): decode those."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, Failure] = {}
        self._ts = itertools.count(1)
        self._views = itertools.count(1)
        self.app = web.Application()
        self.app.router.add_route("*", "/api/{method}", self._handle)
        self.server = TestServer(self.app, host="127.0.0.1", port=0)

    async def start(self) -> str:
        await self.server.start_server()
        return str(self.server.make_url("/api/"))

    async def close(self) -> None:
        await self.server.close()

    def fail(self, method: str, status: int = 500, error: str | None = None,
             retry_after: int | None = None, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail (HTTP status, or ok:false with error)."""
        self.failures[method] = Failure(status, error, retry_after, times)

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = {k: v[0] for k, v in parse_qs(request.query_string).items()}
        raw = await request.text()
        if request.content_type == "application/json" and raw:
            args.update(json.loads(raw))
        elif raw:
            args.update({k: v[0] for k, v in parse_qs(raw).items()})
        args = {k: _decode(v) for k, v in args.items()}
        auth = request.headers.get("Authorization", "")
        call = Call(method, args, auth.removeprefix("Bearer ") or None)
        self.calls.append(call)
        failure = self.failures.get(method)
        if failure and failure.times > 0:
            failure.times -= 1
            call.status = failure.status
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            if failure.status == 200:
                call.response = {"ok": False, "error": failure.error or "fatal_error"}
                return web.json_response(call.response, headers=headers)
            return web.Response(status=failure.status, text="upstream failure", headers=headers,
                                content_type="text/html")
        if call.token != TOKEN and method != "api.test":
            call.response = {"ok": False, "error": "invalid_auth"}
        else:
            call.response = self._answer(method, args)
        return web.json_response(call.response)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1773482400.{next(self._ts):06d}"
        if method == "auth.test":
            return {"ok": True, "url": "https://example.slack.com/", "team": "Example",
                    "user": "safeguard", "team_id": "T111", "user_id": "UBOT", "bot_id": "BBOT"}
        if method == "chat.postMessage":
            channel = str(args.get("channel", ""))
            if channel[:1] in ("U", "W"):
                channel = "D" + channel[1:]  # posting to a user id lands in their DM
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts}}
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts"),
                    "text": args.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.getPermalink":
            message = str(args.get("message_ts", "")).replace(".", "")
            return {"ok": True, "channel": args.get("channel"),
                    "permalink": f"https://example.slack.com/archives/{args.get('channel')}"
                                 f"/p{message}"}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            view = dict(args.get("view") or {})
            view_id = args.get("view_id") or f"V{next(self._views):04d}"
            view.update({"id": view_id, "hash": f"{ts}.hash", "team_id": "T111",
                         "state": {"values": {}}})
            return {"ok": True, "view": view}
        return {"ok": True}
