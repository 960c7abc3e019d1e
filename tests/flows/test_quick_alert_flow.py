"""The built-in quick alert keeps the safety rules in a few questions; flows that choose their
kind by an answer are checked when loaded."""

from pathlib import Path

import pytest

from bot.domain import Urgency
from bot.flow.definition import Condition, FieldType, ReportField
from bot.flow.loader import FlowError, load_flows
from bot.flow.paths import about_staff, report_kind
from bot.flow.progress import FlowProgress
from tests.kinds import ReportKind

QUICK = load_flows()["quick_alert"]


def test_the_quick_alert_is_short_and_completes_later() -> None:
    assert QUICK.completes_later and QUICK.kind is None and QUICK.files_report
    questions = [s for s in QUICK.steps if s.is_question]
    assert len([s for s in questions if s.show_if is None]) <= 5
    kind = QUICK.kind_step
    assert kind is not None and kind.type == FieldType.SINGLE_CHOICE and kind.required
    assert {c.value for c in kind.choices or []} == {k.value for k in ReportKind}


def test_danger_first_then_999_guidance() -> None:
    first, second = QUICK.steps[:2]
    assert (first.id, first.type, first.urgency_if_yes) == (
        "immediate_danger", FieldType.YES_NO, Urgency.IMMEDIATE_DANGER)
    assert (second.kind, second.tone) == ("guidance", "emergency")
    assert second.show_if == Condition(step="immediate_danger", equals="yes")
    assert "999" in (second.text or "")


def test_one_line_when_and_a_way_around_staff() -> None:
    line = QUICK.step("what_happened_briefly")
    assert line.type == FieldType.SHORT_TEXT and line.length_limit == 200
    for word in ("initials", "phone", "email"):
        assert word in (line.help or "").lower()
    when = QUICK.step("occurred_at")
    assert when.fills == ReportField.OCCURRED_AT and "not_in_future" in when.validators
    person = QUICK.step("about_staff_person")
    assert person.fills == ReportField.SUBJECT_PERSON
    assert person.show_if == Condition(step="about_staff", equals="yes")


def test_the_kind_and_staff_come_from_the_answers() -> None:
    progress = FlowProgress("quick_alert", 1, "__review__", answers={
        "immediate_danger": "no", "kind": "confidentiality_breach", "about_staff": "yes",
        "about_staff_person": "deputy"})
    assert report_kind(QUICK, progress) == ReportKind.CONFIDENTIALITY_BREACH
    assert about_staff(QUICK, progress)
    progress.answers["about_staff"] = "no"
    assert not about_staff(QUICK, progress)  # the hidden answer no longer counts


BAD_KIND_FLOWS = [
    ("kind: safeguarding_concern\nsteps:\n  - {id: k, prompt: Which, type: single_choice, "
     "fills: kind, choices: [{value: operational_incident, label: O}]}",
     "fixed kind or one step that fills kind"),
    ("steps:\n  - {id: k, prompt: Which, type: single_choice, fills: kind, "
     "choices: [{value: cake, label: Cake}]}", "single choice of report kinds"),
    ("steps:\n  - {id: k, prompt: Which, type: short_text, fills: kind}",
     "single choice of report kinds"),
    ("completes_later: true\nsteps:\n  - {id: a, prompt: What, type: short_text}",
     "completes_later needs a flow that files a report"),
]


@pytest.mark.parametrize(("body", "problem"), BAD_KIND_FLOWS)
def test_flows_choosing_their_kind_are_checked(tmp_path: Path, body: str, problem: str
                                               ) -> None:
    (tmp_path / "odd.yaml").write_text(f"id: odd\ntitle: Odd\n{body}\n", encoding="utf-8")
    with pytest.raises(FlowError, match=problem):
        load_flows(tmp_path)
