"""The routing promise over the whole space, as properties of the pure functions: any subset
of people away, any person as the subject (the fallback and last-resort people included),
every kind and urgency, on several organisations. At filing, someone available who is not the
subject is alerted whenever such a person exists anywhere in the plan or its fallback chain;
nobody away is paged while someone available exists; the subject is never alerted; whoever is
alerted may handle the report and is named in "who will see it"."""

from hypothesis import event, given
from hypothesis import strategies as st

from bot.config import OrgConfig, parse_config
from bot.domain import Role, Urgency
from bot.escalation_snapshot import Snapshot, first_alert, snapshot_for, step_recipients
from bot.kinds import load_kinds
from bot.routing import may_handle, seen_by_labels
from tests.bot.test_config import MINIMAL
from tests.conftest import EXAMPLE_CONFIG
from tests.kinds import ReportKind
from tests.security.strategies import PURE

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
ORGANISATIONS: dict[str, OrgConfig] = {
    "example": parse_config(EXAMPLE),
    "minimal": parse_config(MINIMAL),
    "staff as last resort": parse_config(EXAMPLE.replace(
        'fallback_role = "ceo"', 'fallback_role = "ceo"\nlast_resort = ["manager", "jo"]', 1)),
    "data protection as fallback, a person in a policy": parse_config(EXAMPLE.replace(
        'fallback_role = "ceo"', 'fallback_role = "data_protection_lead"', 1).replace(
        '{ notify = ["ceo"], wait = "15m" }', '{ notify = ["deputy", "ceo"], wait = "15m" }', 1)),
    "the lead is also the CEO": parse_config(MINIMAL.replace(
        'roles = ["safeguarding_lead"]', 'roles = ["safeguarding_lead", "ceo"]', 1).replace(
        'roles = ["ceo"]', 'roles = ["deputy_safeguarding_lead"]', 1)),
}


@st.composite
def situations(draw: st.DrawFn) -> tuple[OrgConfig, Snapshot, str | None, set[str]]:
    config = ORGANISATIONS[draw(st.sampled_from(sorted(ORGANISATIONS)))]
    ids = [p.id for p in config.people]
    kind = draw(st.sampled_from(list(ReportKind)))
    urgency = draw(st.sampled_from(list(Urgency)))
    subject = draw(st.none() | st.sampled_from(ids))
    away = draw(st.sets(st.sampled_from(ids)))
    return config, snapshot_for(config, load_kinds()[kind], urgency), subject, away


def _anyone_available(snapshot: Snapshot, wanted: tuple[str, ...], subject: str | None,
                      away: set[str]) -> bool:
    everyone = {*wanted, *(pid for group in snapshot.chain for pid in group.people)}
    return bool(everyone - away - {subject})


@PURE
@given(situations())
def test_at_filing_someone_available_who_is_not_the_subject_is_alerted_if_anyone_is(
    situation: tuple[OrgConfig, Snapshot, str | None, set[str]],
) -> None:
    config, snapshot, subject, away = situation
    first = first_alert(config, snapshot, subject, away)
    alerted = {p.id for p in first.people}
    assert subject not in alerted
    reachable = _anyone_available(snapshot, snapshot.steps[0].stage.people, subject, away)
    event("someone reachable" if reachable else "nobody reachable")
    assert first.nobody_available is not reachable
    if reachable:
        assert alerted - away, "someone available is alerted at once"
        assert not alerted & away, "nobody away is paged while someone is available"
    assert 1 <= first.next_step <= len(snapshot.steps)


@PURE
@given(situations())
def test_whoever_is_alerted_may_handle_it_and_is_named_in_who_will_see_it(
    situation: tuple[OrgConfig, Snapshot, str | None, set[str]],
) -> None:
    config, snapshot, subject, away = situation
    first = first_alert(config, snapshot, subject, away)
    fallback = config.escalation.fallback_role
    routed = [*snapshot.audience, fallback.value, *first.widened]
    labels = seen_by_labels(config, routed, subject)
    for person in first.people:
        assert may_handle(person, routed, fallback, subject)
        assert person.initials in labels or any(r.label in labels for r in person.roles)
    for label in labels:
        holders = [p for p in config.people if p.id != subject
                   and (p.initials == label or any(r.label == label for r in p.roles))]
        assert holders, f"'{label}' is held by someone other than the subject"
        assert any(may_handle(p, routed, fallback, subject) for p in holders)
    initials = {p.initials for p in config.people}
    assert all(label in {"CEO", *initials} or label == label.lower() for label in labels)


@PURE
@given(situations(), st.integers(0, 5), st.sets(st.sampled_from(["lead", "deputy", "ceo"])))
def test_every_later_step_skips_the_subject_and_pages_nobody_away_while_anyone_is_available(
    situation: tuple[OrgConfig, Snapshot, str | None, set[str]], step: int,
    alerted: set[str],
) -> None:
    _config, snapshot, subject, away = situation
    found = step_recipients(snapshot, step, subject, away, tuple(sorted(alerted)))
    assert subject not in found.people
    if step < len(snapshot.steps):
        wanted = snapshot.steps[step].stage.people
    else:
        wanted = (*(p for s in snapshot.steps for p in s.stage.people),
                  *snapshot.fallback.people, *alerted)
    reachable = _anyone_available(snapshot, tuple(wanted), subject, away)
    event(f"step {step}: {'someone reachable' if reachable else 'nobody reachable'}")
    assert found.reached is reachable
    if reachable:
        assert found.people and not set(found.people) & away


@PURE
@given(situations())
def test_a_report_about_a_lead_also_goes_to_the_fallback_when_they_are_available(
    situation: tuple[OrgConfig, Snapshot, str | None, set[str]],
) -> None:
    config, snapshot, subject, away = situation
    person = config.person(subject or "")
    if person is None or not person.has_any_role({Role.SAFEGUARDING_LEAD}):
        return
    first = first_alert(config, snapshot, subject, away)
    available_fallback = set(snapshot.fallback.people) - away - {subject}
    if not first.nobody_available:
        assert available_fallback <= {p.id for p in first.people}
