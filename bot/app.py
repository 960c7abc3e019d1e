"""Assembling a Runtime from the config file, the flows and the database."""

import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import Clock
from bot.config import ConfigError, OrgConfig, check_kind_keys, read_config
from bot.crypto import KeyRing
from bot.flow.loader import FlowError, FlowSet, load_flows
from bot.key_check import check_keys
from bot.keys import KeySetupError, find_keys
from bot.runtime import Runtime
from storage.engine import Database, default_database_url, normalise_url, open_database
from storage.migrate import is_up_to_date, upgrade_to_head

EXAMPLE_CONFIG = Path("examples/organisation.toml")


class StartupError(Exception):
    """The bot cannot start; the message says what to do about it."""


def resolve_config_path(given: str | None) -> Path:
    """--config, else SAFEGUARD_CONFIG, else the example config when run from the project."""
    chosen = given or os.environ.get("SAFEGUARD_CONFIG")
    if chosen:
        return Path(chosen)
    if EXAMPLE_CONFIG.is_file():
        return EXAMPLE_CONFIG
    raise StartupError("no config file: pass --config FILE or set SAFEGUARD_CONFIG "
                       "(examples/organisation.toml shows the format)")


def load_all(config_path: Path) -> tuple[OrgConfig, FlowSet]:
    """The config and the flows it points at; raises ConfigError or FlowError."""
    config = read_config(config_path)
    extra = None
    if config.flows.directory:
        extra = (config_path.parent / config.flows.directory).resolve()
    flows = load_flows(extra)  # every kind in the registry has its flow (bot.flow.loader)
    check_kind_keys(config, flows.kinds, str(config_path))
    return config, flows


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or default_database_url()


def unusable_database(url: str, error: Exception) -> StartupError:
    """One line for a database that cannot be opened or reached (never a traceback)."""
    where = make_url(url).render_as_string(hide_password=True)
    reason = getattr(error, "orig", None) or error
    text = str(reason).strip() or type(reason).__name__
    return StartupError(f"cannot use the database at {where}: {text.splitlines()[0]}")


async def prepare_database(url: str, environ: Mapping[str, str] = os.environ,
                           migrate: bool = False) -> tuple[Database, KeyRing]:
    """Open the database with its keys. The keys must open whatever it already holds (else a
    one-line KeySetupError, and no key is ever made over existing data); then SQLite (or any
    database, with `migrate`) is migrated, and PostgreSQL must otherwise be up to date."""
    source = find_keys(url, environ)
    database = open_database(url)
    try:
        await check_keys(database, source)
        keys = source.create()
        if database.is_sqlite or migrate:
            await upgrade_to_head(database, keys)
        elif not await is_up_to_date(database):
            raise StartupError("the database schema is not up to date: run "
                               "`safeguard-bot migrate` first")
    except (OSError, SQLAlchemyError) as error:
        await database.dispose()
        raise unusable_database(url, error) from None
    except BaseException:
        await database.dispose()
        raise
    return database, keys


async def open_runtime(
    config_path: Path, clock: Clock, platforms: tuple[str, ...], url: str | None = None
) -> Runtime:
    config, flows = load_all(config_path)
    url = normalise_url(url or database_url())
    database, keys = await prepare_database(url)
    return Runtime(config, flows, database, clock, platforms, keys)


__all__ = ["ConfigError", "FlowError", "KeySetupError", "StartupError", "open_runtime",
           "resolve_config_path"]
