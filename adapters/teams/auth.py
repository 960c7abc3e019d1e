"""Checking the Bot Framework's JWT on each activity without blocking the event loop.

botbuilder's own validators fetch OpenID metadata with blocking `requests.get`
(ARCHITECTURE.md, section 7), so this applies the same checks as its `ChannelValidation`
(issuer, audience = our app id, signature by a published key endorsed for the channel,
expiry with five minutes' leeway, `serviceurl` claim = the activity's serviceUrl) with PyJWT,
against signing keys fetched with aiohttp and cached.
"""

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import jwt
from botframework.connector.auth import AuthenticationConstants
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

KEYS_MAX_AGE = 24 * 3600.0
UNKNOWN_KEY_REFRESH = 300.0
CLOCK_SKEW = 300
RETRY_AFTER = 10.0
ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
ALGORITHMS = AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS
FetchJson = Callable[[str], Awaitable[dict[str, Any]]]


class AuthError(Exception):
    """The request is not authenticated; the reason is for logs only."""


class SigningKeys:
    """The channel's published signing keys, fetched off the hot path and cached."""

    def __init__(self, metadata_url: str, fetch_json: FetchJson) -> None:
        self._metadata_url = metadata_url
        self._fetch_json = fetch_json
        self._keys: dict[str, tuple[Any, list[str]]] = {}
        self._fetched_at = float("-inf")
        self._tried_at = float("-inf")
        self._lock = asyncio.Lock()

    async def find(self, key_id: str) -> tuple[Any, list[str]] | None:
        age = time.monotonic() - self._fetched_at
        if age > KEYS_MAX_AGE or (key_id not in self._keys and age > UNKNOWN_KEY_REFRESH):
            await self._refresh()
        return self._keys.get(key_id)

    async def _refresh(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if now - self._fetched_at <= UNKNOWN_KEY_REFRESH or now - self._tried_at < RETRY_AFTER:
                return  # refreshed by another request while we waited, or failing just now
            self._tried_at = now
            metadata = await self._fetch_json(self._metadata_url)
            document = await self._fetch_json(str(metadata["jwks_uri"]))
            keys = {}
            for entry in document.get("keys", []):
                if entry.get("kid") and entry.get("kty") == "RSA":
                    public = RSAAlgorithm.from_jwk(json.dumps(entry))
                    keys[entry["kid"]] = (public, list(entry.get("endorsements", [])))
            self._keys = keys
            self._fetched_at = time.monotonic()


class ChannelTokenValidator:
    """Validates `Authorization: Bearer ...` from the Bot Framework channel service."""

    def __init__(self, app_id: str, keys: SigningKeys) -> None:
        self._app_id = app_id
        self._keys = keys

    async def validate(self, header: str | None, channel_id: str, service_url: str
                       ) -> dict[str, Any]:
        scheme, _, token = (header or "").partition(" ")
        if scheme != "Bearer" or not token.strip():
            raise AuthError("no bearer token")
        try:
            head = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise AuthError(f"malformed token: {type(error).__name__}") from None
        if head.get("alg") not in ALGORITHMS:
            raise AuthError("signing algorithm not allowed")
        try:
            found = await self._keys.find(str(head.get("kid", "")))
        except Exception as error:  # metadata unreachable: refuse, never wave through
            log.error("Teams signing keys could not be fetched: %s", type(error).__name__)
            raise AuthError("signing keys unavailable") from None
        if found is None:
            raise AuthError("unknown signing key")
        public_key, endorsements = found
        if endorsements and channel_id not in endorsements:
            raise AuthError("key not endorsed for this channel")
        try:
            claims = jwt.decode(
                token, public_key, algorithms=ALGORITHMS, audience=self._app_id,
                issuer=ISSUER, leeway=CLOCK_SKEW,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise AuthError(f"invalid token: {type(error).__name__}") from None
        if claims.get(AuthenticationConstants.SERVICE_URL_CLAIM) != service_url:
            raise AuthError("serviceurl claim does not match the activity")
        return claims
