"""Who a report goes to, who may handle it, and who never sees it.

The routing promise, stated once in `recipients` and used for every alert the core sends:
whoever is alerted is never the person the report is about, and never someone who is away
while anyone else who could take it is available. If the people a step names cannot be
reached, the ordered fallback chain is tried (deputies, then the fallback role, then the last
resort); only when nobody at all is available does the alert wait with people who are away,
and then the reporter is told plainly to phone instead (bot.submission).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.config import OrgConfig, Person
from bot.domain import ReportKind, Role, Urgency

LEAD_ROLES = frozenset({Role.SAFEGUARDING_LEAD, Role.DEPUTY_SAFEGUARDING_LEAD})
ROLE_NAMES = frozenset(role.value for role in Role)
DEFAULT_LAST_RESORT = (Role.SAFEGUARDING_LEAD.value, Role.DEPUTY_SAFEGUARDING_LEAD.value,
                       Role.DATA_PROTECTION_LEAD.value, Role.CEO.value)
"""`[escalation] last_resort` when unset: anyone else who holds one of these roles."""
FALLBACK = "fallback"
"""The name of the fallback role's stage in the chain."""


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
        (settings.policies[key] for key in (urgency.value, kind.id, "default")
         if key in settings.policies),
        None,
    )
    if policy is None:
        routed = tuple(role.value for role in config.routing.roles_for(kind))
        fallback = (settings.fallback_role.value,)
        return Plan((PlanStep(routed, clock), PlanStep(fallback, clock)), clock)
    steps = tuple(PlanStep(tuple(step.notify), step.wait or clock) for step in policy.steps)
    return Plan(steps, policy.repeat_every or clock)


@dataclass(frozen=True)
class Stage:
    """A group the routing may turn to: each configured name with the people it meant when
    the plan was made (so later config changes do not move a report already filed)."""

    label: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    """(role name or person id, the ids of the people it meant), in the config's order."""

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(pid for _, ids in self.groups for pid in ids))

    def names_for(self, people: Collection[str]) -> tuple[str, ...]:
        """The names in this stage that mean any of these people."""
        return tuple(name for name, ids in self.groups if set(ids) & set(people))


def stage(config: OrgConfig, label: str, names: Sequence[str]) -> Stage:
    """The people each role name or person id means in this config, as they stand now."""
    groups = tuple((name, tuple(p.id for p in config.people if p.id == name or name in p.roles))
                   for name in dict.fromkeys(names))
    return Stage(label, groups)


def fallback_chain(config: OrgConfig) -> tuple[Stage, ...]:
    """Who is tried, in order, when a step's people cannot be reached."""
    settings = config.escalation
    return (
        stage(config, "deputies", [Role.DEPUTY_SAFEGUARDING_LEAD.value]),
        stage(config, FALLBACK, [settings.fallback_role.value]),
        stage(config, "last_resort", settings.last_resort or DEFAULT_LAST_RESORT),
    )


@dataclass(frozen=True)
class Recipients:
    people: tuple[str, ...]
    """The ids to alert now."""
    reached: bool
    """At least one of them is available and is not the person the report is about."""
    widened: tuple[str, ...] = ()
    """Names from the fallback chain that supplied them: they may now handle the report."""
    via: str = ""
    """The label of the chain stage that supplied them; empty when they are the wanted."""


def recipients(wanted: Stage, chain: Sequence[Stage], subject_id: str | None,
               away: Collection[str]) -> Recipients:
    """Who to alert for a report: the one rule every alert, escalation and notice follows.

    The people `wanted` who are available and not the subject; if there are none, the first
    stage of the chain that has such a person. Only when nobody anywhere is available does
    the alert go to people who are away (the fallback role's first, so it waits with someone
    who answers for the organisation), `reached` is False and the reporter must be told.
    Never the subject, in any case."""
    def usable(group: Stage) -> list[str]:
        return [pid for pid in group.people if pid != subject_id and pid not in away]

    found = usable(wanted)
    if found:
        return Recipients(tuple(found), True)
    for group in chain:
        found = usable(group)
        if found:
            return Recipients(tuple(found), True, group.names_for(found), group.label)
    fallbacks = [group for group in chain if group.label == FALLBACK]
    for group in (*fallbacks, wanted, *chain):
        waiting = [pid for pid in group.people if pid != subject_id]
        if waiting:
            if group is wanted:
                return Recipients(tuple(waiting), False)
            return Recipients(tuple(waiting), False, group.names_for(waiting), group.label)
    return Recipients((), False)


def may_handle(person: Person | None, audience: list[str], fallback_role: Role,
               subject_person_id: str | None) -> bool:
    """May this person acknowledge or read the report? Never the person it is about."""
    if person is None or person.id == subject_person_id:
        return False
    if person.id in audience:
        return True
    allowed = {Role(name) for name in audience if name in ROLE_NAMES}
    return person.has_any_role(allowed | {fallback_role})


def seen_by_labels(config: OrgConfig, names: Sequence[str], subject_id: str | None = None
                   ) -> tuple[str, ...]:
    """Who will see a report, by role (people named directly by initials): only roles that
    someone other than the person it is about holds in this organisation."""
    labels = []
    for name in dict.fromkeys(names):
        if name in ROLE_NAMES:
            holders = [p for p in config.holders(Role(name)) if p.id != subject_id]
            labels.append(Role(name).label if holders else "")
        else:
            person = config.person(name)
            labels.append(person.initials if person and person.id != subject_id else "")
    return tuple(label for label in dict.fromkeys(labels) if label)
