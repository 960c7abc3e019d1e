"""The PDF writer behind the case export and the annual picture, on fpdf2: A4 pages in DejaVu
Sans (embedded and subset, so every character shows as typed: bot.cases.pdf_font), wrapped
paragraphs, headings that never sit alone at the foot of a page, tables for facts, and bars.
Every page carries the title and "page N of M" at its foot, and an optional header line
(e.g. CONFIDENTIAL) at its top."""

from collections.abc import Sequence
from typing import NamedTuple

from fpdf import FPDF
from fpdf.fonts import TTFFont

from bot.cases.pdf_font import FAMILY, FILES, font_folder, printable
from bot.cases.pdf_layout import wrap

MARGIN = 60.0
"""About 2.1 cm, in points: with an 11-point body, about 75 characters a line."""
BODY = 11.0
LEADING = 1.35
"""Line height, as a multiple of the font size."""
KEEP = 3
"""Body lines a heading keeps with it on its page."""
GREY = (89, 89, 89)
RULE_GREY = (170, 170, 170)
HEAD_FILL = (235, 238, 242)
BAR_COLOUR = (31, 95, 139)
PAD, PAD_V = 5.0, 3.0
"""A table cell's padding, across and down."""


class Bar(NamedTuple):
    label: str
    value: float
    """Sets the bar's length (0: no bar)."""
    shown: str = ""
    """What is written after the bar; the value itself when empty."""


class _Pages(FPDF):
    def __init__(self, title: str, header: str, writer: "PdfWriter") -> None:
        super().__init__(orientation="portrait", unit="pt", format="A4")
        self.doc_title, self.doc_header, self.writer = title, header, writer

    def header(self) -> None:
        if self.doc_header:
            self.set_font(FAMILY, "B", 8)
            self.set_text_color(*GREY)
            self.set_xy(self.l_margin, MARGIN / 2 - 4)
            self.cell(0, 10, self.writer.clean(self.doc_header))
            self.set_text_color(0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, -MARGIN / 2 - 6)
        self.cell(0, 10, f"{self.writer.clean(self.doc_title)} · page {self.page_no()} "
                         "of {nb}")
        self.set_text_color(0)


