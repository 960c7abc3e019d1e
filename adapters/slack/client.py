"""The one Slack Web API client of the process, sharing one HTTP connection pool."""

import json
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import aiohttp
from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.slack_response import SlackResponse

DEFAULT_API_URL = "https://slack.com/api/"
TIMEOUT_SECONDS = 10


def api_url(environ: Mapping[str, str]) -> str:
    url = environ.get("SLACK_API_URL") or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def make_client(token: str, base_url: str) -> AsyncWebClient:
    """The session is attached when the app starts (it must be made inside the event loop)."""
    # No automatic retries: a re-sent chat.postMessage after a lost answer would double-post.
    # The outbox retries instead, and checks first whether the earlier attempt landed.
    return AsyncWebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS,
                          retry_handlers=[])


def session_lifecycle(client: AsyncWebClient
                      ) -> Callable[[web.Application], AsyncIterator[None]]:
    """An aiohttp cleanup context: open a pooled session at start-up, close it at shutdown."""

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS))
        client.session = session
        yield
        client.session = None
        await session.close()

    return lifecycle


async def open_view(client: AsyncWebClient, trigger_id: str, view: dict[str, Any]) -> None:
    """views.open on the shared session, without slack_sdk's per-call request building.

    This is on the /report path, inside Slack's 3-second trigger window: one JSON POST over
    the pooled connection. Raises SlackApiError (ok: false, or not JSON) or aiohttp errors,
    like the client's own method.
    """
    if not pooled(client):  # not started inside an app: the ordinary way
        await client.views_open(trigger_id=trigger_id, view=view)
        return
    await call(client, "views.open", {"trigger_id": trigger_id, "view": view})


def pooled(client: AsyncWebClient) -> bool:
    """Whether the client has its shared session (it does once the app has started)."""
    return client.session is not None and not client.session.closed


async def call(client: AsyncWebClient, method: str, args: dict[str, Any]) -> dict[str, Any]:
    """One Web API method as a JSON POST on the client's shared session (see pooled()).

    Returns the answer's data; raises SlackApiError (ok: false, or not JSON) carrying the
    status, headers (Retry-After) and data, as the client's own methods do, or aiohttp errors.
    """
    session = client.session
    assert session is not None
    url = f"{client.base_url}{method}"
    body = json.dumps(args, separators=(",", ":"))
    headers = {"Content-Type": "application/json;charset=utf-8",
               "Authorization": f"Bearer {client.token}"}
    async with session.post(url, data=body, headers=headers) as response:
        text = await response.text()
        status, answer_headers = response.status, dict(response.headers)
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if status == 200 and isinstance(data, dict) and data.get("ok"):
        return data
    found = data if isinstance(data, dict) else {}
    error = found.get("error") or f"HTTP {status}"
    raise SlackApiError(f"{method} failed: {error}", SlackResponse(
        client=client, http_verb="POST", api_url=url, req_args={}, data=found,
        headers=answer_headers, status_code=status))
