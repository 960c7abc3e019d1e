"""Where the encryption keys come from: SAFEGUARD_KEYS, or the embedded default's key file."""

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.crypto import KEY_FILE, KeyRing, KeyRingError, key_file_ring, parse_key_ring

log = logging.getLogger(__name__)


class KeySetupError(Exception):
    """No usable key; the message says what to do."""


def load_key_ring(database_url: str, environ: Mapping[str, str] = os.environ) -> KeyRing:
    """SAFEGUARD_KEYS if set; else, for SQLite, a key file beside the database (created once)."""
    configured = environ.get("SAFEGUARD_KEYS")
    try:
        if configured:
            return parse_key_ring(configured)
        url = make_url(database_url)
        if url.get_backend_name() != "sqlite" or not url.database:
            raise KeySetupError(
                "SAFEGUARD_KEYS is not set: with PostgreSQL the encryption key must come from "
                "the environment (generate one with `safeguard-bot new-key`)")
        path = Path(url.database).resolve().parent / KEY_FILE
        ring, created = key_file_ring(path)
    except KeyRingError as error:
        raise KeySetupError(str(error)) from None
    if created:
        log.warning("created the encryption key %s (mode 0600): back it up; without it the "
                    "records cannot be read", path)
    return ring