class PdfWriter:
    def __init__(self, title: str, header: str = "") -> None:
        self.title = title
        self._pdf = _Pages(title, header, self)
        folder = font_folder()
        self._faces: dict[bool, TTFFont] = {}
        for style, name in FILES.items():
            self._pdf.add_font(FAMILY, style, str(folder / name))
            face = self._pdf.fonts[FAMILY.lower() + style]
            assert isinstance(face, TTFFont)
            self._faces[style == "B"] = face
        self._covered = set(self._faces[False].cmap) & set(self._faces[True].cmap)
        self._face = self._faces[False]
        self._pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self._pdf.set_auto_page_break(True, MARGIN)
        self._pdf.set_title(self.clean(title))
        self._pdf.set_producer("safeguard-bot")
        self._pdf.add_page()
        self._pdf.set_font(FAMILY, "", BODY)

    def clean(self, text: str) -> str:
        """What the font can show: each missing character as "[U+XXXX]"."""
        return printable(text, self._covered)

    @property
    def _width(self) -> float:
        return self._pdf.epw

    def _font(self, size: float, bold: bool = False) -> None:
        self._pdf.set_font(FAMILY, "B" if bold else "", size)
        self._face = self._faces[bold]

    def _wrap(self, text: str, width: float) -> list[str]:
        """`text`, cleaned, in lines that fit `width` in the current font."""
        widths, scale = self._face.cw, self._pdf.font_size_pt / 1000

        def measure(part: str) -> float:  # the font's advance widths, without kerning
            return float(sum(widths[ord(char)] for char in part)) * scale

        return wrap(self.clean(text), width, measure)

    def _keep(self, height: float) -> None:
        """Start a new page unless `height` more fits on this one."""
        if self._pdf.will_page_break(height) and self._pdf.y > self._pdf.t_margin + 1:
            self._pdf.add_page()

    def _put(self, line: str, x: float, y: float, width: float, leading: float,
             align: str = "L") -> None:
        """One line of cleaned text in a box `leading` high at (x, y); right-aligned in
        `width` for "R". (fpdf2's cell() does far more, and costs 30 times as much.)"""
        pdf = self._pdf
        if align == "R":
            x += width - pdf.get_string_width(line)
        pdf.text(x, y + leading / 2 + pdf.font_size * 0.3, line)

    def _lines(self, lines: list[str], leading: float, x: float, width: float) -> None:
        pdf = self._pdf
        for line in lines:
            self._keep(leading)
            self._put(line, x, pdf.y, width, leading)
            pdf.set_xy(pdf.l_margin, pdf.y + leading)

    def text(self, text: str, size: float = BODY, bold: bool = False, indent: float = 0,
             keep_with_next: bool = False) -> None:
        """A paragraph, wrapped at word boundaries (a line break starts a new line);
        `keep_with_next` keeps it on the page with two lines of what follows."""
        leading, width = size * LEADING, self._width - indent
        self._font(size, bold)
        lines = self._wrap(text, width)
        if keep_with_next:
            self._keep(len(lines) * leading + 2 * BODY * LEADING)
        self._lines(lines, leading, self._pdf.l_margin + indent, width)

    def heading(self, text: str, size: float = 14) -> None:
        """A heading, kept on its page with the first lines of what follows."""
        leading = size * 1.25
        self._font(size, bold=True)
        lines = self._wrap(text, self._width)
        self._keep(size * 0.8 + len(lines) * leading + KEEP * BODY * LEADING)
        if self._pdf.y > self._pdf.t_margin + 1:
            self.gap(size * 0.8)
        self._lines(lines, leading, self._pdf.l_margin, self._width)
        self.gap(4)

    def gap(self, height: float = 6) -> None:
        self._pdf.ln(height)

    def rule(self) -> None:
        pdf = self._pdf
        self._keep(8)
        pdf.set_draw_color(*RULE_GREY)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.y + 4, pdf.l_margin + self._width, pdf.y + 4)
        pdf.set_draw_color(0)
        self.gap(8)

    def _row(self, values: Sequence[object], widths: list[float], aligns: Sequence[str],
             size: float, head: bool) -> float:
        """Draw one table row at the current position; returns its height."""
        pdf, leading = self._pdf, size * 1.3
        self._font(size, bold=head)
        cells = [self._wrap(str(value), width - 2 * PAD) for value, width in
                 zip(values, widths, strict=True)]
        height = max(len(lines) for lines in cells) * leading + 2 * PAD_V
        y, x = pdf.y, pdf.l_margin
        if head:
            pdf.set_fill_color(*HEAD_FILL)
            pdf.rect(x, y, sum(widths), height, style="F")
        for lines, width, align in zip(cells, widths, aligns, strict=True):
            for number, line in enumerate(lines):
                self._put(line, x + PAD, y + PAD_V + number * leading, width - 2 * PAD,
                          leading, align)
            x += width
        pdf.set_draw_color(*RULE_GREY)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, y + height, pdf.l_margin + sum(widths), y + height)
        pdf.set_draw_color(0)
        pdf.set_xy(pdf.l_margin, y + height)
        return height

    def _row_height(self, values: Sequence[object], widths: list[float], size: float,
                    head: bool) -> float:
        self._font(size, bold=head)
        return max(len(self._wrap(str(value), width - 2 * PAD))
                   for value, width in zip(values, widths, strict=True)) * size * 1.3 \
            + 2 * PAD_V

    def table(self, rows: Sequence[Sequence[object]], head: Sequence[str] = (),
              widths: Sequence[float] = (), align: str = "", size: float = 9.5) -> None:
        """A table. `widths` are the columns' shares of the line (by default the first,
        a label, twice as wide as the others); `align` has one letter per column, L or R
        (by default a label on the left, figures on the right). The head row repeats on
        every page the table runs onto."""
        count = len(head) or max(len(row) for row in rows)
        shares = tuple(widths) or (2.2, *([1.0] * (count - 1)))
        columns = [self._width * share / sum(shares) for share in shares]
        aligns = tuple(align) or ("L", *("R" * (count - 1)))
        first = self._row_height(rows[0], columns, size, False) if rows else 0
        self._keep(first + (self._row_height(head, columns, size, True) if head else 0))
        if head:
            self._row(head, columns, aligns, size, head=True)
        for row in rows:
            if self._pdf.will_page_break(self._row_height(row, columns, size, False)):
                self._pdf.add_page()
                if head:
                    self._row(head, columns, aligns, size, head=True)
            self._row(row, columns, aligns, size, head=False)
        self.gap(8)

    def bars(self, items: Sequence[Bar], size: float = 9) -> None:
        """A horizontal bar chart: a label (wrapped in full), a bar scaled to the largest
        value, and what is shown for it."""
        pdf, leading = self._pdf, size * 1.35
        label_width = self._width * 0.42
        top = max((item.value for item in items), default=0) or 1
        bar_room = self._width - label_width - 100
        for item in items:
            self._font(size)
            lines = self._wrap(item.label, label_width)
            height = len(lines) * leading + 5
            self._keep(height)
            y = pdf.y
            self._lines(lines, leading, pdf.l_margin, label_width)
            x, width = pdf.l_margin + label_width + 8, bar_room * item.value / top
            if width > 0:
                pdf.set_fill_color(*BAR_COLOUR)
                pdf.rect(x, y + 2, width, leading - 3, style="F")
            self._put(self.clean(item.shown or f"{item.value:g}"), x + width + 5, y, 95,
                      leading)
            pdf.set_xy(pdf.l_margin, y + height)
        self.gap(4)

    def to_bytes(self) -> bytes:
        return bytes(self._pdf.output())
