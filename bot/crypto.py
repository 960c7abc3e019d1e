"""Encryption at rest: AES-GCM with a key ring, so keys can be rotated without downtime.

Sealed text looks like `v1.<key id>.<nonce>.<ciphertext>` (URL-safe base64 parts). The
associated data binds each value to where it belongs (e.g. a report's reference), so a
ciphertext copied into another record does not open there.

The same keys also sign: `m1.<key id>.<HMAC-SHA256>` with a key derived (HKDF) for one purpose
only, e.g. the audit chain, so a signing key never equals a sealing key.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = "v1"
MAC_VERSION = "m1"
CHAIN_PURPOSE = b"safeguard audit chain"
"""The HKDF info of the key that signs the audit trail's and the case record's chains."""
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE = "safeguard.key"


class KeyRingError(Exception):
    """The key ring is missing, malformed, or lacks the key a value was sealed with."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


@lru_cache(maxsize=64)
def derived_key(secret: bytes, purpose: bytes) -> bytes:
    """A key for one purpose only (HKDF-SHA256), never equal to the sealing key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


MacCheck = Literal["ok", "bad", "unknown_key"]


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

    def sign(self, data: bytes, purpose: bytes, key_id: str | None = None) -> str:
        """`m1.<key id>.<mac>`: an HMAC of `data` with the (current) key derived for `purpose`."""
        key_id = key_id or self.current
        digest = hmac.new(derived_key(self.keys[key_id], purpose), data, hashlib.sha256)
        return ".".join((MAC_VERSION, key_id, _b64(digest.digest())))

    def check(self, data: bytes, signature: str, purpose: bytes) -> MacCheck:
        """Whether `signature` is this ring's signature of `data` (any key it holds)."""
        parts = signature.split(".") if signature.isascii() else []
        if len(parts) != 3 or parts[0] != MAC_VERSION:
            return "bad"
        if parts[1] not in self.keys:
            return "unknown_key"
        expected = self.sign(data, purpose, parts[1])
        return "ok" if hmac.compare_digest(expected.encode(), signature.encode()) else "bad"

    def sign_chain(self, data: str) -> str:
        """The signature of one link of the audit or case chain (storage.repositories.chain)."""
        return self.sign(data.encode(), CHAIN_PURPOSE)

    def check_chain(self, data: str, signature: str) -> MacCheck:
        return self.check(data.encode(), signature, CHAIN_PURPOSE)


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


def read_key_file(path: Path) -> KeyRing | None:
    """The embedded default's key file, or None when there is none."""
    if not path.exists():
        return None
    return parse_key_ring(path.read_text(encoding="utf-8").strip())


def create_key_file(path: Path) -> KeyRing:
    """A new key file (mode 0600); never over an existing one (only for a database that holds
    nothing sealed: see bot.key_check)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(new_key_entry("k1") + "\n")
    return parse_key_ring(path.read_text(encoding="utf-8").strip())


def key_file_ring(path: Path) -> tuple[KeyRing, bool]:
    """The key file, created when missing. Returns (ring, new)."""
    found = read_key_file(path)
    return (found, False) if found is not None else (create_key_file(path), True)
