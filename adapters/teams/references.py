"""Conversation references for messages the bot starts itself (alerts, receipts)."""

from dataclasses import dataclass
from typing import Any

from botbuilder.schema import Activity

from adapters.teams.activities import (
    channel_conversation,
    channel_data,
    is_personal,
    sender_ids,
    tenant_of,
)
from bot import addresses
from bot.runtime import Runtime

PLATFORM = "teams"
SERVICE = "service"
"""The address of the latest service URL, bot and tenant: enough to open a 1:1 chat."""
SEEN_LIMIT = 10_000
MAX_ADDRESS = 200


@dataclass(frozen=True)
class Reference:
    service_url: str
    conversation_id: str
    tenant_id: str
    bot_id: str
    personal: bool

    def to_json(self) -> dict[str, Any]:
        return {"service_url": self.service_url, "conversation_id": self.conversation_id,
                "tenant_id": self.tenant_id, "bot_id": self.bot_id, "personal": self.personal}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Reference":
        return cls(str(data["service_url"]), str(data["conversation_id"]),
                   str(data.get("tenant_id", "")), str(data.get("bot_id", "")),
                   bool(data.get("personal", False)))


def addresses_for(activity: Activity) -> dict[str, Reference]:
    """Where this activity lets us reach people later: its conversation and, in a personal
    chat, its sender by Teams id and by Entra object id."""
    conversation_id = activity.conversation.id
    personal = is_personal(activity)
    base = Reference(activity.service_url, conversation_id if personal else
                     channel_conversation(conversation_id), tenant_of(activity),
                     activity.recipient.id if activity.recipient else "", personal)
    service = Reference(base.service_url, "", base.tenant_id, base.bot_id, False)
    found = {SERVICE: service, base.conversation_id: base}
    if personal:
        found.update({user: base for user in sender_ids(activity)})
        return found
    team = channel_data(activity).get("team")
    if isinstance(team, dict) and team.get("id"):
        found.setdefault(str(team["id"]), Reference(base.service_url, str(team["id"]),
                                                    base.tenant_id, base.bot_id, False))
    return found


class References:
    """Stores references, skipping writes that would change nothing (every message has one)."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._seen: dict[str, dict[str, Any]] = {}

    async def remember(self, activity: Activity) -> None:
        changed = {address: ref.to_json() for address, ref in addresses_for(activity).items()
                   if len(address) <= MAX_ADDRESS and self._seen.get(address) != ref.to_json()}
        if not changed:
            return
        await addresses.remember(self._runtime, PLATFORM, changed)
        if len(self._seen) > SEEN_LIMIT:
            self._seen.clear()
        self._seen.update(changed)

    async def find(self, address: str) -> Reference | None:
        data = await addresses.look_up(self._runtime, PLATFORM, address)
        return Reference.from_json(data) if data else None

    async def store(self, address: str, reference: Reference) -> None:
        await addresses.remember(self._runtime, PLATFORM, {address: reference.to_json()})
        self._seen[address] = reference.to_json()
