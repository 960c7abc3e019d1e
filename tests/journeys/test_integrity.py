"""Integrity journeys through the real command line: an export downloaded through `serve`
leaves no token in any log line; the chain heads it logs verify later with `audit verify
--head`, which names removed entries; a lost key stops every command; a rotated key can go."""

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp

from bot.actors import Actor
from bot.cases.export_links import ExportLinks
from bot.clock import SystemClock
from bot.crypto import KEY_FILE, new_key_entry, parse_key_ring, read_key_file
from tests.journeys.console import EXAMPLE_CONFIG, POSTGRES_KEYS, ROOT, run_console
from tests.journeys.serve import serve_processes
from tests.journeys.serve_slack import PlatformFake
from tests.kinds import ReportKind
from tests.scripts import console_lines

REFERENCE = re.compile(r"Your reference is ([A-Z]{2}-\d{4}-\d{4})")
HEAD_LINE = re.compile(r"chain heads: .*--head (\d+:[0-9a-f]{64}) --case-head (\d+:[0-9a-f]{64})")
BASE = "http://127.0.0.1:9/"


def _keys_env(url: str) -> dict[str, str]:
    return {"SAFEGUARD_KEYS": POSTGRES_KEYS} if url.startswith("postgresql") else {}


def safeguard(url: str, *args: str, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DATABASE_URL": url, **_keys_env(url), **(env or {})}
    if not url.startswith("postgresql") and "SAFEGUARD_KEYS" not in (env or {}):
        full.pop("SAFEGUARD_KEYS", None)
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True,
                          text=True, cwd=ROOT, env=full, timeout=60)


def _acknowledged_report(url: str) -> str:
    kind = ReportKind.SAFEGUARDING_CONCERN
    filed = run_console(["/report concern", *console_lines(kind), "submit"], url)
    found = REFERENCE.search(filed.stdout)
    assert found, filed.stdout + filed.stderr
    acked = run_console(["/as lead", f"/ack {found.group(1)}"], url)
    assert acked.returncode == 0, acked.stderr
    return found.group(1)


