"""The Teams app package: manifest valid against the official schema, icons the right shape."""

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from adapters.teams.package import MANIFEST_DIR, write_package
from bot.app import StartupError
from tests.adapters.teams.schemas import check_manifest

APP_ID = "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b"


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGBA rows (filter type 0 only, as we write them)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour) == (8, 6), "8-bit RGBA"
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    rows = [raw[i * stride:(i + 1) * stride] for i in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


def test_manifest_is_valid_and_declares_the_bot() -> None:
    manifest = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    check_manifest(manifest)
    [bot] = manifest["bots"]
    assert set(bot["scopes"]) == {"personal", "team"}
    titles = {c["title"] for lists in bot["commandLists"] for c in lists["commands"]}
    assert {"report", "report practice"} <= titles
    assert "validDomains" in manifest


def test_icons() -> None:
    width, height, _ = read_png((MANIFEST_DIR / "color.png").read_bytes())
    assert (width, height) == (192, 192)
    width, height, rows = read_png((MANIFEST_DIR / "outline.png").read_bytes())
    assert (width, height) == (32, 32)
    pixels = [row[i:i + 4] for row in rows for i in range(0, len(row), 4)]
    assert all(p[:3] == b"\xff\xff\xff" for p in pixels if p[3]), "white only"
    assert sum(1 for p in pixels if p[3] == 0) > 300, "transparent background"


def test_package_has_the_app_id(tmp_path: Path) -> None:
    written = write_package(tmp_path, {"MICROSOFT_APP_ID": APP_ID})
    with zipfile.ZipFile(written) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    check_manifest(manifest)
    named = write_package(tmp_path / "app.zip", {"MICROSOFT_APP_ID": APP_ID})
    assert named == tmp_path / "app.zip" and named.read_bytes() == written.read_bytes()


@pytest.mark.parametrize("app_id", ["", "not-a-guid", "{" + APP_ID + "}"])
def test_package_needs_a_real_app_id(tmp_path: Path, app_id: str) -> None:
    with pytest.raises(StartupError, match="MICROSOFT_APP_ID"):
        write_package(tmp_path, {"MICROSOFT_APP_ID": app_id})
