"""A small PDF writer for the case export and the annual picture: text in the standard
Courier fonts (wrapped, paginated), rules and bars. No dependency, nothing embedded, content
streams left uncompressed so tests can read them."""

import textwrap
from dataclasses import dataclass, field

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
"""A4, in points."""
MARGIN = 50.0
CHAR_WIDTH = 0.6
"""Courier's advance width, as a share of the font size: wrapping is exact."""
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BAR_GREY = 0.35


def _pdf_string(text: str) -> str:
    """A PDF literal string in WinAnsi (cp1252); characters outside it become '?'."""
    data = text.encode("cp1252", errors="replace").decode("latin-1")
    escaped = data.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "(" + "".join(ch if ch >= " " else " " for ch in escaped) + ")"


@dataclass
class PdfWriter:
    title: str
    header: str = ""
    """A line at the top of every page, e.g. 'CONFIDENTIAL'."""
    pages: list[list[str]] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        self._new_page()

    def _new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN
        if self.header:
            self._line(self.header, MARGIN, PAGE_HEIGHT - MARGIN / 2, 8, bold=True)

    def _ensure(self, height: float) -> None:
        if self.y - height < MARGIN:
            self._new_page()

    def _line(self, text: str, x: float, y: float, size: float, bold: bool = False) -> None:
        font = "F2" if bold else "F1"
        self.pages[-1].append(
            f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td {_pdf_string(text)} Tj ET")

    def text(self, text: str, size: float = 10, bold: bool = False, indent: float = 0) -> None:
        width = max(int((TEXT_WIDTH - indent) / (CHAR_WIDTH * size)), 10)
        leading = size * 1.35
        for paragraph in text.split("\n"):
            for line in textwrap.wrap(paragraph, width, break_long_words=True,
                                      replace_whitespace=False) or [""]:
                self._ensure(leading)
                self.y -= leading
                self._line(line, MARGIN + indent, self.y, size, bold)

    def heading(self, text: str, size: float = 14) -> None:
        self.gap(size * 0.6)
        self.text(text, size, bold=True)
        self.gap(3)

    def gap(self, height: float = 6) -> None:
        self.y -= height

    def rule(self) -> None:
        self._ensure(8)
        self.y -= 4
        self.pages[-1].append(f"0.5 w {MARGIN:.2f} {self.y:.2f} m "
                              f"{PAGE_WIDTH - MARGIN:.2f} {self.y:.2f} l S")
        self.y -= 4

    def bars(self, items: list[tuple[str, float]], unit: str = "", size: float = 9) -> None:
        """A horizontal bar chart: a label, a bar scaled to the largest value, the value."""
        label_chars = 36
        top = max((value for _, value in items), default=0) or 1
        bar_room = TEXT_WIDTH - label_chars * CHAR_WIDTH * size - 60
        for label, value in items:
            self._ensure(size * 1.6)
            self.y -= size * 1.6
            self._line(label[:label_chars], MARGIN, self.y, size)
            x = MARGIN + label_chars * CHAR_WIDTH * size + 6
            width = bar_room * value / top
            if width > 0:
                self.pages[-1].append(f"{BAR_GREY} g {x:.2f} {self.y - 1:.2f} {width:.2f} "
                                      f"{size:.2f} re f 0 g")
            shown = f"{value:g}{unit}"
            self._line(shown, x + width + 4, self.y, size)

    def to_bytes(self) -> bytes:
        count = len(self.pages)
        objects: list[bytes] = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            ("<< /Type /Pages /Kids [" + " ".join(f"{6 + 2 * i} 0 R" for i in range(count))
             + f"] /Count {count} >>").encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold "
            b"/Encoding /WinAnsiEncoding >>",
            f"<< /Title {_pdf_string(self.title)} /Producer (safeguard-bot) >>".encode("latin-1"),
        ]
        for number, operations in enumerate(self.pages, 1):
            footer = (f"BT /F1 8 Tf {MARGIN:.2f} {MARGIN / 2:.2f} Td "
                      f"{_pdf_string(f'{self.title} - page {number} of {count}')} Tj ET")
            stream = "\n".join([*operations, footer]).encode("latin-1")
            objects.append(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
                f"/Contents {7 + 2 * (number - 1)} 0 R >>".encode())
            objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream
                           + b"\nendstream")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)
