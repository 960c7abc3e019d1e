"""Keys that cannot be lost quietly: a database holding sealed or signed values never starts
with keys that cannot open them, and no key is ever made over existing data."""

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.app import prepare_database
from bot.clock import ManualClock
from bot.config import OrgConfig
from bot.crypto import KEY_FILE, KeyRing, new_key_entry, parse_key_ring
from bot.flow.definition import FlowDefinition
from bot.keyed_columns import KEYED
from bot.keys import KeySetupError
from bot.rotation import rotate_keys
from bot.runtime import Runtime
from storage.models import Base
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

SEALED_NAMES = ("_sealed",)


def test_every_sealed_or_signed_column_is_covered() -> None:
    """A new `…_sealed` or `mac` column must be added to bot.keyed_columns, or rotation and
    the start-up check would miss it."""
    import storage.case_models
    import storage.wellbeing_models  # noqa: F401

    in_models = {f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables
                 for column in table.columns
                 if column.name.endswith(SEALED_NAMES) or column.name in ("mac", "hash_mac")}
    assert in_models == {keyed.name for keyed in KEYED}
    assert {keyed.kind for keyed in KEYED if keyed.name.endswith("_sealed")} == {"sealed"}


def _entry(keys: KeyRing) -> str:
    import base64

    return ",".join(f"{key_id}:{base64.urlsafe_b64encode(key).decode()}"
                    for key_id, key in keys.keys.items())


def _key_file(url: str) -> Path:
    database = make_url(url).database
    assert database is not None
    return Path(database).resolve().parent / KEY_FILE


@pytest.fixture
def environ(database_url: str) -> dict[str, str]:
    """SQLite: the key file beside the database; PostgreSQL: SAFEGUARD_KEYS."""
    if database_url.startswith("sqlite"):
        return {}
    return {"SAFEGUARD_KEYS": new_key_entry("k1")}


async def _with_records(url: str, environ: dict[str, str], config: OrgConfig,
                        flows: dict[str, FlowDefinition], clock: ManualClock) -> KeyRing:
    database, keys = await prepare_database(url, environ)
    runtime = Runtime(config, flows, database, clock, ("console",), keys)
    try:
        await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    finally:
        await database.dispose()
    return keys


async def _refused(url: str, environ: dict[str, str]) -> str:
    with pytest.raises(KeySetupError) as refused:
        database, _keys = await prepare_database(url, environ)
        await database.dispose()
    message = str(refused.value)
    assert "\n" not in message
    return message


async def test_a_lost_key_stops_the_start_and_no_new_key_is_made(
    database_url: str, environ: dict[str, str], example_config: OrgConfig,
    flows: dict[str, FlowDefinition], clock: ManualClock,
) -> None:
    keys = await _with_records(database_url, environ, example_config, flows, clock)
    if database_url.startswith("sqlite"):  # the key file moved away
        key_file = _key_file(database_url)
        key_file.rename(key_file.with_suffix(".moved"))
        message = await _refused(database_url, {})
        assert f"{key_file} is missing" in message
        assert not key_file.exists(), "a new key was made over sealed data"
    else:  # SAFEGUARD_KEYS holds another key id
        message = await _refused(database_url, {"SAFEGUARD_KEYS": new_key_entry("k9")})
        assert "SAFEGUARD_KEYS has no key 'k1'" in message
    assert f"sealed with key '{keys.current}'" in message
    assert "keys come from SAFEGUARD_KEYS or, for SQLite without it, from safeguard.key" \
        in message


async def test_a_wrong_key_under_the_right_id_stops_the_start(
    database_url: str, environ: dict[str, str], example_config: OrgConfig,
    flows: dict[str, FlowDefinition], clock: ManualClock,
) -> None:
    await _with_records(database_url, environ, example_config, flows, clock)
    message = await _refused(database_url, {"SAFEGUARD_KEYS": new_key_entry("k1")})
    assert "the key 'k1' in SAFEGUARD_KEYS does not open the records sealed with key 'k1'" \
        in message


async def test_an_old_key_removed_before_rotation_is_named_and_after_it_is_fine(
    database_url: str, environ: dict[str, str], example_config: OrgConfig,
    flows: dict[str, FlowDefinition], clock: ManualClock,
) -> None:
    old = await _with_records(database_url, environ, example_config, flows, clock)
    new = parse_key_ring(new_key_entry("k2"))
    both = {"SAFEGUARD_KEYS": f"{_entry(new)},{_entry(old)}"}
    only_new = {"SAFEGUARD_KEYS": _entry(new)}
    assert "has no key 'k1'" in await _refused(database_url, only_new)
    database, keys = await prepare_database(database_url, both)
    try:
        assert keys.current == "k2"
        rotated = await rotate_keys(database, keys)
        assert rotated.total() > 0 and not rotated.failed
    finally:
        await database.dispose()
    database, keys = await prepare_database(database_url, only_new)
    await database.dispose()
    assert list(keys.keys) == ["k2"]


async def test_an_empty_database_gets_a_key_file_once(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    database, first = await prepare_database(url, {})
    await database.dispose()
    database, again = await prepare_database(url, {})
    await database.dispose()
    assert (tmp_path / KEY_FILE).exists() and first.keys == again.keys
