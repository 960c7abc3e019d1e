"""SECURITY.md says what is plain and what is sealed, column by column, and keys and exports
stay out of git."""

import re
import subprocess
from pathlib import Path

import storage.case_models  # the tables register on Base
import storage.wellbeing_models  # noqa: F401
from storage.models import Base

ROOT = Path(__file__).resolve().parent.parent
IDENTIFIER = re.compile(r"(person_id|user_id|_by|watchers|destination|address|conversation_id)$")
"""Columns holding who someone is (person ids, platform user ids, where to reach them)."""


def _columns(matching: re.Pattern[str]) -> set[str]:
    return {f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables
            for column in table.columns if matching.search(column.name)}


def _section(title: str) -> str:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _named(section: str) -> set[str]:
    """`table.column` names in a section; `a.x`, `y` (and `z`) share a's table."""
    found = set()
    for line in section.splitlines():
        table = None
        for name in re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", line):
            if "." in name:
                table, _ = name.split(".")
                found.add(name)
            elif table:
                found.add(f"{table}.{name}")
    return found


def test_every_plain_identifier_is_listed_with_its_reason() -> None:
    listed = _named(_section("Identifiers stored in plain text"))
    assert _columns(IDENTIFIER) - listed == set()


def test_every_sealed_column_is_named_in_the_data_table() -> None:
    data = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for name in _columns(re.compile(r"_sealed$")):
        table, column = name.split(".")
        assert f"`{name}`" in data or (f"`{table}." in data and f"`{column}`" in data), name


def test_keys_databases_and_exports_are_ignored_by_git() -> None:
    names = ["safeguard.key", "other.key", "safeguard.db", "safeguard.db-wal", "x.db-shm",
             "SG-2026-0001.pdf", "PRACTICE-SG-2026-0001.json", "register-2026.csv",
             "safeguarding-2026.html", "exports/SG-2026-0001.pdf"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode == 128:  # not a git checkout: read the patterns instead
        patterns = (ROOT / ".gitignore").read_text().splitlines()
        assert {"safeguard.key", "*.key", "exports/", "/SG-*.pdf"} <= set(patterns)
        return
    assert sorted(result.stdout.split()) == sorted(names)
