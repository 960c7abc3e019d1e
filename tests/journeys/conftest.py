"""Journeys run on SQLite (a fresh file, migrated by the console itself) and PostgreSQL."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.engine import open_database
from tests.conftest import BACKENDS
from tests.databases import empty_tables


@pytest.fixture(params=BACKENDS)
async def journey_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL for the console subprocess: an empty SQLite path, or a clean PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'journey.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    database = open_database(url)
    try:
        await empty_tables(database)
    finally:
        await database.dispose()
    yield url
