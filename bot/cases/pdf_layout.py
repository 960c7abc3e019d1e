"""Breaking text into lines that fit a width, measured in the typeface itself: words move
whole to the next line; a word wider than the line is split between characters. Linear in
the length of the text (the PDF library's own line breaker re-measures each line as it
grows, which took a second for a long case)."""

from collections.abc import Callable

Measure = Callable[[str], float]


def _split_long(word: str, width: float, measure: Measure) -> list[str]:
    pieces, piece = [], ""
    for char in word:
        if piece and measure(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def _paragraph(text: str, width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    line, used, space = "", 0.0, measure(" ")
    for word in text.split(" "):
        size = measure(word)
        if line and used + space + size > width:
            lines.append(line.rstrip(" "))
            line, used = "", 0.0
        if size > width:
            *whole, word = _split_long(word, width, measure)
            lines.extend(whole)
            size = measure(word)
        line, used = (f"{line} {word}", used + space + size) if line else (word, size)
    return [*lines, line.rstrip(" ")]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """The lines of `text`: a line break in it always starts a new line."""
    return [line for paragraph in text.split("\n")
            for line in _paragraph(paragraph, width, measure)]
