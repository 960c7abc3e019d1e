"""Where the encryption keys come from: SAFEGUARD_KEYS, or the embedded default's key file.

Finding keys never makes one: a key file is created only once the database is known to hold
nothing sealed (bot.key_check), so a lost key is reported, never silently replaced.
"""

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.crypto import KEY_FILE, KeyRing, KeyRingError, create_key_file, parse_key_ring
from bot.crypto import read_key_file as _read_key_file

log = logging.getLogger(__name__)
VARIABLE = "SAFEGUARD_KEYS"
WHERE_KEYS_COME_FROM = (f"keys come from {VARIABLE} or, for SQLite without it, from {KEY_FILE} "
                        "beside the database")


class KeySetupError(Exception):
    """No usable key; the message says what to do."""


@dataclass(frozen=True)
class KeySource:
    """The keys found (None: the key file does not exist yet), and where they came from."""

    ring: KeyRing | None
    path: Path | None = None
    """The key file, for the embedded default (SQLite without SAFEGUARD_KEYS)."""

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else VARIABLE

    def lacks(self, key_id: str) -> str:
        """Why key `key_id` is not available, in words."""
        if self.path is not None and self.ring is None:
            return f"{self.path} is missing and {VARIABLE} is not set"
        return f"{self.name} has no key '{key_id}'"

    def create(self) -> KeyRing:
        """Make the key file (call only for a database that holds nothing sealed)."""
        if self.ring is not None:
            return self.ring
        assert self.path is not None
        ring = create_key_file(self.path)
        log.warning("created the encryption key %s (mode 0600): back it up; without it the "
                    "records cannot be read", self.path)
        return ring


def find_keys(database_url: str, environ: Mapping[str, str] = os.environ) -> KeySource:
    """SAFEGUARD_KEYS if set; else, for SQLite, the key file beside the database (which may
    not exist yet). Never creates anything."""
    configured = environ.get(VARIABLE)
    try:
        if configured:
            return KeySource(parse_key_ring(configured))
        url = make_url(database_url)
        if url.get_backend_name() != "sqlite" or not url.database:
            raise KeySetupError(
                f"{VARIABLE} is not set: with PostgreSQL the encryption key must come from "
                "the environment (generate one with `safeguard-bot new-key`)")
        path = Path(url.database).resolve().parent / KEY_FILE
        return KeySource(_read_key_file(path), path)
    except KeyRingError as error:
        raise KeySetupError(str(error)) from None


def load_key_ring(database_url: str, environ: Mapping[str, str] = os.environ) -> KeyRing:
    """The keys, creating the key file when there is none (for a database known to be new;
    the bot itself opens databases through bot.app.prepare_database, which checks first)."""
    source = find_keys(database_url, environ)
    try:
        return source.create()
    except KeyRingError as error:
        raise KeySetupError(str(error)) from None
