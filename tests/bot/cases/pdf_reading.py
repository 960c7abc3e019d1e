"""Reading back the PDFs the bot writes (bot/cases/pdf.py), as a reader's software would:
pypdf parses the file strictly and extracts the shown text, line by line."""

import io

from pypdf import PdfReader


def _reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return PdfReader(io.BytesIO(data), strict=True)


def pdf_text(data: bytes) -> str:
    """Every page's text, one shown line per line, after checking the file parses."""
    return "\n".join(page.extract_text() for page in _reader(data).pages)


def page_count(data: bytes) -> int:
    return len(_reader(data).pages)
