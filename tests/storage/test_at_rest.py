"""What an attacker with a copy of the database sees: no planted content, anywhere."""

import asyncio
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import reporting
from bot.flow.runner import AnswerInput
from bot.runtime import Runtime
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind
from tests.scripts import PLANTED

IN_PROGRESS = "Kiwi-Harbour-5523"


async def _plant(runtime: Runtime) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    jo = actor(runtime, "jo")
    await reporting.start(runtime, jo, "c-jo", ReportKind.OPERATIONAL_INCIDENT)
    for answer in ("no", "yesterday 10:00", "zoom", IN_PROGRESS):
        await reporting.respond(runtime, jo, "c-jo", AnswerInput(answer))


def _pg_dump(url: str) -> bytes:
    target = make_url(url)
    return subprocess.run(
        ["pg_dump", "-h", str(target.host), "-p", str(target.port or 5432),
         "-U", str(target.username), "--data-only", str(target.database)],
        capture_output=True, check=True, timeout=60).stdout


async def test_a_dump_holds_none_of_the_planted_strings(
    runtime: Runtime, database_url: str
) -> None:
    await _plant(runtime)
    if runtime.database.is_sqlite:
        await runtime.database.dispose()
        path = Path(str(make_url(database_url).database))
        dump = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    else:
        dump = await asyncio.to_thread(_pg_dump, database_url)
    assert b"Thursday art group" not in dump  # a plain answer
    assert PLANTED.encode() not in dump and IN_PROGRESS.encode() not in dump
    assert b"SG-2026-0001" in dump  # the dump is real: references are not secret

