"""`safeguard-bot teams-package`: the Teams app zip with this deployment's app id."""

import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from bot.app import StartupError

MANIFEST_DIR = Path(__file__).resolve().parents[2] / "manifest" / "teams"
ICONS = ("color.png", "outline.png")
DEFAULT_NAME = "safeguard-bot-teams.zip"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def build_manifest(app_id: str, source: Path = MANIFEST_DIR) -> dict[str, object]:
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
    return manifest


def write_package(output: Path, environ: Mapping[str, str]) -> Path:
    """Write the zip (manifest.json and both icons at its root); returns its path.

    `output` is a file name or an existing directory (the zip is named for you there).
    """
    app_id = environ.get("MICROSOFT_APP_ID", "").strip()
    if not _GUID.match(app_id):
        raise StartupError("set MICROSOFT_APP_ID to the bot's Microsoft app id (a GUID such as "
                           "1f2e3d4c-...) before building the Teams app package")
    target = output / DEFAULT_NAME if output.is_dir() else output
    manifest = json.dumps(build_manifest(app_id), indent=2, ensure_ascii=False) + "\n"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("manifest.json", _FIXED_TIME), manifest)
        for icon in ICONS:
            info = zipfile.ZipInfo(icon, _FIXED_TIME)
            archive.writestr(info, (MANIFEST_DIR / icon).read_bytes())
    return target
