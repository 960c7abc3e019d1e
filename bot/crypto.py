"""Encryption at rest: AES-GCM with a key ring, so keys can be rotated without downtime.

Sealed text looks like `v1.<key id>.<nonce>.<ciphertext>` (URL-safe base64 parts). The
associated data binds each value to where it belongs (e.g. a report's reference), so a
ciphertext copied into another record does not open there.
"""

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE = "safeguard.key"


class KeyRingError(Exception):
    """The key ring is missing, malformed, or lacks the key a value was sealed with."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


@dataclass(frozen=True)
class KeyRing:
    current: str
    """The id of the key new values are sealed with."""
    keys: dict[str, bytes] = field(repr=False)

    def seal(self, plaintext: bytes, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, context.encode())
        return ".".join((VERSION, self.current, _b64(nonce), _b64(sealed)))

    def open(self, token: str, context: str) -> bytes:
        try:
            version, key_id, nonce, sealed = token.split(".")
        except ValueError:
            raise KeyRingError("not a sealed value") from None
        if version != VERSION or key_id not in self.keys:
            raise KeyRingError(f"no key '{key_id}' in the key ring to open this value")
        try:
            return AESGCM(self.keys[key_id]).decrypt(_unb64(nonce), _unb64(sealed),
                                                     context.encode())
        except (InvalidTag, ValueError):
            raise KeyRingError("a sealed value failed its integrity check") from None

    def seal_json(self, value: Any, context: str) -> str:
        return self.seal(json.dumps(value, separators=(",", ":")).encode(), context)

    def open_json(self, token: str, context: str) -> Any:
        return json.loads(self.open(token, context))

    @staticmethod
    def key_id(token: str) -> str:
        return token.split(".")[1]


def parse_key_ring(text: str) -> KeyRing:
    """`SAFEGUARD_KEYS="k2:<base64 key>,k1:<base64 key>"`: the first key is the current one."""
    keys: dict[str, bytes] = {}
    for index, item in enumerate(part.strip() for part in text.split(",") if part.strip()):
        key_id, _, encoded = item.partition(":")
        if not key_id.isalnum() or not encoded:
            raise KeyRingError(f"SAFEGUARD_KEYS entry {index + 1} is not 'id:base64key'")
        try:
            key = _unb64(encoded)
        except ValueError:
            raise KeyRingError(f"SAFEGUARD_KEYS key '{key_id}' is not base64") from None
        if len(key) != KEY_BYTES:
            raise KeyRingError(f"SAFEGUARD_KEYS key '{key_id}' must be {KEY_BYTES} bytes")
        keys[key_id] = key
    if not keys:
        raise KeyRingError("SAFEGUARD_KEYS holds no key")
    return KeyRing(next(iter(keys)), keys)


def new_key_entry(key_id: str) -> str:
    return f"{key_id}:{_b64(secrets.token_bytes(KEY_BYTES))}"


def key_file_ring(path: Path) -> tuple[KeyRing, bool]:
    """The embedded default's key file (mode 0600), created on first use. Returns (ring, new)."""
    if path.exists():
        return parse_key_ring(path.read_text(encoding="utf-8").strip()), False
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(new_key_entry("k1") + "\n")
    return parse_key_ring(path.read_text(encoding="utf-8").strip()), True
