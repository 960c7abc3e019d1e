"""The Bot Connector REST API over the app's one aiohttp session (no msrest, no threads)."""

import json
import logging
from typing import Any
from urllib.parse import quote

import aiohttp
from botbuilder.schema import Activity, ConversationParameters

from adapters.teams.http import Http
from adapters.teams.tokens import TokenProvider
from bot.delivery import PermanentError, TransientError

log = logging.getLogger(__name__)
RETRYABLE = {408, 412, 429, 500, 502, 503, 504}


class ConnectorClient:
    def __init__(self, http: Http, tokens: TokenProvider) -> None:
        self._http = http
        self._tokens = tokens

    async def send(self, service_url: str, conversation_id: str, activity: Activity,
                   reply_to: str | None = None) -> str | None:
        path = f"v3/conversations/{quote(conversation_id, safe='')}/activities"
        if reply_to:
            path += f"/{quote(reply_to, safe='')}"
        body = await self._call("POST", service_url, path, activity_json(activity))
        return body.get("id") if isinstance(body, dict) else None

    async def update(self, service_url: str, conversation_id: str, activity_id: str,
                     activity: Activity) -> None:
        activity.id = activity_id
        path = (f"v3/conversations/{quote(conversation_id, safe='')}/activities/"
                f"{quote(activity_id, safe='')}")
        await self._call("PUT", service_url, path, activity_json(activity))

    async def create_conversation(self, service_url: str, parameters: ConversationParameters
                                  ) -> tuple[str, str | None]:
        body = await self._call("POST", service_url, "v3/conversations", parameters.serialize())
        if not isinstance(body, dict) or not body.get("id"):
            raise PermanentError("the connector created no conversation")
        return str(body["id"]), body.get("activityId")

    async def _call(self, method: str, service_url: str, path: str, payload: dict[str, Any]
                    ) -> Any:
        url = f"{service_url.rstrip('/')}/{path}"
        headers = {"Content-Type": "application/json"}
        token = await self._tokens.token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            async with self._http.session.request(method, url, json=payload,
                                                  headers=headers) as response:
                if response.status < 300:
                    text = await response.text()
                    return _json(text)
                await response.read()
                self._raise_for(response)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise TransientError(f"connector unreachable: {type(error).__name__}") from None
        return None

    def _raise_for(self, response: aiohttp.ClientResponse) -> None:
        status = response.status
        reason = f"connector answered HTTP {status} to {response.method}"
        if status == 401:
            self._tokens.invalidate()
            raise TransientError(reason)
        if status in RETRYABLE:
            raise TransientError(reason, _retry_after(response.headers.get("Retry-After")))
        raise PermanentError(reason)


def activity_json(activity: Activity) -> dict[str, Any]:
    """botbuilder-schema's serialisation, except that card content (already plain JSON) is
    not walked value by value by msrest: that alone took most of a turn's CPU time."""
    attachments = activity.attachments or []
    activity.attachments = None
    try:
        body: dict[str, Any] = activity.serialize()
    finally:
        activity.attachments = attachments or None
    if attachments:
        body["attachments"] = [{"contentType": a.content_type, "content": a.content}
                               for a in attachments]
    return body


def _json(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
