"""Teams traffic for tests: activities shaped like real Teams ones, posted over HTTP."""

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp.test_utils import TestClient

from adapters.teams.transport import TeamsTransport
from bot.delivery import deliver_due
from bot.runtime import Runtime
from tests.adapters.teams.fake_connector import APP_ID, TENANT, FakeConnector
from tests.adapters.teams.schemas import check_card

BOT_ID = f"28:{APP_ID}"
CARD = "application/vnd.microsoft.card.adaptive"
ALERTS = "19:alerts@thread.tacv2"
TEAM = "19:team-general@thread.tacv2"


def personal_conversation(user: str) -> str:
    return f"a:personal-{user.removeprefix('29:')}"


@dataclass
class Teams:
    client: TestClient
    connector: FakeConnector
    runtime: Runtime
    transport: TeamsTransport
    authenticated: bool = True
    responses: list[dict[str, Any]] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    # -- building activities --------------------------------------------------------------

    def base(self, kind: str, user: str, conversation: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": kind, "id": f"f:{next(self._ids):08d}", "channelId": "msteams",
            "serviceUrl": self.connector.service_url, "timestamp": "2026-03-14T10:00:00.000Z",
            "from": {"id": user, "aadObjectId": f"aad-{user.removeprefix('29:')}"},
            "recipient": {"id": BOT_ID, "name": "Safeguarding"},
            "conversation": conversation, "locale": "en-GB",
            "channelData": {"tenant": {"id": TENANT}},
        }

    def personal(self, user: str) -> dict[str, Any]:
        return {"conversationType": "personal", "tenantId": TENANT,
                "id": personal_conversation(user)}

    def channel(self, channel_id: str = ALERTS, message_id: str | None = None
                ) -> dict[str, Any]:
        thread = f"{channel_id};messageid={message_id}" if message_id else channel_id
        return {"isGroup": True, "conversationType": "channel", "tenantId": TENANT,
                "id": thread}

    def message(self, user: str, text: str) -> dict[str, Any]:
        activity = self.base("message", user, self.personal(user))
        activity.update(text=text, textFormat="plain")
        return activity

    def invoke(self, user: str, verb: str, data: dict[str, Any], reply_to: str,
               conversation: dict[str, Any] | None = None) -> dict[str, Any]:
        activity = self.base("invoke", user, conversation or self.personal(user))
        activity.update(name="adaptiveCard/action", replyToId=reply_to, value={
            "action": {"type": "Action.Execute", "title": verb, "verb": verb,
                       "data": {"verb": verb, **data}},
            "trigger": "manual"})
        return activity

    def task(self, user: str, name: str, data: dict[str, Any], reply_to: str | None = None,
             conversation: dict[str, Any] | None = None) -> dict[str, Any]:
        """A dialog invoke as Teams sends it: `task/fetch` when a card's Action.Submit with
        `msteams.type = task/fetch` is pressed, `task/submit` for an Action.Submit inside the
        dialog (its data with the card's inputs merged in)."""
        activity = self.base("invoke", user, conversation or self.personal(user))
        activity.update(name=name, value={"data": data, "context": {"theme": "default"}})
        if reply_to:
            activity["replyToId"] = reply_to
        return activity

    def install_personal(self, user: str) -> dict[str, Any]:
        activity = self.base("conversationUpdate", user, self.personal(user))
        activity["membersAdded"] = [{"id": BOT_ID}, {"id": user}]
        return activity

    def install_team(self, user: str, channel_id: str = ALERTS) -> dict[str, Any]:
        activity = self.base("conversationUpdate", user, self.channel(channel_id))
        activity["membersAdded"] = [{"id": BOT_ID}]
        activity["channelData"] = {"team": {"id": TEAM, "name": "Safeguarding team"},
                                   "eventType": "teamMemberAdded",
                                   "tenant": {"id": TENANT}}
        return activity

    # -- talking to the app ---------------------------------------------------------------

    async def post(self, activity: dict[str, Any] | str, token: str | None = None,
                   expect: int = 200) -> Any:
        headers = {"Content-Type": "application/json"}
        if token is None and self.authenticated:
            token = self.connector.token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = activity if isinstance(activity, str) else json.dumps(activity)
        response = await self.client.post("/api/messages", data=body, headers=headers)
        assert response.status == expect, await response.text()
        if response.content_type == "application/json":
            payload = await response.json()
            self.responses.append(payload)
            if payload.get("type") == CARD:
                check_card(payload["value"])
            task = payload.get("task")
            if isinstance(task, dict) and task.get("type") == "continue":
                assert task["value"]["card"]["contentType"] == CARD
                assert task["value"]["title"]
                check_card(task["value"]["card"]["content"])
            return payload
        if response.status == 200:
            assert not await response.read(), "a body without a JSON content type"
        return None

    async def press(self, user: str, verb: str, data: dict[str, Any], reply_to: str,
                    conversation: dict[str, Any] | None = None) -> dict[str, Any]:
        """Press an Action.Execute button; returns the invoke response body."""
        return await self.post(self.invoke(user, verb, data, reply_to, conversation))

    async def fetch(self, user: str, data: dict[str, Any], reply_to: str,
                    conversation: dict[str, Any] | None = None) -> dict[str, Any]:
        """Press a button that opens a dialog; returns the invoke response body."""
        return await self.post(self.task(user, "task/fetch", data, reply_to, conversation))

    async def submit(self, user: str, data: dict[str, Any],
                     conversation: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Press a button inside a dialog; the response body, or None (the dialog closes)."""
        return await self.post(self.task(user, "task/submit", data, None, conversation))

    async def deliver(self) -> int:
        total = 0
        while True:
            sent = await deliver_due(self.runtime, {"teams": self.transport})
            total += sent
            if not sent:
                return total

    def check_all_cards(self) -> None:
        for record in self.connector.records:
            for card in record.cards:
                check_card(card)
