"""The escalation plan written onto a report when it is filed (like Grafana OnCall's
escalation snapshot): every step with the people it meant then, the waits, the reminder
interval and the fallback chain. Each later step runs from it, so a config change applies to
new reports only; who is away, and who the report is about, are checked again each time."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.config import OrgConfig, Person
from bot.domain import ReportKind, Urgency
from bot.routing import (
    FALLBACK,
    LEAD_ROLES,
    Recipients,
    Stage,
    fallback_chain,
    plan_for,
    recipients,
    stage,
)

VERSION = 1


@dataclass(frozen=True)
class SnapshotStep:
    stage: Stage
    wait: timedelta
    """How long to wait for an acknowledgement before the next step."""


@dataclass(frozen=True)
class Snapshot:
    steps: tuple[SnapshotStep, ...]
    repeat_every: timedelta
    chain: tuple[Stage, ...]
    """Tried in order when a step's people cannot be reached."""
    derived: bool = False
    """Made later from the config of the day, for a report filed before snapshots."""

    @property
    def audience(self) -> tuple[str, ...]:
        """Every role and person the steps name: those who may handle the report."""
        return tuple(dict.fromkeys(n for s in self.steps for n, _ in s.stage.groups))

    @property
    def fallback(self) -> Stage:
        return next((s for s in self.chain if s.label == FALLBACK), Stage(FALLBACK, ()))

    def among(self, config: OrgConfig) -> "Snapshot":
        """Without anyone who has since left the config (they cannot be reached)."""
        ids = {p.id for p in config.people}

        def keep(group: Stage) -> Stage:
            return Stage(group.label, tuple((name, tuple(i for i in people if i in ids))
                                            for name, people in group.groups))
        steps = tuple(SnapshotStep(keep(s.stage), s.wait) for s in self.steps)
        return Snapshot(steps, self.repeat_every, tuple(map(keep, self.chain)), self.derived)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "steps": [{"groups": _groups(s.stage), "wait": s.wait.total_seconds()}
                      for s in self.steps],
            "repeat_every": self.repeat_every.total_seconds(),
            "chain": [{"label": s.label, "groups": _groups(s)} for s in self.chain],
            "derived": self.derived,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Snapshot":
        steps = tuple(SnapshotStep(_stage("step", s["groups"]), timedelta(seconds=s["wait"]))
                      for s in data["steps"])
        chain = tuple(_stage(s["label"], s["groups"]) for s in data["chain"])
        return cls(steps, timedelta(seconds=data["repeat_every"]), chain,
                   bool(data.get("derived")))


def _groups(group: Stage) -> list[list[Any]]:
    return [[name, list(ids)] for name, ids in group.groups]


def _stage(label: str, groups: list[list[Any]]) -> Stage:
    return Stage(label, tuple((str(name), tuple(map(str, ids))) for name, ids in groups))


def snapshot_for(config: OrgConfig, kind: ReportKind, urgency: Urgency,
                 derived: bool = False) -> Snapshot:
    """The plan for a report filed now, with the people each step means today."""
    plan = plan_for(config, kind, urgency)
    steps = tuple(SnapshotStep(stage(config, "step", s.names), s.wait) for s in plan.steps)
    return Snapshot(steps, plan.repeat_every, fallback_chain(config), derived)


def wait_after(snapshot: Snapshot, step: int) -> timedelta:
    """How long after running `step` (0 = the first alert) the next one is due."""
    return snapshot.steps[step].wait if step < len(snapshot.steps) else snapshot.repeat_every


@dataclass(frozen=True)
class FirstAlert:
    people: tuple[Person, ...]
    next_step: int
    """The plan step the escalation timer runs next."""
    nobody_available: bool = False
    widened: tuple[str, ...] = ()
    """Names from the fallback chain alerted at once (they may now handle the report)."""


def first_alert(config: OrgConfig, snapshot: Snapshot, subject_id: str | None,
                away: set[str]) -> FirstAlert:
    """Who is alerted the moment a report is filed: the first step, or the chain (routing
    .recipients); the fallback role too when the leads the first step meant cannot have it
    (all away, or the report is about one of them). Later steps that would page nobody new
    are skipped."""
    first = recipients(snapshot.steps[0].stage, snapshot.chain, subject_id, away)
    chosen = list(first.people)
    leads_out = _about_a_lead(config, subject_id) or _leads_missing(config, snapshot, chosen)
    if first.reached and leads_out:
        extra = recipients(snapshot.fallback, (), subject_id, away)
        chosen += list(extra.people) if extra.reached else []
    people = people_for(config, chosen)
    alerted = {p.id for p in people}
    later = range(1, len(snapshot.steps))
    next_step = next((i for i in later
                      if set(_available(snapshot.steps[i].stage, subject_id, away)) - alerted),
                     len(snapshot.steps))
    return FirstAlert(people, next_step, not first.reached, first.widened)


def step_recipients(snapshot: Snapshot, step: int, subject_id: str | None, away: set[str],
                    alerted: tuple[str, ...] = ()) -> Recipients:
    """Who escalation step `step` alerts: that step's people, or after the last step a
    reminder to everyone the plan and the chain have alerted; routed the same way."""
    if step < len(snapshot.steps):
        wanted = snapshot.steps[step].stage
    else:
        groups = tuple(g for s in snapshot.steps for g in s.stage.groups)
        wanted = Stage("reminder", (*groups, *snapshot.fallback.groups, ("alerted", alerted)))
    return recipients(wanted, snapshot.chain, subject_id, away)


def step_people(config: OrgConfig, snapshot: Snapshot, step: int, subject_id: str | None,
                away: set[str], alerted: tuple[str, ...] = ()) -> tuple[Person, ...]:
    return people_for(config, step_recipients(snapshot, step, subject_id, away, alerted).people)


def _available(group: Stage, subject_id: str | None, away: set[str]) -> tuple[str, ...]:
    found = recipients(group, (), subject_id, away)
    return found.people if found.reached else ()


def people_for(config: OrgConfig, ids: list[str] | tuple[str, ...]) -> tuple[Person, ...]:
    """Ids as people of today's config (someone who has left is skipped), once each."""
    found = (config.person(pid) for pid in dict.fromkeys(ids))
    return tuple(p for p in found if p is not None)


def _about_a_lead(config: OrgConfig, subject_id: str | None) -> bool:
    subject = config.person(subject_id or "")
    return subject is not None and subject.has_any_role(LEAD_ROLES)


def _leads_missing(config: OrgConfig, snapshot: Snapshot, chosen: list[str]) -> bool:
    """The first step names lead roles, yet no lead is among those being alerted."""
    first = people_for(config, snapshot.steps[0].stage.people)
    meant_leads = any(p.has_any_role(LEAD_ROLES) for p in first)
    return meant_leads and not any(p.has_any_role(LEAD_ROLES)
                                   for p in people_for(config, chosen))
