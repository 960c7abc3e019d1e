"""A fourth kind of report, added as its flow file plus one registry entry, at the console:
started by its alias, answered, submitted, and the lead alerted with its prefix."""

import pytest

from adapters.console.app import ConsoleSession
from bot.clock import ManualClock, OffsetClock
from bot.flow.loader import FlowSet, load_flows
from bot.runtime import Runtime
from tests.kinds import FOURTH_KIND_ANSWERS, FOURTH_KIND_FLOWS


@pytest.fixture
def flows() -> FlowSet:
    return load_flows(FOURTH_KIND_FLOWS)


async def test_a_fourth_kind_runs_end_to_end_at_the_console(runtime: Runtime,
                                                            clock: ManualClock) -> None:
    lines: list[str] = []
    console = ConsoleSession(runtime, OffsetClock(clock), lines.append)
    await console.handle("/as alex")
    await console.handle("/report device")
    assert "When did you last have it?" in "\n".join(lines)
    for step in ("occurred_at", "device", "what_happened"):
        await console.handle(FOURTH_KIND_ANSWERS[step])
    await console.handle("submit")
    await console.pump()
    shown = "\n".join(lines)
    assert "Your reference is LD-2026-0001" in shown
    [alert] = [line for line in lines
               if line.strip().startswith("--> [direct message to SO (lead")]
    assert "New lost device Reference: LD-2026-0001 · Kind: Lost device" in alert
    assert FOURTH_KIND_ANSWERS["what_happened"] not in alert
    assert any(line.strip().startswith("--> [direct message to PL (dpl")
               and "LD-2026-0001" in line for line in lines), "the entry's default routes"
