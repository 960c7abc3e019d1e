"""Who a report goes to, who may acknowledge it, and who must never see it."""

from dataclasses import dataclass

from bot.config import OrgConfig, Person
from bot.domain import ReportKind, Role

LEAD_ROLES = frozenset({Role.SAFEGUARDING_LEAD, Role.DEPUTY_SAFEGUARDING_LEAD})
LAST_RESORT_ROLES = frozenset({*LEAD_ROLES, Role.CEO, Role.MANAGER})


@dataclass(frozen=True)
class Route:
    roles: tuple[Role, ...]
    """The roles the report's kind is routed to (and the fallback, when it was needed)."""
    recipients: tuple[Person, ...]
    """The people alerted at once."""
    fallback_used: bool
    excluded: tuple[str, ...]
    """Person ids kept away from this report (the person a concern is about)."""


def route_report(config: OrgConfig, kind: ReportKind, subject_person_id: str | None) -> Route:
    """Alert the routed roles at once; the fallback too when no lead can receive it."""
    roles = config.routing.roles_for(kind)
    excluded = (subject_person_id,) if subject_person_id else ()
    recipients = _holders(config, roles, excluded)
    fallback_used = not any(p.has_any_role(LEAD_ROLES) for p in recipients)
    if fallback_used:
        fallback = config.escalation.fallback_role
        roles = [*roles, fallback] if fallback not in roles else roles
        recipients = _holders(config, roles, excluded)
    if not recipients:
        recipients = _holders(config, list(LAST_RESORT_ROLES), excluded)
    return Route(tuple(roles), tuple(recipients), fallback_used, excluded)


def fallback_recipients(config: OrgConfig, excluded: tuple[str, ...]) -> tuple[Person, ...]:
    return tuple(_holders(config, [config.escalation.fallback_role], excluded))


def _holders(config: OrgConfig, roles: list[Role], excluded: tuple[str, ...]) -> list[Person]:
    return [p for p in config.people if p.has_any_role(roles) and p.id not in excluded]


def may_handle(
    person: Person | None,
    routed_roles: list[str],
    fallback_role: Role,
    subject_person_id: str | None,
) -> bool:
    """May this person acknowledge or read the report? Never the person it is about."""
    if person is None or person.id == subject_person_id:
        return False
    allowed = {Role(role) for role in routed_roles} | {fallback_role}
    return person.has_any_role(allowed)
