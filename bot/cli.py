"""The `safeguard-bot` command line: console, serve, migrate, check-config, audit verify,
rotate-key, new-key, report, teams-package."""

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.app import (
    ConfigError,
    FlowError,
    KeySetupError,
    StartupError,
    database_url,
    load_all,
    open_runtime,
    prepare_database,
    resolve_config_path,
)
from bot.audit_chain import ExportedHead, HeadFormatError, verify_all
from bot.chain_watch import LOGGER
from bot.clock import OffsetClock
from bot.crypto import new_key_entry
from bot.private_files import FileProblem
from bot.rotation import rotate_keys
from storage.engine import DatabaseUrlError, normalise_url
from storage.repositories.chain import AUDIT, CASE_ENTRIES

EXPECTED = (ConfigError, FlowError, KeySetupError, StartupError, DatabaseUrlError, FileProblem,
            HeadFormatError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="safeguard-bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    console = commands.add_parser("console", help="the terminal adapter (reads stdin)")
    console.add_argument("--config", help="organisation config (TOML)")
    serve = commands.add_parser("serve", help="the HTTP server for Slack and Teams")
    serve.add_argument("--config", help="organisation config (TOML)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3978)
    commands.add_parser("migrate", help="bring the database schema up to date")
    check = commands.add_parser("check-config", help="validate a config file and its flows")
    check.add_argument("file")
    commands.add_parser("rotate-key", help="re-seal every record with the current key "
                        "(the first in SAFEGUARD_KEYS); safe to interrupt and run again")
    new_key = commands.add_parser("new-key", help="print a new key entry for SAFEGUARD_KEYS")
    new_key.add_argument("--id", default="k1", help="the key id (letters and digits)")
    package = commands.add_parser("teams-package",
                                  help="write the Teams app zip (app id from MICROSOFT_APP_ID)")
    package.add_argument("--output", default=".", help="zip file name or existing directory")
    audit = commands.add_parser("audit", help="the audit trail and the case record")
    audit.add_argument("action", choices=["verify"])
    audit.add_argument("--head", metavar="COUNT:HASH",
                       help="an audit trail head the bot logged earlier: it must still hold")
    audit.add_argument("--case-head", metavar="COUNT:HASH",
                       help="a case record head the bot logged earlier: it must still hold")
    report = commands.add_parser("report", help="the trustees' annual picture (no personal "
                                 "data): HTML with charts, or PDF")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--config", help="organisation config (TOML)")
    report.add_argument("--format", choices=["html", "pdf"], default="html")
    report.add_argument("--output", help="file or folder to write (never overwritten; default: "
                        "safeguarding-YEAR.html in ~/.local/share/safeguard-bot/exports)")
    return parser


async def _console(args: argparse.Namespace) -> int:
    from adapters.console.app import run_console

    clock = OffsetClock()
    runtime = await open_runtime(resolve_config_path(args.config), clock, ("console",))
    try:
        await run_console(runtime, clock, sys.stdin, sys.stdout)
    finally:
        await runtime.database.dispose()
    return 0


async def _serve(args: argparse.Namespace) -> int:
    from bot.server import serve

    return await serve(resolve_config_path(args.config), args.host, args.port)


async def _migrate(args: argparse.Namespace) -> int:
    database, _keys = await prepare_database(normalise_url(database_url()), migrate=True)
    await database.dispose()
    print("The database schema is up to date.")
    return 0


async def _rotate_key(args: argparse.Namespace) -> int:
    database, keys = await prepare_database(normalise_url(database_url()))
    try:
        done = await rotate_keys(database, keys)
    finally:
        await database.dispose()
    print(f"Re-sealed {done.total('sealed')} values and re-signed {done.total('signed')} "
          f"chain links with key '{keys.current}'. Older keys can be removed from "
          "SAFEGUARD_KEYS once this says 0 and 0.")
    if done.failures:
        where = ", ".join(f"{name} {keys_[:5]}" for name, keys_ in done.failed.items())
        print(f"{done.failures} values were left as they are: they do not open, or their "
              f"signature does not match ({where}). Run `safeguard-bot audit verify`.")
        return 1
    return 0


async def _new_key(args: argparse.Namespace) -> int:
    if not args.id.isalnum():
        raise StartupError("--id must be letters and digits only")
    print(new_key_entry(args.id))
    return 0


async def _teams_package(args: argparse.Namespace) -> int:
    from adapters.teams.package import write_package

    print(f"Wrote {write_package(Path(args.output), os.environ)}")
    return 0


async def _audit(args: argparse.Namespace) -> int:
    heads = {name: ExportedHead.parse(given) for name, given in ((AUDIT, args.head),
                                                                 (CASE_ENTRIES, args.case_head))
             if given is not None}
    database, keys = await prepare_database(normalise_url(database_url()))
    try:
        results = await verify_all(database, keys, heads)
    finally:
        await database.dispose()
    for result in results:
        print(result.summary())
    return 0 if all(result.ok for result in results) else 1


async def _check_config(args: argparse.Namespace) -> int:
    config, flows = load_all(Path(args.file))
    print(f"{args.file}: OK ({config.organisation.name}: {len(config.people)} people, "
          f"{len(flows)} flows)")
    return 0


async def _report(args: argparse.Namespace) -> int:
    from bot.cases.annual_cli import write_annual_report

    path = await write_annual_report(resolve_config_path(args.config), args.year, args.format,
                                     args.output)
    print(f"Wrote the {args.year} annual picture to {path}")
    return 0


COMMANDS = {"console": _console, "serve": _serve, "migrate": _migrate,
            "check-config": _check_config, "rotate-key": _rotate_key, "new-key": _new_key,
            "audit": _audit, "teams-package": _teams_package, "report": _report}


BODY_LOGGERS = ("slack_sdk", "slack_bolt", "botbuilder", "botframework", "msrest", "aiohttp")
"""Platform libraries that log whole request and response bodies (modals and cards carry
report content) at DEBUG: held at INFO even when someone turns debugging on."""


def configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in (*BODY_LOGGERS, LOGGER):
        logging.getLogger(name).setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    try:
        return asyncio.run(COMMANDS[args.command](args))
    except EXPECTED as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"error: {error.strerror or error}{where}", file=sys.stderr)
        return 2
