"""Key rotation: everything re-sealed under the new key; the old key can then go."""

from dataclasses import replace

from bot import reporting
from bot.crypto import KeyRing, new_key_entry, parse_key_ring
from bot.details import view_details
from bot.domain import ReportKind
from bot.flow.runner import Repeat
from bot.rotation import rotate_keys
from bot.runtime import Runtime
from tests.bot.driving import actor, file_report
from tests.scripts import PLANTED


async def test_rotation_reseals_reports_and_flows_and_can_run_again(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await reporting.start(runtime, actor(runtime, "jo"), "c-jo", ReportKind.OPERATIONAL_INCIDENT)
    new = parse_key_ring(new_key_entry("n1"))
    both = KeyRing("n1", {**new.keys, **runtime.keys.keys})
    first = await rotate_keys(runtime.database, both)
    again = await rotate_keys(runtime.database, both)
    assert (first.reports, first.flows) == (1, 1)
    assert (again.reports, again.flows) == (0, 0)
    only_new = replace(runtime, keys=new)
    details = await view_details(only_new, actor(only_new, "lead"), receipt.reference)
    assert details is not None and any(PLANTED in item.value for item in details.items)
    assert await reporting.respond(only_new, actor(only_new, "jo"), "c-jo", Repeat())
