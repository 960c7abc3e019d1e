"""Personal, short-lived download links for a case export.

Slack and Teams cannot hand a file to one person without leaving it in a chat history, so the
private case view shows a link instead: signed for one person, one case and one format, valid
for a few minutes. The link carries no content; the download re-checks that the person may
export the case and is audited like any other export (see `bot/cases/export_route.py`).
"""

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.actors import Actor
from bot.cases.exports import FORMATS, Format
from bot.crypto import KeyRing

PUBLIC_URL_VARIABLE = "SAFEGUARD_PUBLIC_URL"
LINK_LIFETIME = timedelta(minutes=10)
ROUTE = "/exports/{token}"


class ExportLinkError(ValueError):
    """SAFEGUARD_PUBLIC_URL is not an http(s) address."""


@dataclass(frozen=True)
class LinkClaim:
    """Who a valid link was made for, and what it downloads."""

    platform: str
    user_id: str
    reference: str
    format: Format


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


def _link_key(secret: bytes) -> bytes:
    """A key for signing links only, derived so it never equals a sealing key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"safeguard case export links").derive(secret)


@dataclass(frozen=True)
class ExportLinks:
    base_url: str
    keys: KeyRing
    lifetime: timedelta = LINK_LIFETIME

    def _mac(self, key_id: str, body: str) -> str:
        digest = hmac.new(_link_key(self.keys.keys[key_id]), f"{key_id}.{body}".encode(),
                          hashlib.sha256).digest()
        return _b64(digest)

    def link(self, actor: Actor, reference: str, fmt: Format, now: datetime) -> str:
        expires = int((now + self.lifetime).timestamp())
        claim = {"p": actor.platform, "u": actor.user_id, "r": reference, "f": fmt,
                 "e": expires}
        body = _b64(json.dumps(claim, separators=(",", ":")).encode())
        key_id = self.keys.current
        token = f"{key_id}.{body}.{self._mac(key_id, body)}"
        return self.base_url.rstrip("/") + ROUTE.format(token=token)

    def read(self, token: str, now: datetime) -> LinkClaim | None:
        """The claim of a genuine, unexpired link; None for anything else."""
        parts = token.split(".")
        if len(parts) != 3 or parts[0] not in self.keys.keys:
            return None
        key_id, body, mac = parts
        if not hmac.compare_digest(mac, self._mac(key_id, body)):
            return None
        try:
            claim = json.loads(_unb64(body))
            expires = datetime.fromtimestamp(int(claim["e"]), UTC)
            found = LinkClaim(str(claim["p"]), str(claim["u"]), str(claim["r"]),
                              claim["f"])
        except (ValueError, KeyError, TypeError, OverflowError):
            return None
        if found.format not in FORMATS or now >= expires:
            return None
        return found


def export_links_from(environ: Mapping[str, str], keys: KeyRing) -> ExportLinks | None:
    """Links to this server's public address, or None when it has none configured."""
    base = environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if not base:
        return None
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportLinkError(f"{PUBLIC_URL_VARIABLE} must be the bot's public http(s) address, "
                              f"e.g. https://safeguard.example.org/ (got '{base}')")
    return ExportLinks(base, keys)
