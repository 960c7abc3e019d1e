"""Links never show the person a report is about that it exists: a link that would is recorded
from the other side, and a link made before they were named reads "another report" to them."""

from bot.acknowledgement import acknowledge
from bot.cases import actions
from bot.cases.record import view_case
from bot.runtime import Runtime
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import complete, quick_alert
from tests.kinds import ReportKind

SG = ReportKind.SAFEGUARDING_CONCERN
ABOUT_LEAD = {"about_staff": "yes", "about_staff_person": "lead"}


async def _acknowledged(runtime: Runtime, reference: str, by: str) -> str:
    assert (await acknowledge(runtime, actor(runtime, by), reference)).status == "acknowledged"
    return reference


async def test_a_link_that_would_show_the_subject_is_made_from_the_other_side(
    runtime: Runtime,
) -> None:
    alex, deputy = actor(runtime, "alex"), actor(runtime, "deputy")
    general = await _acknowledged(runtime, (await file_report(runtime, alex, SG)).reference,
                                  "deputy")
    about_lead = await _acknowledged(
        runtime, (await file_report(runtime, alex, SG, ABOUT_LEAD)).reference, "deputy")
    refused = await actions.link(runtime, deputy, general, about_lead)
    assert refused.status == "invalid" and f"link it from {about_lead}" in (refused.message or "")
    assert (await actions.link(runtime, deputy, about_lead, general)).done
    seen_by_lead = await view_case(runtime, actor(runtime, "lead"), general)
    assert seen_by_lead is not None and not seen_by_lead.entries
    seen_by_deputy = await view_case(runtime, deputy, about_lead)
    assert seen_by_deputy is not None
    assert [e.summary for e in seen_by_deputy.entries] == [f"Linked to {general}"]


async def test_a_link_made_before_the_subject_was_named_names_nothing_to_them(
    runtime: Runtime,
) -> None:
    alex, lead = actor(runtime, "alex"), actor(runtime, "lead")
    general = await _acknowledged(runtime, (await file_report(runtime, alex, SG)).reference,
                                  "lead")
    quick = (await quick_alert(runtime, alex)).reference
    assert (await actions.link(runtime, lead, general, quick)).done
    await complete(runtime, alex, quick, **ABOUT_LEAD)
    seen = await view_case(runtime, lead, general)
    assert seen is not None and [e.summary for e in seen.entries] == ["Linked to another report"]
    seen = await view_case(runtime, actor(runtime, "deputy"), general)
    assert seen is not None and [e.summary for e in seen.entries] == [f"Linked to {quick}"]
