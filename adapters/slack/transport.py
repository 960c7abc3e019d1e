"""Delivering outbox notifications to Slack: chat.postMessage, or chat.update to edit."""

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import call, pooled
from adapters.slack.messages import content
from bot.delivery import Outgoing, PermanentError, TransientError
from bot.runtime import Runtime

log = logging.getLogger(__name__)

PERMANENT = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "user_not_found", "users_not_found",
    "account_inactive", "user_disabled", "no_permission", "missing_scope", "restricted_action",
    "invalid_blocks", "invalid_arguments", "msg_too_long", "cannot_dm_bot",
})
"""Errors that will never go away by trying again as addressed."""
NOT_EDITABLE = frozenset({"message_not_found", "cant_update_message", "edit_window_closed"})


def message_id(channel: str, ts: str) -> str:
    return f"{channel}:{ts}"


def split_message_id(value: str | None) -> tuple[str, str] | None:
    if not value or ":" not in value:
        return None
    channel, ts = value.split(":", 1)
    return (channel, ts) if channel and ts else None


class SlackTransport:
    """Sends one outbox item; returns `channel:ts` so a later edit can find the message."""

    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client

    async def send(self, item: Outgoing) -> str | None:
        text, blocks = content(item.message, self.runtime.config.organisation.zone)
        message = {"text": text, "blocks": blocks}
        target = split_message_id(item.replaces_message_id)
        try:
            if target is not None:
                try:
                    answer = await self._call("chat.update", {
                        "channel": target[0], "ts": target[1], **message})
                    return message_id(str(answer["channel"]), str(answer["ts"]))
                except SlackApiError as error:
                    if _error_code(error) not in NOT_EDITABLE:
                        raise
                    log.warning("slack: could not edit %s (%s); posting anew", item.event,
                                _error_code(error))
            if item.in_doubt and item.idempotency_key:
                found = await self._already_posted(item)
                if found is not None:
                    return found
            answer = await self._call("chat.postMessage", {
                "channel": item.destination, "unfurl_links": False, "unfurl_media": False,
                "metadata": {"event_type": "safeguard_outbox",
                             "event_payload": {"key": item.idempotency_key}}, **message})
            return message_id(str(answer["channel"]), str(answer["ts"]))
        except SlackApiError as error:
            raise _classify(error) from None
        except (TimeoutError, aiohttp.ClientError) as error:
            raise TransientError(f"slack: {type(error).__name__}", maybe_sent=True) from None

    async def _call(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """On the shared session as one JSON POST (client.call); else through slack_sdk."""
        if pooled(self.client):
            return await call(self.client, method, args)
        response = await self.client.api_call(method, json=args)
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def _already_posted(self, item: Outgoing) -> str | None:
        channel = item.destination
        if channel[:1] in ("U", "W"):
            opened = await self.client.conversations_open(users=channel)
            channel = str(opened["channel"]["id"])
        history = await self.client.conversations_history(
            channel=channel, limit=100, include_all_metadata=True)
        for message in history.get("messages") or []:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("key") == item.idempotency_key:
                return message_id(channel, str(message["ts"]))
        return None


def _error_code(error: SlackApiError) -> str:
    data = getattr(error.response, "data", None)
    return str(data.get("error", "")) if isinstance(data, dict) else ""


def _classify(error: SlackApiError) -> Exception:
    status = getattr(error.response, "status_code", 0)
    code = _error_code(error) or f"http_{status}"
    if status == 429 or code == "ratelimited":
        headers = getattr(error.response, "headers", {}) or {}
        retry_after = _seconds(headers.get("Retry-After") or headers.get("retry-after"))
        return TransientError(f"slack: rate limited ({code})", retry_after)
    if code in PERMANENT:
        return PermanentError(f"slack: {code}")
    return TransientError(f"slack: {code}")


def _seconds(value: object) -> float | None:
    try:
        return float(str(value)) if value is not None else None
    except ValueError:
        return None
