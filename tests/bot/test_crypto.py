"""Encryption at rest: sealing, opening, tampering, key rings and the key file."""

import os
import stat
from pathlib import Path

import pytest

from bot.crypto import KeyRing, KeyRingError, key_file_ring, new_key_entry, parse_key_ring
from bot.keys import KeySetupError, load_key_ring


@pytest.fixture
def ring() -> KeyRing:
    return parse_key_ring(f"{new_key_entry('k2')},{new_key_entry('k1')}")


def test_a_sealed_value_opens_only_with_its_label(ring: KeyRing) -> None:
    sealed = ring.seal_json({"what_happened": "AB said X"}, "report:SG-2026-0001:answers")
    assert "AB said" not in sealed and sealed.startswith("v1.k2.")
    assert ring.open_json(sealed, "report:SG-2026-0001:answers") == {"what_happened": "AB said X"}
    with pytest.raises(KeyRingError, match="integrity"):
        ring.open(sealed, "report:SG-2026-0002:answers")


def test_a_tampered_value_is_refused(ring: KeyRing) -> None:
    sealed = ring.seal(b"secret", "label")
    head, last = sealed.rsplit(".", 1)
    flipped = last[:-2] + ("A" if last[-2] != "A" else "B") + last[-1]
    with pytest.raises(KeyRingError):
        ring.open(f"{head}.{flipped}", "label")


def test_values_sealed_with_an_older_key_still_open(ring: KeyRing) -> None:
    old = parse_key_ring(new_key_entry("k0"))
    both = KeyRing("k2", {**ring.keys, **old.keys})
    assert both.open(old.seal(b"kept", "l"), "l") == b"kept"
    with pytest.raises(KeyRingError, match="no key 'k0'"):
        ring.open(old.seal(b"kept", "l"), "l")


def test_the_key_never_shows_in_a_repr(ring: KeyRing) -> None:
    assert repr(ring.keys["k2"]) not in repr(ring)


@pytest.mark.parametrize(("text", "message"), [
    ("", "holds no key"), ("k1", "not 'id:base64key'"), ("k1:!!!", "not base64"),
    ("k1:c2hvcnQ", "must be 32 bytes"), ("k-1:abc", "not 'id:base64key'"),
])
def test_bad_key_rings_are_refused(text: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message):
        parse_key_ring(text)


def test_the_embedded_default_makes_a_private_key_file_once(tmp_path: Path) -> None:
    first, created = key_file_ring(tmp_path / "safeguard.key")
    again, created_again = key_file_ring(tmp_path / "safeguard.key")
    assert created and not created_again and first.keys == again.keys
    mode = stat.S_IMODE(os.stat(tmp_path / "safeguard.key").st_mode)
    assert mode == 0o600


def test_postgresql_without_keys_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(KeySetupError, match="SAFEGUARD_KEYS is not set"):
        load_key_ring("postgresql+asyncpg://db/x", {})
    ring = load_key_ring(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", {})
    assert (tmp_path / "safeguard.key").exists() and ring.current == "k1"
    chosen = load_key_ring("postgresql+asyncpg://db/x", {"SAFEGUARD_KEYS": new_key_entry("z9")})
    assert chosen.current == "z9"
