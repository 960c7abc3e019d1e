"""The one place that answers: may this person do this to this record?"""

from enum import StrEnum

from bot.actors import Actor
from bot.domain import Role
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


def is_reporter(actor: Actor, report: Report) -> bool:
    return (actor.platform, actor.user_id) == (report.reporter_platform, report.reporter_user_id)


def _handles(runtime: Runtime, actor: Actor, report: Report) -> bool:
    return may_handle(actor.person, report.routed_roles, runtime.config.escalation.fallback_role,
                      report.subject_person_id)


def may(runtime: Runtime, actor: Actor, action: Action, report: Report | None = None) -> bool:
    """Unknown platform users may only report. Nobody may touch a record about themselves."""
    person = actor.person
    if person is None:
        return False
    if action == Action.LIST_OPEN:
        return person.has_any_role(LEAD_ROLES | {runtime.config.escalation.fallback_role})
    if report is None or person.id == report.subject_person_id:
        return False
    if report.is_practice:
        return is_reporter(actor, report)
    if action == Action.VIEW_STATE:
        return is_reporter(actor, report) or _handles(runtime, actor, report)
    if action == Action.VIEW_DETAILS and is_reporter(actor, report):
        return runtime.config.privacy.reporters_see_content or _handles(runtime, actor, report)
    if action == Action.LEGAL_HOLD:
        return person.has_any_role(RECORD_KEEPERS) and _handles(runtime, actor, report)
    return _handles(runtime, actor, report)
