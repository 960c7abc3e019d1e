"""Plays the Slack client: signs requests shaped like Slack's and keeps each person's modal."""

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient

from adapters.slack import ids
from tests.adapters.slack.fake_slack import FakeSlack

SECRET = "test-signing-secret"
TEAM = "T111"


def sign(body: bytes, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Reply:
    status: int
    text: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.text) if self.text else {}


@dataclass
class SlackDriver:
    client: TestClient
    fake: FakeSlack
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The modal each user has open, as Slack would show it (with id and hash)."""
    _triggers: itertools.count = field(default_factory=lambda: itertools.count(1))
    last: tuple[bytes, dict[str, str]] | None = None
    """The last request exactly as sent (body and signed headers), for replaying it."""

    # -- raw posting ---------------------------------------------------------------------

    async def post(self, body: bytes, content_type: str, headers: dict[str, str] | None = None,
                   signed: bool = True) -> Reply:
        sent = {"Content-Type": content_type, **(sign(body) if signed else {}), **(headers or {})}
        self.last = (body, sent)
        response = await self.client.post("/slack/events", data=body, headers=sent)
        return Reply(response.status, await response.text())

    async def replay(self, request: tuple[bytes, dict[str, str]] | None = None) -> Reply:
        """Send a captured request again, byte for byte with its signature (default: the
        last one), as someone who copied it off the wire would."""
        body, headers = request or self.last or (b"", {})
        response = await self.client.post("/slack/events", data=body, headers=headers)
        return Reply(response.status, await response.text())

    async def post_form(self, form: dict[str, str], **kwargs: Any) -> Reply:
        return await self.post(urlencode(form).encode(), "application/x-www-form-urlencoded",
                               **kwargs)

    async def post_payload(self, payload: dict[str, Any], **kwargs: Any) -> Reply:
        return await self.post_form({"payload": json.dumps(payload)}, **kwargs)

    async def post_event(self, envelope: dict[str, Any], **kwargs: Any) -> Reply:
        return await self.post(json.dumps(envelope).encode(), "application/json", **kwargs)

    def trigger(self) -> str:
        return f"{next(self._triggers)}.111.trigger"

    # -- what a person does --------------------------------------------------------------

    def _user(self, user: str) -> dict[str, str]:
        return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM}

    async def command(self, user: str, text: str = "", **kwargs: Any) -> Reply:
        before = len(self.fake.calls)
        form = {
            "token": "verification_token", "team_id": TEAM, "team_domain": "example",
            "channel_id": "C0GENERAL", "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": ids.COMMAND, "text": text,
            "api_app_id": "A111", "is_enterprise_install": "false",
            "response_url": "https://hooks.slack.com/commands/T111/1/x",
            "trigger_id": self.trigger(),
        }
        reply = await self.post_form(form, **kwargs)
        self._track_opened(user, before)
        return reply

    def _track_opened(self, user: str, before: int) -> None:
        for call in self.fake.calls[before:]:
            opened = (call.method in ("views.open", "views.update", "views.push")
                      and call.response.get("ok"))
            if opened and call.response["view"].get("type") == "modal":
                self.views[user] = call.response["view"]

    def view_of(self, user: str) -> dict[str, Any]:
        return self.views[user]

    def input_block(self, user: str) -> dict[str, Any] | None:
        return next((b for b in self.view_of(user)["blocks"] if b["type"] == "input"), None)

    def state_for(self, user: str, answer: Any) -> dict[str, Any]:
        block = self.input_block(user)
        if block is None:
            return {}
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            value: dict[str, Any] = {"type": kind, "value": answer}
        elif kind in ("radio_buttons", "static_select"):
            chosen = next((o for o in element["options"] if o["value"] == answer), None)
            value = {"type": kind, "selected_option": chosen}
        elif kind in ("checkboxes", "multi_static_select"):
            chosen_all = [o for o in element["options"] if o["value"] in answer]
            value = {"type": kind, "selected_options": chosen_all}
        elif kind == "datepicker":
            value = {"type": kind, "selected_date": answer}
        elif kind == "datetimepicker":
            value = {"type": kind, "selected_date_time": answer}
        else:
            raise AssertionError(f"unexpected element {kind}")
        return {block["block_id"]: {element["action_id"]: value}}

    def _view_payload(self, user: str, values: dict[str, Any]) -> dict[str, Any]:
        view = dict(self.view_of(user))
        view["state"] = {"values": values}
        view.update({"app_id": "A111", "bot_id": "B111", "root_view_id": view["id"],
                     "previous_view_id": None, "external_id": "", "app_installed_team_id": TEAM})
        return view

    async def submit(self, user: str, answer: Any = None, **kwargs: Any) -> Reply:
        """Press the modal's submit button with this answer in its input."""
        values = self.state_for(user, answer) if answer is not None else {}
        return await self.submit_values(user, values, **kwargs)

    async def submit_values(self, user: str, values: dict[str, Any], **kwargs: Any) -> Reply:
        """Press the modal's submit button with this view state (block id -> action -> value)."""
        payload = {
            "type": "view_submission", "team": {"id": TEAM, "domain": "example"},
            "user": self._user(user), "api_app_id": "A111", "token": "verification_token",
            "trigger_id": self.trigger(), "view": self._view_payload(user, values),
            "response_urls": [], "is_enterprise_install": False, "enterprise": None,
        }
        before = len(self.fake.calls)
        reply = await self.post_payload(payload, **kwargs)
        body = reply.json
        if reply.status == 200 and body.get("response_action") == "update":
            view = dict(body["view"])
            view.update({"id": self.view_of(user)["id"], "hash": f"{time.time()}.h"})
            self.views[user] = view
        self._track_opened(user, before)
        return reply

    async def press_in_modal(self, user: str, action_id: str, value: str = "x") -> Reply:
        view = self._view_payload(user, {})
        payload = {
            "type": "block_actions", "user": self._user(user), "api_app_id": "A111",
            "token": "verification_token",
            "container": {"type": "view", "view_id": view["id"]},
            "trigger_id": self.trigger(), "team": {"id": TEAM, "domain": "example"},
            "view": view, "actions": [self._action(action_id, value)],
            "is_enterprise_install": False,
        }
        before = len(self.fake.calls)
        reply = await self.post_payload(payload)
        self._track_opened(user, before)
        return reply

    async def press_on_message(self, user: str, action_id: str, value: str, channel: str,
                               message_ts: str, **kwargs: Any) -> Reply:
        payload = {
            "type": "block_actions", "user": self._user(user), "api_app_id": "A111",
            "token": "verification_token",
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                          "is_ephemeral": False},
            "trigger_id": self.trigger(), "team": {"id": TEAM, "domain": "example"},
            "channel": {"id": channel, "name": "alerts"},
            "message": {"type": "message", "ts": message_ts, "text": "alert"},
            "response_url": "https://hooks.slack.com/actions/T111/1/x",
            "actions": [self._action(action_id, value)],
        }
        before = len(self.fake.calls)
        reply = await self.post_payload(payload, **kwargs)
        self._track_opened(user, before)
        return reply

    async def press_on_home(self, user: str, action_id: str, value: str) -> Reply:
        payload = {
            "type": "block_actions", "user": self._user(user), "api_app_id": "A111",
            "token": "verification_token", "container": {"type": "view", "view_id": "VHOME"},
            "trigger_id": self.trigger(), "team": {"id": TEAM, "domain": "example"},
            "view": {"id": "VHOME", "type": "home", "blocks": [], "hash": "1.h",
                     "state": {"values": {}}, "callback_id": ""},
            "actions": [self._action(action_id, value)],
        }
        before = len(self.fake.calls)
        reply = await self.post_payload(payload)
        self._track_opened(user, before)
        return reply

    def _action(self, action_id: str, value: str) -> dict[str, Any]:
        return {"action_id": action_id, "block_id": "b", "type": "button", "value": value,
                "text": {"type": "plain_text", "text": "Button"},
                "action_ts": f"{time.time():.6f}"}

    async def home_opened(self, user: str, event_id: str = "Ev111", **kwargs: Any) -> Reply:
        envelope = {
            "token": "verification-token", "team_id": TEAM, "api_app_id": "A111",
            "event": {"type": "app_home_opened", "user": user, "channel": "D111", "tab": "home",
                      "event_ts": f"{time.time():.6f}"},
            "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
            "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": "UBOT",
                                "is_bot": True, "is_enterprise_install": False}],
            "is_ext_shared_channel": False,
        }
        return await self.post_event(envelope, **kwargs)

    async def message_shortcut(self, user: str, channel: str, message_ts: str) -> Reply:
        payload = {
            "type": "message_action", "token": "verification_token", "action_ts": "1.2",
            "team": {"id": TEAM, "domain": "example"}, "user": self._user(user),
            "channel": {"id": channel, "name": "general"}, "callback_id": ids.MESSAGE_SHORTCUT,
            "trigger_id": self.trigger(), "message_ts": message_ts,
            "message": {"type": "message", "user": "U0JO", "ts": message_ts,
                        "text": "SECRET-MESSAGE-TEXT"},
            "response_url": "https://hooks.slack.com/app/T111/1/x",
        }
        before = len(self.fake.calls)
        reply = await self.post_payload(payload)
        self._track_opened(user, before)
        return reply
