"""Property: for every person and every console command that takes a reference, a report about
that person is refused in exactly the words of a report that does not exist (only the
reference differs), and nothing is written but the refusal's audit entry. A report they may
handle is not refused."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from adapters.console.app import ConsoleSession
from bot.acknowledgement import acknowledge
from bot.actors import resolve_actor
from bot.clock import ManualClock, OffsetClock
from bot.domain import CODE_ALPHABET, CODE_LENGTH, is_code
from bot.runtime import Runtime
from storage.engine import Database
from storage.models import Base
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind
from tests.security.conftest import Shared
from tests.security.strategies import OVER_HTTP

PEOPLE = ("lead", "deputy", "ceo", "dpl", "manager", "alex", "jo")
COMMANDS = (
    "/view {r}", "/ack {r}", "/hold {r}", "/release {r}", "/case {r}", "/note {r}: x",
    "/decide {r} monitor: x", "/refer {r} police: x", "/outcome {r} 1 accepted: x",
    "/assign {r} deputy", "/link {r} {general}: x", "/link {general} {r}: x",
    "/close {r} duplicate: x", "/reopen {r}: x", "/feedback {r}", "/chronology {r}",
    "/export {r} json", "/ask {r}: a question", "/answer {r}", "/answer {r} 1: an answer",
    "/complete {r}",
)
"""Every console command that takes a reference (both places of /link)."""
REFUSED = "it does not exist or is not open to you"
COUNTS = select(*(select(func.count()).select_from(table).scalar_subquery().label(table.name)
                  for table in Base.metadata.sorted_tables))
"""Every table's row count, in one statement."""


async def row_counts(database: Database) -> dict[str, int]:
    async with database.sessions() as session:
        return dict((await session.execute(COUNTS)).one()._mapping)


@dataclass
class World:
    """A console at one database: one report about each person, and a general one."""

    console: ConsoleSession
    lines: list[str]
    about: dict[str, str]
    general: str

    async def run(self, person: str, line: str) -> str:
        self.console.actor = resolve_actor(self.console.runtime.config, "console", person)
        self.lines.clear()
        await self.console.handle(line)
        return "\n".join(self.lines)


@pytest.fixture
async def world(runtime: Runtime, clock: ManualClock) -> AsyncIterator[Shared[World]]:
    about = {}
    for person in PEOPLE:
        reporter = "jo" if person == "alex" else "alex"
        receipt = await file_report(runtime, actor(runtime, reporter),
                                    ReportKind.SAFEGUARDING_CONCERN,
                                    {"about_staff": "yes", "about_staff_person": person})
        handler = "deputy" if person == "lead" else "lead"
        assert (await acknowledge(runtime, actor(runtime, handler), receipt.reference)
                ).status == "acknowledged"
        about[person] = receipt.reference
    general = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await acknowledge(runtime, actor(runtime, "lead"), general.reference)
    lines: list[str] = []
    console = ConsoleSession(runtime, OffsetClock(clock), lines.append)
    await console.pump()  # the daily retention run, before anything is compared
    yield Shared(World(console, lines, about, general.reference))


def missing_reference(kind: str, number: int, code: str) -> str:
    return f"{kind}-2026-{number:04d}" if number else f"{kind}-2026-{code}"


MISSING = st.builds(missing_reference, st.sampled_from(["SG", "CB", "OI"]),
                    st.integers(50, 9999) | st.just(0),
                    st.text(CODE_ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)
                    .filter(is_code))


EVERY_PAIR = settings(OVER_HTTP, max_examples=2)
"""Each example tries every person with every command: a few references are plenty."""


@EVERY_PAIR
@given(missing=MISSING, lower=st.booleans())
@example(missing="SG-2026-0099", lower=False)
async def test_a_report_about_you_is_refused_as_if_it_did_not_exist(
    world: Shared[World], missing: str, lower: bool,
) -> None:
    w = world.app
    if missing in w.about.values() or missing == w.general:
        return
    for person in PEOPLE:
        for command in COMMANDS:
            await _same_refusal(w, person, command, w.about[person], missing, lower)


async def _same_refusal(w: World, person: str, command: str, about: str, missing: str,
                        lower: bool) -> None:
    typed = (about.lower(), missing.lower()) if lower else (about, missing)
    outputs, audits = [], []
    for reference in typed:
        before = await row_counts(w.console.runtime.database)
        outputs.append(await w.run(person, command.format(r=reference, general=w.general)))
        after = await row_counts(w.console.runtime.database)
        changed = {name for name in after if after[name] != before[name]}
        assert changed <= {"audit_events"}, (person, command, reference, changed)
        audits.append(after["audit_events"] - before["audit_events"])
    refused_about, refused_missing = outputs
    assert REFUSED in refused_about, (person, command, refused_about)
    assert refused_about == refused_missing.replace(missing.upper(), about.upper()), (
        person, command)
    assert audits[0] == audits[1] >= 1, (person, command, audits)


async def test_a_report_you_handle_is_not_refused(world: Shared[World]) -> None:
    w = world.app
    for command in ("/view {r}", "/case {r}", "/chronology {r}", "/note {r}: x", "/ack {r}",
                    "/link {general} {r}: x"):
        for person, handler in (("lead", "deputy"), ("deputy", "lead"), ("alex", "ceo")):
            shown = await w.run(handler, command.format(r=w.about[person], general=w.general))
            assert REFUSED not in shown and shown, (handler, command, shown)
