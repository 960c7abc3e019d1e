"""Shared fixtures: the example config, flows, and a migrated database on each backend."""

import asyncio
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot import references
from bot.clock import ManualClock
from bot.config import OrgConfig, load_config
from bot.crypto import KeyRing, new_key_entry, parse_key_ring
from bot.flow.definition import FlowDefinition
from bot.flow.loader import load_flows
from bot.runtime import Runtime
from bot.working_time.settings import WorkingHoursSettings
from storage.engine import Database, open_database
from storage.migrate import upgrade_to_head
from tests.databases import (
    create_postgres_database,
    drop_postgres_database,
    empty_tables,
    sqlite_database,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "examples" / "organisation.toml"
T = TypeVar("T")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
AFTER_EVERYTHING = "after_everything"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{AFTER_EVERYTHING}: runs after every other test of the session (it checks "
                   "what they produced, e.g. every card sent against the official schema)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked after_everything go last, in their own order; the rest keep theirs."""
    items.sort(key=lambda item: item.get_closest_marker(AFTER_EVERYTHING) is not None)


@pytest.fixture(scope="session")
def example_config() -> OrgConfig:
    """The example config, with routine messages sent at any hour: the test clock starts on a
    Saturday. Tests of working hours use `office_config` (the example as it ships)."""
    return any_hour(load_config(EXAMPLE_CONFIG))


@pytest.fixture(scope="session")
def office_config() -> OrgConfig:
    """The example config as it ships: routine messages wait for working hours."""
    return load_config(EXAMPLE_CONFIG)


def any_hour(config: OrgConfig) -> OrgConfig:
    """The same config with `[working_hours] routine_waits = false`."""
    hours = config.working_hours or WorkingHoursSettings()
    return config.model_copy(update={
        "working_hours": hours.model_copy(update={"routine_waits": False})})


@pytest.fixture(scope="session")
def flows() -> dict[str, FlowDefinition]:
    return load_flows()


async def _create_migrated_postgres() -> str:
    url = await create_postgres_database()
    database = open_database(url)
    try:
        await upgrade_to_head(database)
    finally:
        await database.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One migrated PostgreSQL database for this whole run, dropped at the end."""
    url = _run_aside(_create_migrated_postgres())
    yield url
    _run_aside(drop_postgres_database(url))


def _run_aside(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on its own loop (callers may be inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated, empty database URL on each backend."""
    if request.param == "sqlite":
        async with sqlite_database(tmp_path) as (url, _database):
            yield url
        return
    url = request.getfixturevalue("postgres_url")
    database = open_database(url)
    try:
        await empty_tables(database)
    finally:
        await database.dispose()
    yield url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = open_database(database_url)
    yield database
    await database.dispose()


KNOWN_CODE = "K8V4H"
"""The first code a coded reference draws in a test that asks for `known_code`."""


@pytest.fixture
def known_code(monkeypatch: pytest.MonkeyPatch) -> str:
    """The first coded reference (bot.references: reports about staff, quick alerts and so
    every immediate-danger alert) gets KNOWN_CODE, e.g. SG-2026-K8V4H; later ones are drawn
    at random as usual. For in-process tests that must name a report before it is filed."""
    codes = iter([KNOWN_CODE])
    drawn = references.draw_code
    monkeypatch.setattr(references, "draw_code", lambda: next(codes, None) or drawn())
    return KNOWN_CODE


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 14, 10, 0, tzinfo=UTC))


@pytest.fixture
def runtime(
    example_config: OrgConfig,
    flows: dict[str, FlowDefinition],
    database: Database,
    clock: ManualClock,
    test_keys: KeyRing,
) -> Runtime:
    return Runtime(example_config, flows, database, clock, ("console",), test_keys)


@pytest.fixture(scope="session")
def test_keys() -> KeyRing:
    return parse_key_ring(new_key_entry("t1"))
