"""The one place that answers: may this person do this to this record?

The subject rule, stated once: the person a report is about learns nothing of it. They may not
read, act on or list it (`may` refuses; every refusal reads as for a report that does not
exist, bot.refusals), no message that names it is sent to them (`may_be_told`), and while it
is open nothing that names its reporter reaches them either: their check-in requests and
outcomes go to someone else (`kept_from_reporter`). Its reference is not numbered among
the reports they can see (bot.references), so no gap points at it.
"""

from collections.abc import Iterable
from enum import StrEnum

from bot.actors import Actor
from bot.config import Person
from bot.domain import ReportState, Role
from bot.routing import LEAD_ROLES, may_handle
from bot.runtime import Runtime
from storage.models import Report

RECORD_KEEPERS = LEAD_ROLES | {Role.DATA_PROTECTION_LEAD}


class Action(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    VIEW_DETAILS = "view_details"
    """The report's content, in a private view."""
    VIEW_STATE = "view_state"
    """Reference, kind and state only."""
    LIST_OPEN = "list_open"
    LEGAL_HOLD = "legal_hold"
    # The case record (bot/cases): content reads are audited; closed records are read-only.
    VIEW_CASE = "view_case"
    ADD_NOTE = "add_note"
    RECORD_DECISION = "record_decision"
    REFER = "refer"
    ASSIGN = "assign"
    LINK = "link"
    CLOSE = "close"
    REOPEN = "reopen"
    FEEDBACK = "feedback"
    EXPORT = "export"
    VIEW_REGISTER = "view_register"
    """The register of every case: references, dates, states and outcomes, no narrative."""
    ASK_REPORTER = "ask_reporter"
    """A private question to the reporter about their report (bot/followup)."""
    # What the reporter alone may do to their own report (guests too), while it is open.
    COMPLETE_REPORT = "complete_report"
    """Add the full record to a quick alert (bot/quick)."""
    ANSWER_QUESTION = "answer_question"
    """Read and answer a lead's question about the report (bot/followup)."""


CASE_WRITES = frozenset({Action.ADD_NOTE, Action.RECORD_DECISION, Action.REFER, Action.ASSIGN,
                         Action.LINK, Action.CLOSE, Action.FEEDBACK, Action.ASK_REPORTER})
"""Actions that add to a case: refused on a closed record (reopening is its own action)."""
KEEPERS_ONLY = frozenset({Action.ASSIGN, Action.CLOSE, Action.REOPEN, Action.EXPORT,
                          Action.ASK_REPORTER})
REPORTER_ONLY = frozenset({Action.COMPLETE_REPORT, Action.ANSWER_QUESTION})
"""Only the person who made the report, known to the config or not, and never on a closed
record. Nobody else may, whatever their role."""


def may_be_told(person_id: str | None, report: Report) -> bool:
    """May a message that names this report go to this person (None: a channel, which
    bot.alerts.channel_allowed decides)? Never to the person it is about."""
    return person_id is None or person_id != report.subject_person_id


def kept_from_reporter(reports: Iterable[Report]) -> frozenset[str]:
    """Who must hear nothing that names the person who made these reports (a check-in
    request, who follows their check-ins): the subject of each real one still open."""
    return frozenset(r.subject_person_id for r in reports
                     if r.subject_person_id and not r.is_practice
                     and r.state != ReportState.CLOSED.value)


def shows_its_subject(runtime: Runtime, report: Report, on: Report) -> bool:
    """Would naming `report` on the case `on` (a link) show it to the person it is about?"""
    subject = runtime.config.person(report.subject_person_id or "")
    return subject is not None and may(runtime, Actor("", "", subject), Action.VIEW_CASE, on)


def is_reporter(actor: Actor, report: Report) -> bool:
    return (actor.platform, actor.user_id) == (report.reporter_platform, report.reporter_user_id)


def _handles(runtime: Runtime, actor: Actor, report: Report) -> bool:
    return may_handle(actor.person, report.routed_roles, runtime.config.escalation.fallback_role,
                      report.subject_person_id)


def _keeper_roles(runtime: Runtime) -> set[Role]:
    return set(RECORD_KEEPERS | {runtime.config.escalation.fallback_role})


def may_hold_case(runtime: Runtime, person: Person, report: Report) -> bool:
    """May this person be assigned the case? A record keeper (or the fallback role) who may
    handle the report, and never the person it is about."""
    return person.has_any_role(_keeper_roles(runtime)) and may_handle(
        person, report.routed_roles, runtime.config.escalation.fallback_role,
        report.subject_person_id)


def _reporter_may(actor: Actor, action: Action, report: Report) -> bool:
    """What a reporter may do to their own report, whether or not they are in the config."""
    about_them = report.subject_person_id is not None and (
        actor.person_id == report.subject_person_id)
    if not is_reporter(actor, report) or about_them:
        return False
    if action == Action.VIEW_STATE:
        return True
    return action in REPORTER_ONLY and report.state != ReportState.CLOSED.value


def may(runtime: Runtime, actor: Actor, action: Action, report: Report | None = None) -> bool:
    """Unknown platform users (guests) may only report, see the state of their own reports,
    complete them and answer questions on them. Nobody may touch a record about themselves."""
    if action in REPORTER_ONLY:
        return report is not None and _reporter_may(actor, action, report)
    person = actor.person
    if person is None:
        return report is not None and action == Action.VIEW_STATE and _reporter_may(
            actor, action, report)
    if action == Action.LIST_OPEN:
        return person.has_any_role(LEAD_ROLES | {runtime.config.escalation.fallback_role})
    if action == Action.VIEW_REGISTER:  # the whole register; its rows need VIEW_STATE too
        return report is None and person.has_any_role(_keeper_roles(runtime))
    if report is None or person.id == report.subject_person_id:
        return False
    if action in CASE_WRITES and report.state == ReportState.CLOSED.value:
        return False
    if report.is_practice:
        return is_reporter(actor, report) and action != Action.ASK_REPORTER
    if action == Action.VIEW_STATE:
        return is_reporter(actor, report) or _handles(runtime, actor, report)
    if action == Action.VIEW_DETAILS and is_reporter(actor, report):
        return runtime.config.privacy.reporters_see_content or _handles(runtime, actor, report)
    if action == Action.LEGAL_HOLD:
        return person.has_any_role(RECORD_KEEPERS) and _handles(runtime, actor, report)
    if action == Action.ASK_REPORTER and is_reporter(actor, report):
        return False
    if action in KEEPERS_ONLY:
        return person.has_any_role(_keeper_roles(runtime)) and _handles(runtime, actor, report)
    return _handles(runtime, actor, report)
