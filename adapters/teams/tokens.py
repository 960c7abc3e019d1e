"""Bot Framework access tokens for outgoing calls, acquired with aiohttp and cached."""

import asyncio
import time
from typing import Protocol

import aiohttp

from adapters.teams.http import Http
from adapters.teams.settings import Endpoints, TeamsSettings
from bot.delivery import TransientError

EARLY_REFRESH = 300.0


class TokenProvider(Protocol):
    async def token(self) -> str | None: ...

    def invalidate(self) -> None: ...


class NoTokens:
    """Local development with the Emulator: nothing to authenticate with."""

    async def token(self) -> str | None:
        return None

    def invalidate(self) -> None:
        return None


class ClientCredentialTokens:
    """OAuth2 client credentials (app id and password) against Microsoft's login service."""

    def __init__(self, settings: TeamsSettings, endpoints: Endpoints, http: Http) -> None:
        self._settings = settings
        self._url = endpoints.token_url(settings.token_tenant)
        self._scope = f"{endpoints.oauth_scope.rstrip('/')}/.default"
        self._http = http
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def token(self) -> str | None:
        if self._token and time.monotonic() < self._expires:
            return self._token
        async with self._lock:
            if self._token and time.monotonic() < self._expires:
                return self._token
            self._token, lifetime = await self._acquire()
            self._expires = time.monotonic() + max(lifetime - EARLY_REFRESH, lifetime / 2)
            return self._token

    def invalidate(self) -> None:
        self._token = None

    async def _acquire(self) -> tuple[str, float]:
        form = {"grant_type": "client_credentials", "client_id": self._settings.app_id,
                "client_secret": self._settings.password, "scope": self._scope}
        try:
            async with self._http.session.post(self._url, data=form) as response:
                body = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise TransientError(f"token request failed: {type(error).__name__}") from None
        if status != 200 or not isinstance(body, dict) or "access_token" not in body:
            reason = body.get("error", "") if isinstance(body, dict) else ""
            raise TransientError(f"token request refused: HTTP {status} {reason}".strip())
        return str(body["access_token"]), float(body.get("expires_in", 3600))
