"""The repository makes sense to someone who clones it alone: its documents and code point only
at files it holds."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("bot", "adapters", "storage", "flows", "tests", "bench", "examples", "manifest")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
"""A relative markdown link's target, without its anchor."""
OUTSIDE = re.compile(r"DESIGN\.md|\.\./shared\b")
"""Names of documents that live beside the project, not in it."""


def _documents() -> list[Path]:
    found = list(ROOT.glob("*.md"))
    for folder in SOURCES:
        found += (ROOT / folder).rglob("*.md")
    return found


def _texts() -> list[Path]:
    found = _documents()
    for folder in SOURCES:
        found += (ROOT / folder).rglob("*.py")
        found += (ROOT / folder).rglob("*.yaml")
    return [path for path in found if ".venv" not in path.parts]


def test_the_architecture_document_is_in_the_repository() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "## 3. The interaction model" in text
    assert "ARCHITECTURE.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_no_file_cites_a_document_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _texts()
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_every_relative_link_in_the_documents_resolves() -> None:
    broken = []
    for document in _documents():
        for target in LINK.findall(document.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (document.parent / target).exists():
                broken.append(f"{document.relative_to(ROOT)} -> {target}")
    assert broken == []
