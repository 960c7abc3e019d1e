"""Draws color.png (192x192) and outline.png (32x32, white on transparent) for the Teams app.

Standard library only. Run from the project root: python manifest/teams/make_icons.py
"""

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
PURPLE = (91, 63, 160)
SAMPLES = 4


def half_width(y: float) -> float:
    """The shield's half width at height y (y runs down from -0.72 to 0.78), or -1 outside."""
    if y < -0.72 or y > 0.78:
        return -1.0
    if y < 0.05:
        return 0.58 - 0.06 * (y + 0.72) ** 2
    t = (y - 0.05) / 0.73
    return (0.58 - 0.06 * 0.77**2) * math.sqrt(max(0.0, 1 - t * t))


def inside(x: float, y: float, inset: float = 0.0) -> bool:
    width = half_width(y if inset == 0 else (y - 0.0) * (1 + inset * 1.4))
    return width - inset > 0 and abs(x) <= width - inset


def tick(x: float, y: float) -> bool:
    """A check mark inside the shield."""
    def near(ax: float, ay: float, bx: float, by: float) -> bool:
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) < 0.075
    return near(-0.26, 0.0, -0.06, 0.22) or near(-0.06, 0.22, 0.3, -0.22)


def coverage(size: int, px: int, py: int, shape) -> float:  # type: ignore[no-untyped-def]
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1
            y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1
            hits += shape(x, y)
    return hits / SAMPLES**2


def png(path: Path, size: int, pixel) -> None:  # type: ignore[no-untyped-def]
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(px, py)) for px in range(size)) for py in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def colour_pixel(px: int, py: int) -> tuple[int, int, int, int]:
    shield = coverage(192, px, py, lambda x, y: inside(x, y) and not tick(x, y))
    r, g, b = (round(c + (255 - c) * shield) for c in PURPLE)
    return r, g, b, 255


def outline_pixel(px: int, py: int) -> tuple[int, int, int, int]:
    ring = coverage(32, px, py, lambda x, y: (inside(x, y) and not inside(x, y, 0.16))
                    or tick(x, y))
    return 255, 255, 255, round(255 * ring)


if __name__ == "__main__":
    png(HERE / "color.png", 192, colour_pixel)
    png(HERE / "outline.png", 32, outline_pixel)
