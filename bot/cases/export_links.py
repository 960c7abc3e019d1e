"""Personal, short-lived download links for a case export.

Slack and Teams cannot hand a file to one person without leaving it in a chat history, so the
private case view shows a link instead: signed for one person, one case and one format, valid
for a few minutes. The link carries no content; the download re-checks that the person may
export the case and is audited like any other export (see `bot/cases/export_route.py`).
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from bot.actors import Actor
from bot.cases.exports import FORMATS, Format
from bot.crypto import KeyRing
from bot.runtime import Runtime
from bot.signed_links import Signer, signed_route

log = logging.getLogger(__name__)
PUBLIC_URL_VARIABLE = "SAFEGUARD_PUBLIC_URL"
LINK_LIFETIME = timedelta(minutes=10)
ROUTE = signed_route("/exports/{token}")
PURPOSE = b"safeguard case export links"
"""The HKDF info of the key that signs export links (never equal to a sealing key)."""
DOWNLOADS = ("These links are for you only and stop working after a short time; each download "
             "is checked and recorded. The file holds the whole record: store it securely and "
             "pass it on only to those who need it (e.g. social care or the police).")
NEVER_PASTE = "Never paste these links into a channel or message."
EXPORTS_OFF = ("Downloads are not switched on for this installation. Ask whoever runs the "
               "safeguarding bot to turn them on, or export the case from the console with "
               "/export REFERENCE pdf (or json).")
"""What a lead is told: they are not the admin, so no setting is named (the log names it)."""
EXPORTS_OFF_LOG = (f"case downloads from Slack and Teams are off: set {PUBLIC_URL_VARIABLE} "
                   "to the bot's public https address (e.g. https://safeguard.example.org/) "
                   "to turn them on; the console's /export works without it")


class ExportLinkError(ValueError):
    """SAFEGUARD_PUBLIC_URL is not an http(s) address."""


@dataclass(frozen=True)
class LinkClaim:
    """Who a valid link was made for, and what it downloads."""

    platform: str
    user_id: str
    reference: str
    format: Format


@dataclass(frozen=True)
class ExportLinks:
    base_url: str
    keys: KeyRing
    lifetime: timedelta = LINK_LIFETIME

    @property
    def signer(self) -> Signer:
        return Signer(self.keys, PURPOSE)

    def link(self, actor: Actor, reference: str, fmt: Format, now: datetime) -> str:
        expires = int((now + self.lifetime).timestamp())
        claim = {"p": actor.platform, "u": actor.user_id, "r": reference, "f": fmt,
                 "e": expires}
        return self.base_url.rstrip("/") + ROUTE.format(token=self.signer.make(claim))

    def read(self, token: str, now: datetime) -> LinkClaim | None:
        """The claim of a genuine, unexpired link; None for anything else (never raises)."""
        claim = self.signer.read(token)
        if claim is None:
            return None
        try:
            fields = [claim["p"], claim["u"], claim["r"], claim["f"]]
            if not all(isinstance(value, str) for value in fields) or claim["f"] not in FORMATS:
                return None
            expires = datetime.fromtimestamp(int(claim["e"]), UTC)
        except (ValueError, KeyError, TypeError, OverflowError, OSError):
            return None
        if now >= expires:
            return None
        return LinkClaim(claim["p"], claim["u"], claim["r"], claim["f"])


def export_links_from(environ: Mapping[str, str], keys: KeyRing) -> ExportLinks | None:
    """Links to this server's public address, or None when it has none configured."""
    base = environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if not base:
        log.warning(EXPORTS_OFF_LOG)
        return None
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportLinkError(f"{PUBLIC_URL_VARIABLE} must be the bot's public http(s) address, "
                              f"e.g. https://safeguard.example.org/ (got '{base}')")
    return ExportLinks(base, keys)


def export_links_for(environ: Mapping[str, str], runtime: Runtime) -> ExportLinks | None:
    """export_links_from with this runtime's keys: what a surface mounts."""
    return export_links_from(environ, runtime.keys)
