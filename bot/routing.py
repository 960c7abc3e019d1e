"""Who a report goes to at each escalation step, who may handle it, and who never sees it."""

from dataclasses import dataclass
from datetime import timedelta

from bot.config import OrgConfig, Person
from bot.domain import ReportKind, Role, Urgency

LEAD_ROLES = frozenset({Role.SAFEGUARDING_LEAD, Role.DEPUTY_SAFEGUARDING_LEAD})
ROLE_NAMES = frozenset(role.value for role in Role)


@dataclass(frozen=True)
class PlanStep:
    names: tuple[str, ...]
    """Role names and person ids to notify at this step."""
    wait: timedelta
    """How long to wait for an acknowledgement before the next step."""


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    repeat_every: timedelta

    @property
    def audience(self) -> tuple[str, ...]:
        """Every role and person named anywhere in the plan: those who may handle the report."""
        return tuple(dict.fromkeys(name for step in self.steps for name in step.names))


def plan_for(config: OrgConfig, kind: ReportKind, urgency: Urgency) -> Plan:
    """The configured policy for this urgency or kind, else the default two-step plan."""
    settings = config.escalation
    clock = settings.acknowledge_within
    if urgency == Urgency.IMMEDIATE_DANGER:
        clock = min(clock, settings.immediate_danger_within)
    policy = next(
        (settings.policies[key] for key in (urgency.value, kind.value, "default")
         if key in settings.policies),
        None,
    )
    if policy is None:
        routed = tuple(role.value for role in config.routing.roles_for(kind))
        fallback = (settings.fallback_role.value,)
        return Plan((PlanStep(routed, clock), PlanStep(fallback, clock)), clock)
    steps = tuple(PlanStep(tuple(step.notify), step.wait or clock) for step in policy.steps)
    return Plan(steps, policy.repeat_every or clock)


def named_people(config: OrgConfig, names: tuple[str, ...] | list[str],
                 excluded: set[str]) -> list[Person]:
    return [p for p in config.people_named(list(names)) if p.id not in excluded]


@dataclass(frozen=True)
class FirstAlert:
    people: tuple[Person, ...]
    next_step: int
    """The plan step the escalation timer runs next."""
    nobody_available: bool = False


def first_alert(config: OrgConfig, plan: Plan, subject_id: str | None,
                away: set[str]) -> FirstAlert:
    """Alert the first step with someone available; the fallback at once if none is, or if
    the leads the first step meant to reach are all away or are the subject of the report."""
    excluded = {subject_id} if subject_id else set()
    fallback = named_people(config, [config.escalation.fallback_role.value], excluded)
    for index, step in enumerate(plan.steps):
        people = [p for p in named_people(config, step.names, excluded) if p.id not in away]
        if people:
            if _leads_missing(config, plan, people) or _about_a_lead(config, subject_id):
                people += [p for p in fallback if p.id not in away]
            return FirstAlert(_unique(people), index + 1)
    available = [p for p in fallback if p.id not in away]
    return FirstAlert(_unique(available or fallback), len(plan.steps), not available)


def _about_a_lead(config: OrgConfig, subject_id: str | None) -> bool:
    subject = config.person(subject_id or "")
    return subject is not None and subject.has_any_role(LEAD_ROLES)


def _leads_missing(config: OrgConfig, plan: Plan, chosen: list[Person]) -> bool:
    """The first step names lead roles, yet no lead is among those being alerted."""
    first = config.people_named(list(plan.steps[0].names))
    meant_leads = any(p.has_any_role(LEAD_ROLES) for p in first)
    return meant_leads and not any(p.has_any_role(LEAD_ROLES) for p in chosen)


def _unique(people: list[Person]) -> tuple[Person, ...]:
    return tuple({person.id: person for person in people}.values())


def step_people(config: OrgConfig, plan: Plan, step: int, subject_id: str | None,
                away: set[str]) -> tuple[Person, ...]:
    """Who to notify when escalation timer `step` fires: that plan step, or a reminder to all."""
    excluded = {subject_id} if subject_id else set()
    if step < len(plan.steps):
        names: tuple[str, ...] = plan.steps[step].names
    else:
        names = (*plan.audience, config.escalation.fallback_role.value)
    people = named_people(config, names, excluded)
    available = [p for p in people if p.id not in away]
    return _unique(available or people)


def wait_after(plan: Plan, step: int) -> timedelta:
    """How long after running `step` (0 = the first alert) the next one is due."""
    return plan.steps[step].wait if step < len(plan.steps) else plan.repeat_every


def may_handle(person: Person | None, audience: list[str], fallback_role: Role,
               subject_person_id: str | None) -> bool:
    """May this person acknowledge or read the report? Never the person it is about."""
    if person is None or person.id == subject_person_id:
        return False
    if person.id in audience:
        return True
    allowed = {Role(name) for name in audience if name in ROLE_NAMES}
    return person.has_any_role(allowed | {fallback_role})


def seen_by_labels(config: OrgConfig, plan: Plan) -> tuple[str, ...]:
    """Who will see a report, by role (people named directly are shown by initials)."""
    labels = []
    for name in (*plan.audience, config.escalation.fallback_role.value):
        person = config.person(name) if name not in ROLE_NAMES else None
        labels.append(person.initials if person else Role(name).label)
    return tuple(dict.fromkeys(labels))
