"""The one Slack Web API client of the process, sharing one HTTP connection pool."""

from collections.abc import AsyncIterator, Mapping

import aiohttp
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_API_URL = "https://slack.com/api/"
TIMEOUT_SECONDS = 10


def api_url(environ: Mapping[str, str]) -> str:
    url = environ.get("SLACK_API_URL") or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def make_client(token: str, base_url: str) -> AsyncWebClient:
    """The session is attached when the app starts (it must be made inside the event loop)."""
    return AsyncWebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS)


def session_lifecycle(client: AsyncWebClient):  # type: ignore[no-untyped-def]
    """An aiohttp cleanup context: open a pooled session at start-up, close it at shutdown."""

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS))
        client.session = session
        yield
        client.session = None
        await session.close()

    return lifecycle
