"""`POST /api/messages`: authenticate, parse, de-duplicate, dispatch; and the transport."""

import asyncio
import hashlib
import json
import logging
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from botbuilder.schema import Activity

from adapters.teams.activities import BadActivity, parse_activity, tenant_of
from adapters.teams.auth import AuthError, ChannelTokenValidator, SigningKeys
from adapters.teams.connector import ConnectorClient
from adapters.teams.http import Http
from adapters.teams.invoke import short_answer
from adapters.teams.notification_cards import text_card
from adapters.teams.references import References
from adapters.teams.settings import Endpoints, TeamsSettings, load_settings
from adapters.teams.tokens import ClientCredentialTokens, NoTokens, TokenProvider
from adapters.teams.transport import TeamsTransport
from adapters.teams.turn import TeamsBot, Turn
from adapters.teams.turns import handle
from bot import inbound
from bot.app import StartupError
from bot.cases.export_links import ExportLinkError, export_links_for
from bot.runtime import Runtime

log = logging.getLogger(__name__)
ROUTE = "/api/messages"
DURABLY_DEDUPED = frozenset({"invoke", "conversationUpdate"})
"""Checked against the database (any process may get the retry). Messages are checked in
memory only: every typed command is idempotent (a second `report` resumes the same one), so a
retry that reaches another process costs at most a repeated card, not a database write on
every message."""
MAX_TURNS_AT_ONCE = 2
"""Teams turns handled at the same time in this process; the rest wait their turn, so a flood
of Teams traffic cannot crowd Slack (or the delivery worker) off the event loop and the one
SQLite connection (ARCHITECTURE.md, section 7)."""
SORRY = "Sorry, that could not be completed. Please try again in a moment."


class RecentIds:
    """Activity ids this process has seen lately (a cheap first check before the database)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._limit = limit

    def first_time(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > self._limit:
            self._seen.popitem(last=False)
        return True


class MessagesEndpoint:
    def __init__(self, bot: TeamsBot, settings: TeamsSettings,
                 validator: ChannelTokenValidator | None) -> None:
        self.bot = bot
        self.settings = settings
        self.validator = validator
        self.recent = RecentIds()
        self.turns = asyncio.Semaphore(MAX_TURNS_AT_ONCE)

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        async with self.turns:
            return await self._serve(request)

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        if request.content_type != "application/json":
            return web.Response(status=415, text="expected application/json")
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError, RecursionError):
            return web.Response(status=400, text="malformed JSON")
        if not isinstance(body, dict):
            return web.Response(status=400, text="expected a JSON object")
        if self.validator is not None:
            try:
                await self.validator.validate(request.headers.get("Authorization"),
                                              str(body.get("channelId", "")),
                                              str(body.get("serviceUrl", "")))
            except AuthError as error:
                log.warning("Teams request refused: %s", error)
                return web.Response(status=401, text="unauthorized")
        try:
            activity = parse_activity(body)
        except BadActivity as error:
            return web.Response(status=400, text=str(error))
        if not self._our_tenant(activity):
            return web.Response(status=403, text="this bot serves one organisation only")
        if not await self._first_time(activity):
            return _answer(200, short_answer(activity.name, "Already handled.")
                           if activity.type == "invoke" else None)
        return await self._dispatch(activity)

    def _our_tenant(self, activity: Activity) -> bool:
        expected = self.settings.tenant_id if self.settings.app_type == "SingleTenant" else ""
        tenant = tenant_of(activity)
        return not (expected and tenant and tenant != expected)

    async def _first_time(self, activity: Activity) -> bool:
        if not activity.id:
            return True
        conversation = getattr(activity.conversation, "id", "") or ""
        key = hashlib.sha256(f"{conversation}|{activity.id}".encode("utf-8", "surrogatepass")
                             ).hexdigest()
        if not self.recent.first_time(key):
            return False
        if activity.type not in DURABLY_DEDUPED:
            return True
        return await inbound.claim(self.bot.runtime, "teams", key)

    async def _dispatch(self, activity: Activity) -> web.StreamResponse:
        try:
            status, body = await handle(self.bot, activity)
        except Exception as error:  # never a 500 at the channel; the log has the type
            log.error("Teams %s failed: %s", activity.type, type(error).__name__,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            if activity.type == "invoke":
                return _answer(200, short_answer(activity.name, SORRY))
            await self._apologise(activity)
            return _answer(200, None)
        return _answer(status, body)

    async def _apologise(self, activity: Activity) -> None:
        if activity.type != "message":
            return
        try:
            await Turn.begin(self.bot, activity).reply(text_card(SORRY, "warning"))
        except Exception as error:
            log.error("Teams apology failed too: %s", type(error).__name__)


def _answer(status: int, body: dict[str, Any] | None) -> web.StreamResponse:
    if body is None:
        return web.Response(status=status)
    return web.json_response(body, status=status)


def mount_teams(app: web.Application, runtime: Runtime, environ: Mapping[str, str], host: str,
                *, endpoints: Endpoints | None = None,
                tokens: TokenProvider | None = None) -> TeamsTransport:
    """Add `POST /api/messages` to the app; returns the transport for the delivery worker.

    Case export links point at SAFEGUARD_PUBLIC_URL (from `environ`); the server mounts the
    download route itself (bot/cases/export_route.py).

    `endpoints` and `tokens` are for tests: a local OpenID document and token service."""
    settings = load_settings(environ, host)
    try:
        links = export_links_for(environ, runtime)
    except ExportLinkError as error:
        raise StartupError(str(error)) from None
    endpoints = endpoints or Endpoints()
    http = Http()
    if tokens is None:
        tokens = (ClientCredentialTokens(settings, endpoints, http) if settings.auth_enabled
                  else NoTokens())
    validator = None
    if settings.auth_enabled:
        keys = SigningKeys(endpoints.openid_metadata_url, http.get_json)
        validator = ChannelTokenValidator(settings.app_id, keys)
    bot = TeamsBot(runtime, ConnectorClient(http, tokens), References(runtime), links)
    endpoint = MessagesEndpoint(bot, settings, validator)

    async def messages(request: web.Request) -> web.StreamResponse:
        return await endpoint(request)

    app.router.add_post(ROUTE, messages)

    async def close(_app: web.Application) -> None:
        await http.close()

    app.on_cleanup.append(close)
    return TeamsTransport(bot)
