"""Reading back what bot/cases/pdf.py writes: check the cross-reference table, and collect
the shown text (content streams are uncompressed)."""

import re

SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\) Tj")


def pdf_text(data: bytes) -> str:
    """Every shown string, one per line, after checking the file's structure."""
    assert data.startswith(b"%PDF-1.4\n") and data.rstrip().endswith(b"%%EOF")
    start = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    table = data[start:].split(b"\n")
    assert table[0] == b"xref"
    count = int(table[1].split()[1])
    for number in range(1, count):
        offset = int(table[2 + number].split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), number
    shown = [re.sub(rb"\\(.)", rb"\1", match) for match in SHOWN.findall(data)]
    return "\n".join(item.decode("cp1252") for item in shown)


def page_count(data: bytes) -> int:
    return int(re.search(rb"/Count (\d+)", data).group(1))  # type: ignore[union-attr]
