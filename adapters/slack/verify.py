"""Slack's v0 request signature, checked over the raw body bytes before anything is read."""

import hashlib
import hmac
import time
from collections.abc import Callable

MAX_AGE_SECONDS = 5 * 60


class RequestVerifier:
    def __init__(self, signing_secret: str, now: Callable[[], float] = time.time) -> None:
        self._secret = signing_secret.encode()
        self._now = now

    def is_valid(self, body: bytes, timestamp: str | None, signature: str | None) -> bool:
        """True only for a fresh request signed with our secret (stale or odd: False)."""
        if not timestamp or not signature or len(timestamp) > 12:
            return False
        if not (timestamp.isascii() and timestamp.isdigit()):
            return False
        if abs(self._now() - int(timestamp)) > MAX_AGE_SECONDS:
            return False
        base = b"v0:" + timestamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))
