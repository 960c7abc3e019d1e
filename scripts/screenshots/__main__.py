"""`python -m scripts.screenshots`: every card of the catalogue as a PNG in docs/screenshots/,
and that folder's README listing them. `make screenshots` installs what this needs first
(Chromium, and the npm packages in .screenshots/node_modules)."""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.app import load_all
from scripts.screenshots.catalogue import Shot, shots

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CONFIG = ROOT / "examples" / "organisation.toml"
INTRO = """# What people see in Microsoft Teams

The main cards the bot sends in Teams, made by `make screenshots`: the Teams adapter's own card
builders run on invented sample data (initials and made-up references only), and each card is
drawn by Microsoft's official `adaptivecards` JavaScript renderer in headless Chromium.

The look is an approximation: the host config (`scripts/screenshots/teams-host-config.json`)
and the frame around each card imitate Teams' light theme (fonts, colours, spacing), but Teams
itself draws cards with its own renderer and fonts, so spacing, fonts and button widths differ
a little. Run `make screenshots` again after changing a card.

"""


def index(found: list[Shot]) -> str:
    lines = [f"- [`{shot.name}.png`]({shot.name}.png): {shot.title}" for shot in found]
    return INTRO + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--work", type=Path, default=ROOT / ".screenshots",
                        help="where the npm packages are installed (node_modules inside)")
    args = parser.parse_args(argv)
    config, flows = load_all(CONFIG)
    found = shots(config, flows)
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    listing = args.work / "shots.json"
    listing.write_text(json.dumps([{"name": s.name, "card": s.card, "expand": s.expand}
                                   for s in found], indent=1), encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        print("node is not installed: `make screenshots` installs what is needed",
              file=sys.stderr)
        return 1
    environ = {**os.environ, "NODE_PATH": str(args.work / "node_modules")}
    done = subprocess.run([node, str(HERE / "render.mjs"), str(listing), str(args.out)],
                          env=environ, check=False)
    if done.returncode != 0:
        return done.returncode
    (args.out / "README.md").write_text(index(found), encoding="utf-8")
    wanted = {f"{shot.name}.png" for shot in found}
    for stale in args.out.glob("*.png"):
        if stale.name not in wanted:
            stale.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
