"""The lead sees who reported: initials and role (or "guest"), the platform, and a way to
reach them, in every private view of the report — and nowhere else."""

import json
import logging

import pytest

from bot.cases.chronology import case_chronology
from bot.cases.exports import export_case
from bot.cases.record import view_case
from bot.details import view_details
from bot.reporter import line, reporter_info
from bot.runtime import Runtime
from storage.models import Report
from tests.bot.cases.helpers import acknowledged, report_row
from tests.bot.cases.pdf_reading import pdf_text
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import outbox_rows, payload_text
from tests.kinds import ReportKind

ALEX_LINE = "Reported by: AT (staff), on the console · Contact: console id alex"


def _report(platform: str, user_id: str, person_id: str | None) -> Report:
    return Report(reporter_platform=platform, reporter_user_id=user_id,
                  reporter_person_id=person_id)


def test_a_person_in_the_config_by_initials_role_platform_and_ids(runtime: Runtime) -> None:
    info = reporter_info(runtime.config, _report("slack", "U0DEPUTY", "deputy"))
    assert (info.initials, info.role, info.platform, info.user_id, info.guest) == (
        "DP", "deputy safeguarding lead, manager", "slack", "U0DEPUTY", False)
    assert info.text == "DP (deputy safeguarding lead, manager), on Slack"
    assert info.contact == "Slack user U0DEPUTY"
    assert info.ids == (("slack", "U0DEPUTY"), ("teams", "29:deputy"), ("console", "deputy"))
    assert (info.id_on("slack"), info.id_on("teams")) == ("U0DEPUTY", "29:deputy")
    assert line(info) == ("Reported by: DP (deputy safeguarding lead, manager), on Slack · "
                          "Contact: Slack user U0DEPUTY")


def test_a_guest_is_a_guest_with_their_platform_id(runtime: Runtime) -> None:
    info = reporter_info(runtime.config, _report("teams", "29:volunteer-7", None))
    assert (info.initials, info.role, info.guest) == ("guest", "guest", True)
    assert info.text == "a guest (not in the config), on Microsoft Teams"
    assert info.contact == "Teams user 29:volunteer-7"
    assert info.ids == (("teams", "29:volunteer-7"),) and info.id_on("slack") is None


def test_someone_since_removed_from_the_config_is_not_called_a_guest(runtime: Runtime) -> None:
    info = reporter_info(runtime.config, _report("console", "gone", "gone"))
    assert (info.initials, info.guest) == ("someone no longer listed", False)
    assert info.contact == "console id gone"


async def test_details_case_and_chronology_name_the_reporter_for_the_lead(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime)  # filed by alex at the console
    lead = actor(runtime, "lead")
    details = await view_details(runtime, lead, reference)
    assert details is not None and details.reporter is not None
    assert line(details.reporter) == ALEX_LINE
    case = await view_case(runtime, lead, reference)
    assert case is not None and case.reporter == details.reporter
    events = await case_chronology(runtime, lead, reference)
    assert events is not None and events[0].what.startswith("Reported")
    assert events[0].parts == (("Reported by", "AT (staff), on the console"),
                               ("Contact", "console id alex"))


async def test_exports_carry_the_reporter(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    made = await export_case(runtime, actor(runtime, "lead"), reference, "json")
    assert made is not None
    found = json.loads(made.data)["report"]["reported_by"]
    assert found == {"initials": "AT", "role": "staff", "guest": False, "platform": "console",
                     "user_id": "alex", "line": ALEX_LINE}
    pdf = await export_case(runtime, actor(runtime, "lead"), reference, "pdf")
    assert pdf is not None
    shown = pdf_text(pdf.data).splitlines()
    assert ALEX_LINE in shown and shown.index(ALEX_LINE) < shown.index("The report")


async def test_people_who_may_not_see_the_report_do_not_see_who_filed_it(
    runtime: Runtime,
) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    for person in ("jo", "manager", "dpl", "alex"):
        assert await view_details(runtime, actor(runtime, person), receipt.reference) is None
        assert await view_case(runtime, actor(runtime, person), receipt.reference) is None


async def test_no_alert_receipt_or_dm_carries_the_reporter(
    runtime: Runtime, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    reference = await acknowledged(runtime)
    assert (await report_row(runtime, reference)).reporter_user_id == "alex"
    await view_details(runtime, actor(runtime, "lead"), reference)
    rows = await outbox_rows(runtime)
    assert {row.event for row in rows} >= {"alert", "receipt", "acknowledged"}
    sent = payload_text(rows)
    for shown in ("Reported by", "AT (staff)", "console id alex"):
        assert shown not in sent
        assert shown not in caplog.text
