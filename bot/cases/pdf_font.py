"""The typeface of every PDF the bot writes: DejaVu Sans, regular and bold.

It comes with a package dependency, matplotlib, whose data folder ships DejaVu Sans (its
default typeface) under the Bitstream Vera / DejaVu licence: no font file lives in this
repository and none is read from the system. The folder is found without importing
matplotlib (which would load numpy): only the installed package's location is looked up.

DejaVu Sans covers Latin with its extensions (Welsh ŵ ŷ, Polish Ł), Greek, Cyrillic, arrows
and most common symbols. A character it lacks is shown as a visible placeholder naming its
code point, e.g. "[U+1F44D]", never as "?" or an empty box: the reader can tell that
something was written there, and what.
"""

import importlib.util
from collections.abc import Container
from pathlib import Path

FAMILY = "DejaVuSans"
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
"""fpdf2 style → file in matplotlib's mpl-data/fonts/ttf."""


class FontMissingError(RuntimeError):
    """The typeface could not be found: matplotlib is not installed as the project says."""


def font_folder() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise FontMissingError("PDFs need the matplotlib package (it ships the DejaVu Sans "
                               "typeface): reinstall safeguard-bot with its dependencies")
    folder = Path(next(iter(locations))) / "mpl-data" / "fonts" / "ttf"
    missing = [name for name in FILES.values() if not (folder / name).is_file()]
    if missing:
        raise FontMissingError(f"matplotlib's data folder lacks {', '.join(missing)}")
    return folder


def placeholder(char: str) -> str:
    return f"[U+{ord(char):04X}]"


def printable(text: str, covered: Container[int]) -> str:
    """`text` with each character the font lacks replaced by its placeholder; tabs and other
    control characters (which no font draws) become spaces, line breaks stay."""
    out = []
    for char in text:
        code = ord(char)
        if char == "\n":
            out.append(char)
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(" ")
        elif code in covered:
            out.append(char)
        else:
            out.append(placeholder(char))
    return "".join(out)