def _ring(url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    if url.startswith("postgresql"):
        return parse_key_ring(POSTGRES_KEYS)
    ring = read_key_file(tmp_path / KEY_FILE)
    assert ring is not None
    return ring


async def test_an_export_through_serve_logs_no_token_and_its_heads_verify(
    journey_db: str, tmp_path: Path,
) -> None:
    reference = _acknowledged_report(journey_db)
    links = ExportLinks(BASE, _ring(journey_db, tmp_path))
    lead = Actor("console", "lead", None)
    token = links.link(lead, reference, "pdf", SystemClock().now()).rsplit("/", 1)[1]
    fake = PlatformFake()
    api = await fake.start()
    try:
        async with serve_processes(tmp_path) as servers, aiohttp.ClientSession() as session:
            server = await servers.start(journey_db, api, {"SAFEGUARD_PUBLIC_URL": BASE})
            async with session.get(f"{server.url}/exports/{token}") as reply:
                assert reply.status == 200 and (await reply.read()).startswith(b"%PDF")
            async with session.get(f"{server.url}/exports/{token[:-2]}%C3%A9") as reply:
                assert reply.status == 404
            await server.stop()
            log = server.log.read_text()
    finally:
        await fake.close()
    assert "/exports/<redacted>" in log, log
    for secret in (token, token.split(".")[1][:20], token.split(".")[2][:20]):
        assert secret not in log
    heads = HEAD_LINE.search(log)
    assert heads, log
    verified = safeguard(journey_db, "audit", "verify", "--head", heads.group(1),
                         "--case-head", heads.group(2))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("Audit trail intact:")
    assert "Case record intact:" in verified.stdout


def test_audit_verify_names_removed_entries_and_exits_non_zero(journey_db: str) -> None:
    _acknowledged_report(journey_db)
    before = safeguard(journey_db, "audit", "verify")
    assert before.returncode == 0, before.stdout + before.stderr
    head = re.search(r"head (\d+:[0-9a-f]{64})", before.stdout)
    assert head
    _delete_newest_audit_entry(journey_db)
    after = safeguard(journey_db, "audit", "verify")
    assert after.returncode == 1
    assert "Audit trail BROKEN after entry" in after.stdout
    assert "the 1 newest entries are missing" in after.stdout
    given = safeguard(journey_db, "audit", "verify", "--head", head.group(1))
    assert given.returncode == 1
    bad = safeguard(journey_db, "audit", "verify", "--head", "twelve")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "COUNT:HASH" in bad.stderr


def _delete_newest_audit_entry(url: str) -> None:
    code = ("import asyncio, sys\n"
            "from sqlalchemy import text\n"
            "from storage.engine import normalise_url, open_database\n"
            "async def main():\n"
            "    db = open_database(normalise_url(sys.argv[1]))\n"
            "    async with db.transaction() as s:\n"
            "        await s.execute(text('DELETE FROM audit_events WHERE id = "
            "(SELECT max(id) FROM audit_events)'))\n"
            "    await db.dispose()\n"
            "asyncio.run(main())\n")
    subprocess.run([sys.executable, "-c", code, url], check=True, cwd=ROOT, timeout=60)


def test_a_moved_key_file_stops_every_command_and_no_key_is_made(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'journey.db'}"
    _acknowledged_report(url)
    key_file = tmp_path / KEY_FILE
    key_file.rename(tmp_path / "elsewhere.key")
    runs = [run_console(["/help"], url)]
    runs += [safeguard(url, *args) for args in (("audit", "verify"), ("rotate-key",),
                                                 ("migrate",))]
    for run in runs:
        assert run.returncode == 2, run.stdout + run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in run.stderr
        assert "sealed with key 'k1'" in lines[0] and f"{key_file} is missing" in lines[0]
    assert not key_file.exists()


def test_a_wrong_safeguard_keys_stops_the_console(journey_db: str) -> None:
    _acknowledged_report(journey_db)
    used = "j1" if journey_db.startswith("postgresql") else "k1"
    for wrong, says in ((used, "does not open"), ("x9", f"has no key '{used}'")):
        run = run_console(["/help"], journey_db,
                          extra_env={"SAFEGUARD_KEYS": new_key_entry(wrong)})
        assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert says in run.stderr and "Safeguarding report bot" not in run.stdout


def test_after_rotation_the_old_key_goes_and_check_ins_still_open(journey_db: str) -> None:
    old = POSTGRES_KEYS if journey_db.startswith("postgresql") else new_key_entry("k1")
    new = new_key_entry("k2")
    arranged = run_console(["/as manager", "/debrief alex tomorrow 16:00 -- Heron-Quill-5521"],
                           journey_db, extra_env={"SAFEGUARD_KEYS": old})
    assert arranged.returncode == 0 and "Scheduled AT" in arranged.stdout, arranged.stdout
    both = {"SAFEGUARD_KEYS": f"{new},{old}"}
    first = safeguard(journey_db, "rotate-key", env=both)
    again = safeguard(journey_db, "rotate-key", env=both)
    assert first.returncode == again.returncode == 0, first.stdout + first.stderr
    assert "Re-sealed 0 values and re-signed 0 chain links" in again.stdout
    listed = run_console(["/as manager", "/debrief list", "/debrief view 1"], journey_db,
                         extra_env={"SAFEGUARD_KEYS": new})
    assert listed.returncode == 0, listed.stderr
    assert "check-in #1 for AT" in listed.stdout and "Traceback" not in listed.stderr
    assert "x " not in listed.stdout.split("> /debrief list")[1]
    verified = safeguard(journey_db, "audit", "verify", env={"SAFEGUARD_KEYS": new})
    assert verified.returncode == 0, verified.stdout


def test_exports_go_to_a_private_folder_and_never_overwrite(journey_db: str,
                                                          tmp_path: Path) -> None:
    reference = _acknowledged_report(journey_db)
    data, named = tmp_path / "data", tmp_path / "named.pdf"
    run = run_console([
        "/as lead", f"/export {reference} pdf", f"/export {reference} pdf",
        f"/export {reference} json {named}", f"/export {reference} pdf {named}",
        f"/export {reference} pdf {tmp_path / 'no' / 'such.pdf'}",
        f"/register {named}", f"/register {tmp_path}",
    ], journey_db, extra_env={"XDG_DATA_HOME": str(data)})
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    folder = data / "safeguard-bot" / "exports"
    made = [folder / f"{reference}.pdf", folder / f"{reference}-2.pdf"]
    assert all(path.read_bytes().startswith(b"%PDF") for path in made)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert {oct(path.stat().st_mode & 0o777) for path in [*made, named]} == {"0o600"}
    assert not (ROOT / f"{reference}.pdf").exists(), "nothing in the working folder"
    assert named.read_text().startswith("{"), "the JSON export was not overwritten"
    assert run.stdout.count("already exists and is never overwritten") == 2
    assert f"There is no folder {tmp_path / 'no'}" in run.stdout
    assert oct((tmp_path / "register-all.csv").stat().st_mode & 0o777) == "0o600"

    year = str(datetime.now(ZoneInfo("Europe/London")).year)
    env = {"XDG_DATA_HOME": str(data)}
    for expected in (f"safeguarding-{year}.html", f"safeguarding-{year}-2.html"):
        report = safeguard(journey_db, "report", "--config", str(EXAMPLE_CONFIG), "--year",
                           year, env=env)
        assert report.returncode == 0, report.stderr
        assert str(folder / expected) in report.stdout and (folder / expected).exists()
    refused = safeguard(journey_db, "report", "--config", str(EXAMPLE_CONFIG), "--year", year,
                        "--output", str(named), env=env)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "never overwritten" in refused.stderr and named.read_text().startswith("{")
