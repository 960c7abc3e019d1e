"""The routing promise through the real submit path and escalation timer, on SQLite and
PostgreSQL: any people away (planned absences in the config and `/away` alike), any subject,
every kind and urgency, practice or not. Someone available who is not the subject is alerted at
once whenever such a person exists; otherwise the receipt says so and who to phone, and never
claims an alert; escalation never pages the subject, nor anyone away while someone is free."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from bot import audience, reporting
from bot.availability import set_away
from bot.clock import ManualClock
from bot.config import OrgConfig
from bot.domain import Role, Urgency
from bot.escalation_policy import Absence
from bot.kinds import load_kinds
from bot.routing import DEFAULT_LAST_RESORT, plan_for
from bot.runtime import Runtime
from bot.ui import Receipt
from bot.workers import default_handlers, run_due_timers
from storage import case_models, wellbeing_models  # noqa: F401 (their tables are emptied too)
from storage.engine import Database
from storage.models import Base
from tests.bot.driving import actor, answer_and_submit
from tests.bot.quick_helpers import QUICK_ANSWERS, outbox_rows
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

THROUGH_THE_DATABASE = settings(
    max_examples=25, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
"""Each example empties the database first, so the function-scoped one may be shared."""
START = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
PEOPLE = ["lead", "deputy", "ceo", "dpl", "manager", "alex", "jo"]


@dataclass(frozen=True)
class Case:
    away_in_config: frozenset[str]
    away_by_command: frozenset[str]
    subject: str | None
    kind: ReportKind
    urgency: Urgency
    practice: bool
    reporter: str

    @property
    def away(self) -> set[str]:
        return {*self.away_in_config, *self.away_by_command}


@st.composite
def cases(draw: st.DrawFn) -> Case:
    away = draw(st.sets(st.sampled_from(PEOPLE)))
    in_config = draw(st.sets(st.sampled_from(sorted(away)))) if away else set()
    urgency = draw(st.sampled_from(list(Urgency)))
    kind = (ReportKind.SAFEGUARDING_CONCERN if urgency == Urgency.HIGH
            else draw(st.sampled_from(list(ReportKind))))
    return Case(frozenset(in_config), frozenset(away - in_config),
                draw(st.none() | st.sampled_from(PEOPLE)), kind, urgency,
                draw(st.booleans()), draw(st.sampled_from(PEOPLE)))


async def _empty(database: Database) -> None:
    async with database.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            await session.execute(delete(table))


async def _set_up(runtime: Runtime, case: Case) -> Runtime:
    await _empty(runtime.database)
    today = START.date()
    absences = [Absence.model_validate({"person": p, "from": today,
                                        "until": today + timedelta(days=3)})
                for p in sorted(case.away_in_config)]
    config = runtime.config.model_copy(update={"absences": absences})
    here = replace(runtime, config=config, clock=ManualClock(START))
    for person in sorted(case.away_by_command):
        await set_away(here, actor(here, person), "3d")
    return here


def _danger(case: Case) -> bool:
    """Yes to the danger question alerts at once, before the subject is named: the alert is
    filed as a safeguarding concern and the full record that follows names the subject."""
    return case.urgency == Urgency.IMMEDIATE_DANGER


async def _file(runtime: Runtime, case: Case) -> Receipt:
    """File the case; the receipt as the reporter was sent it (its status from its steps)."""
    reporter = actor(runtime, case.reporter)
    about = {"about_staff": "yes", "about_staff_person": case.subject} if case.subject else {
        "about_staff": "no"}
    danger = {"immediate_danger": "yes" if _danger(case) else "no"}
    quick = case.urgency != Urgency.HIGH
    if quick:
        answers = {**QUICK_ANSWERS, "kind": case.kind.value, **danger, **about}
    else:
        answers = {**ANSWERS[case.kind], "concern_type": "disclosure_of_abuse", **about}
    if _danger(case):  # the full record that completes the alert comes next
        answers = {**ANSWERS[ReportKind.SAFEGUARDING_CONCERN], **answers}
    conversation = f"test:{case.reporter}"
    replies = await reporting.start(runtime, reporter, conversation, None if quick else case.kind,
                                    case.practice, quick=quick)
    await answer_and_submit(runtime, reporter, conversation, replies, answers)
    [told] = await outbox_rows(runtime, "receipt")
    sent = told.payload
    assert sent["urgency"] == case.urgency.value
    reached = audience.ALERTED in sent["next_steps"] or case.practice
    return Receipt(sent["reference"], sent["kind_label"], sent["urgency"], sent["practice"],
                   tuple(sent["seen_by"]), tuple(sent["next_steps"]),
                   status=audience.ALERTING if reached else audience.NOT_ALERTED)


def _free(config: OrgConfig, case: Case, names: list[str]) -> set[str]:
    """People these names mean who are neither away nor the subject."""
    return {p.id for p in config.people_named(names)} - case.away - {case.subject}


def _chain(config: OrgConfig) -> list[str]:
    return [Role.DEPUTY_SAFEGUARDING_LEAD.value, config.escalation.fallback_role.value,
            *(config.escalation.last_resort or DEFAULT_LAST_RESORT)]


@THROUGH_THE_DATABASE
@given(case=cases())
async def test_the_routing_promise_holds_through_submission_and_escalation(
    runtime: Runtime, case: Case,
) -> None:
    here = await _set_up(runtime, case)
    receipt = await _file(here, case)
    first = [r for r in await outbox_rows(here, "alert") if r.recipient_person_id]
    alerted = {r.recipient_person_id for r in first}
    [told] = await outbox_rows(here, "receipt")
    if case.practice:
        assert alerted == {case.reporter} and receipt.status == audience.ALERTING
        return
    kind = ReportKind.SAFEGUARDING_CONCERN if _danger(case) else case.kind
    plan = plan_for(here.config, load_kinds()[kind], case.urgency)
    known = case if not _danger(case) else replace(case, subject=None)  # not named yet
    reachable = _free(here.config, known, [*plan.steps[0].names, *_chain(here.config)])
    event("someone reachable" if reachable else "nobody reachable")
    assert known.subject not in alerted
    if reachable:
        assert alerted & reachable and not alerted & case.away
        assert receipt.status == audience.ALERTING
        assert audience.ALERTED in told.payload["next_steps"]
    else:
        assert receipt.status == audience.NOT_ALERTED
        assert audience.ALERTED not in told.payload["next_steps"]
        assert audience.NOBODY_REACHED in receipt.next_steps
        phone = here.config.organisation.safeguarding_phone
        assert phone and audience.phone_now(receipt.reference, phone) in receipt.next_steps

    for _ in range(3):
        here.clock.advance(timedelta(minutes=31))  # type: ignore[attr-defined]
        await run_due_timers(here, default_handlers())
    later = {r.recipient_person_id for r in await outbox_rows(here, "alert")
             if r.recipient_person_id and r.payload["step"] > 0}
    assert later, "escalation ran"
    assert case.subject not in later
    everyone = [n for step in plan.steps for n in step.names] + _chain(here.config)
    if _free(here.config, case, everyone):
        assert not later & case.away
