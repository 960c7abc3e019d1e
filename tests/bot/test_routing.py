"""Escalation plans: configured policies, the default, availability and conflicts of interest."""

from datetime import timedelta

import pytest

from bot.config import ConfigError, OrgConfig, parse_config
from bot.domain import Urgency
from bot.escalation_snapshot import Snapshot, first_alert, snapshot_for, step_people, wait_after
from bot.kinds import load_kinds
from bot.routing import plan_for
from tests.bot.test_config import MINIMAL
from tests.kinds import ReportKind

SG = load_kinds()[ReportKind.SAFEGUARDING_CONCERN]


def _ids(people: tuple) -> set[str]:  # type: ignore[type-arg]
    return {person.id for person in people}


def _snapshot(config: OrgConfig, urgency: Urgency) -> Snapshot:
    return snapshot_for(config, SG, urgency)


def test_the_default_plan_is_routed_roles_then_the_fallback() -> None:
    plan = plan_for(parse_config(MINIMAL), SG, Urgency.NORMAL)
    assert [step.names for step in plan.steps] == [
        ("safeguarding_lead", "deputy_safeguarding_lead"), ("ceo",)]
    assert plan.repeat_every == timedelta(minutes=30)
    assert wait_after(snapshot_for(parse_config(MINIMAL), SG, Urgency.NORMAL), 0) == timedelta(
        minutes=30)


def test_immediate_danger_runs_on_a_shorter_clock() -> None:
    plan = plan_for(parse_config(MINIMAL), SG, Urgency.IMMEDIATE_DANGER)
    assert [step.wait for step in plan.steps] == [timedelta(minutes=5)] * 2


POLICIES = MINIMAL + """
[[people]]
id = "deputy"
name = "Dana Price"
roles = ["deputy_safeguarding_lead"]

[escalation.policies.safeguarding_concern]
steps = [
  { notify = ["safeguarding_lead"], wait = "10m" },
  { notify = ["deputy_safeguarding_lead"], wait = "10m" },
  { notify = ["ceo"] },
]
repeat_every = "15m"

[escalation.policies.immediate_danger]
steps = [{ notify = ["safeguarding_lead", "deputy_safeguarding_lead", "ceo"], wait = "2m" }]
"""


@pytest.fixture
def with_policies() -> OrgConfig:
    return parse_config(POLICIES)


def test_a_configured_policy_for_the_kind_is_followed(with_policies: OrgConfig) -> None:
    plan = _snapshot(with_policies, Urgency.HIGH)
    assert len(plan.steps) == 3 and plan.repeat_every == timedelta(minutes=15)
    assert plan.steps[2].wait == timedelta(minutes=30)  # acknowledge_within by default
    assert _ids(step_people(with_policies, plan, 1, None, set())) == {"deputy"}
    reminder = step_people(with_policies, plan, 3, None, set())
    assert _ids(reminder) == {"lead", "deputy", "ceo"}


def test_an_urgency_policy_wins_over_the_kinds(with_policies: OrgConfig) -> None:
    plan = _snapshot(with_policies, Urgency.IMMEDIATE_DANGER)
    assert len(plan.steps) == 1 and plan.steps[0].wait == timedelta(minutes=2)


def test_away_people_are_skipped_and_the_next_step_is_alerted_at_once(
    with_policies: OrgConfig,
) -> None:
    plan = _snapshot(with_policies, Urgency.NORMAL)
    first = first_alert(with_policies, plan, None, away={"lead"})
    assert _ids(first.people) == {"deputy"} and first.next_step == 2


def test_if_nobody_in_the_policy_is_available_the_fallback_is_alerted(
    with_policies: OrgConfig,
) -> None:
    plan = _snapshot(with_policies, Urgency.NORMAL)
    first = first_alert(with_policies, plan, None, away={"lead", "deputy", "ceo"})
    assert _ids(first.people) == {"ceo"} and first.nobody_available


def test_a_concern_about_a_lead_goes_to_the_other_leads_and_the_fallback(
    example_config: OrgConfig,
) -> None:
    plan = _snapshot(example_config, Urgency.NORMAL)
    first = first_alert(example_config, plan, "lead", away=set())
    assert _ids(first.people) == {"deputy", "ceo"}
    later = step_people(example_config, plan, 5, "lead", set())
    assert "lead" not in _ids(later)


@pytest.mark.parametrize(("policy", "message"), [
    ('steps = [{ notify = ["treasurer"] }]', "'treasurer' is neither a role nor a person id"),
    ('steps = [{ notify = ["data_protection_lead"] }]', "nobody in people holds"),
    ("steps = []", "at least 1 item"),
])
def test_policies_that_could_reach_nobody_are_refused(policy: str, message: str) -> None:
    text = MINIMAL + f"\n[escalation.policies.operational_incident]\n{policy}\n"
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_policies_for_unknown_kinds_are_refused() -> None:
    text = MINIMAL + '\n[escalation.policies.lost_property]\nsteps = [{ notify = ["ceo"] }]\n'
    with pytest.raises(ConfigError, match="lost_property: not a report kind or urgency"):
        parse_config(text)
