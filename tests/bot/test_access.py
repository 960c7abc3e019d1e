"""The authorisation rules, case by case."""

from dataclasses import replace

import pytest

from bot.access import Action, may
from bot.actors import Actor
from bot.runtime import Runtime
from storage.models import Report
from storage.repositories import reports
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind


async def _report(runtime: Runtime, **overrides: str) -> Report:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                                overrides)
    async with runtime.database.sessions() as session:
        found = await reports.by_reference(session, receipt.reference)
    assert found is not None
    return found


@pytest.mark.parametrize(("person", "action", "allowed"), [
    ("lead", Action.VIEW_DETAILS, True),
    ("deputy", Action.ACKNOWLEDGE, True),
    ("ceo", Action.VIEW_DETAILS, True),
    ("alex", Action.VIEW_STATE, True),
    ("alex", Action.VIEW_DETAILS, False),
    ("alex", Action.ACKNOWLEDGE, False),
    ("jo", Action.VIEW_STATE, False),
    ("manager", Action.VIEW_DETAILS, False),
    ("dpl", Action.VIEW_DETAILS, False),
    ("lead", Action.LEGAL_HOLD, True),
    ("ceo", Action.LEGAL_HOLD, False),
])
async def test_who_may_do_what(runtime: Runtime, person: str, action: Action,
                               allowed: bool) -> None:
    report = await _report(runtime)
    assert may(runtime, actor(runtime, person), action, report) is allowed


async def test_the_person_a_concern_is_about_may_do_nothing_with_it(runtime: Runtime) -> None:
    report = await _report(runtime, about_staff="yes", about_staff_person="deputy")
    deputy = actor(runtime, "deputy")
    assert not any(may(runtime, deputy, action, report) for action in Action
                   if action != Action.LIST_OPEN)


REPORTER_ACTIONS = {Action.VIEW_STATE, Action.COMPLETE_REPORT, Action.ANSWER_QUESTION}


async def test_unknown_platform_users_may_only_report_and_follow_up_their_own(
    runtime: Runtime,
) -> None:
    stranger = Actor("slack", "U0STRANGER", None)
    receipt = await file_report(runtime, stranger, ReportKind.OPERATIONAL_INCIDENT)
    async with runtime.database.sessions() as session:
        report = await reports.by_reference(session, receipt.reference)
    assert report is not None and report.reporter_person_id is None
    allowed = {action for action in Action if may(runtime, stranger, action, report)}
    assert allowed == REPORTER_ACTIONS
    other_guest = Actor("slack", "U0OTHERGUEST", None)
    assert not any(may(runtime, other_guest, action, report) for action in Action)
    same_id_elsewhere = Actor("teams", "U0STRANGER", None)
    assert not any(may(runtime, same_id_elsewhere, action, report) for action in Action)


async def test_only_the_reporter_may_complete_or_answer_whatever_their_role(
    runtime: Runtime,
) -> None:
    report = await _report(runtime)
    for person in ("lead", "deputy", "ceo", "dpl", "jo"):
        assert not may(runtime, actor(runtime, person), Action.COMPLETE_REPORT, report)
        assert not may(runtime, actor(runtime, person), Action.ANSWER_QUESTION, report)
    assert may(runtime, actor(runtime, "alex"), Action.ANSWER_QUESTION, report)
    closed = replace_state(report, "closed")
    assert not may(runtime, actor(runtime, "alex"), Action.ANSWER_QUESTION, closed)
    assert not may(runtime, actor(runtime, "alex"), Action.COMPLETE_REPORT, closed)


@pytest.mark.parametrize(("person", "allowed"), [
    ("lead", True), ("deputy", True), ("ceo", True), ("dpl", False), ("alex", False),
    ("jo", False), ("manager", False),
])
async def test_who_may_ask_the_reporter(runtime: Runtime, person: str, allowed: bool) -> None:
    report = await _report(runtime)
    assert may(runtime, actor(runtime, person), Action.ASK_REPORTER, report) is allowed
    closed = replace_state(report, "closed")
    assert not may(runtime, actor(runtime, person), Action.ASK_REPORTER, closed)


def replace_state(report: Report, state: str) -> Report:
    """A detached copy of the row in another state (access reads only its columns)."""
    copy = Report(**{c.name: getattr(report, c.name) for c in Report.__table__.columns})
    copy.state = state
    return copy


async def test_reporters_see_content_only_where_the_policy_allows(runtime: Runtime) -> None:
    report = await _report(runtime)
    privacy = runtime.config.privacy.model_copy(update={"reporters_see_content": True})
    open_policy = replace(runtime, config=runtime.config.model_copy(update={"privacy": privacy}))
    assert may(open_policy, actor(runtime, "alex"), Action.VIEW_DETAILS, report)
    assert not may(runtime, actor(runtime, "alex"), Action.VIEW_DETAILS, report)
