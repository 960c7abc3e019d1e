"""Signed links: bearer tokens carried in a URL path, in one format, kept out of every log.

A token is `<key id>.<base64url claim>.<base64url HMAC>`, signed with a key derived from the
key ring for one purpose only (case export links today; acknowledgement links would be
another purpose). Within its lifetime a token works for whoever holds it, so:

- every route that takes one is declared with `signed_route`, and `redact` cuts out whatever
  follows such a route's prefix (a malformed or tampered token too: it may be one character
  away from a live one);
- any path segment shaped like a token is cut out too, on any route, and any query string;
- `Signer.read` answers None for anything that is not a genuine token (never an exception),
  so a route can answer 404 and nothing else.
"""

import base64
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.crypto import KeyRing, derived_key

REDACTED = "<redacted>"
MAX_TOKEN = 2048
_PREFIXES: set[str] = set()
_LONG_PART = re.compile(r"[A-Za-z0-9_-]{16,}")
"""A base64url run as long as a signature's (or a claim's) would be."""


def signed_route(pattern: str) -> str:
    """Declare an aiohttp route pattern that carries a token (e.g. `/exports/{token}`)."""
    prefix = pattern.split("{", 1)[0]
    if not prefix.startswith("/") or prefix == "/":
        raise ValueError(f"a signed route needs a fixed prefix: {pattern}")
    _PREFIXES.add(prefix)
    return pattern


def signed_prefixes() -> frozenset[str]:
    return frozenset(_PREFIXES)


def redact(target: str) -> str:
    """A request target (path and query) or a Referer, safe to log."""
    path, mark, _query = target.partition("?")
    for prefix in _PREFIXES:
        at = path.find(prefix)
        if at != -1 and len(path) > at + len(prefix):
            path = path[:at + len(prefix)] + REDACTED
            break
    path = "/".join(REDACTED if _token_shaped(segment) else segment
                    for segment in path.split("/"))
    return path + (f"?{REDACTED}" if mark else "")


def _token_shaped(segment: str) -> bool:
    """`id.part.part`, one of the parts long: a signed token, whole or in part."""
    parts = segment.split(".")
    return len(parts) >= 3 and any(_LONG_PART.search(part) for part in parts[1:])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


@dataclass(frozen=True)
class Signer:
    """Makes and reads tokens for one purpose (the HKDF info of its key)."""

    keys: KeyRing
    purpose: bytes

    def _mac(self, key_id: str, body: str) -> str:
        key = derived_key(self.keys.keys[key_id], self.purpose)
        return _b64(hmac.digest(key, f"{key_id}.{body}".encode(), "sha256"))

    def make(self, claim: dict[str, Any]) -> str:
        body = _b64(json.dumps(claim, separators=(",", ":")).encode())
        key_id = self.keys.current
        return f"{key_id}.{body}.{self._mac(key_id, body)}"

    def read(self, token: str) -> dict[str, Any] | None:
        """The claim of a genuine token; None for anything else (never raises)."""
        if not isinstance(token, str) or not token.isascii() or len(token) > MAX_TOKEN:
            return None
        parts = token.split(".")
        if len(parts) != 3 or parts[0] not in self.keys.keys:
            return None
        key_id, body, mac = parts
        if not hmac.compare_digest(mac.encode(), self._mac(key_id, body).encode()):
            return None
        try:
            claim = json.loads(_unb64(body))
        except ValueError:  # not base64 or not JSON (UnicodeDecodeError is a ValueError)
            return None
        return claim if isinstance(claim, dict) else None
