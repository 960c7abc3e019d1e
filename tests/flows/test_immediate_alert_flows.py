"""`files_alert_if_yes`: which question alerts at once is data in the flow files, checked when
they are loaded (an organisation's own flows can use it, and cannot misuse it)."""

from pathlib import Path

import pytest

from bot.flow.alerting import DEFAULT_ALERT_KIND, alert_kind, alert_problem
from bot.flow.definition import FlowDefinition
from bot.flow.loader import FlowError, load_flows
from bot.flow.progress import FlowProgress
from tests.kinds import ReportKind

FLOWS = load_flows()
REPORTING = [f for f in FLOWS.values() if f.files_report]


@pytest.mark.parametrize("flow", REPORTING, ids=lambda f: f.id)
def test_every_flow_that_files_a_report_alerts_on_its_danger_question(
    flow: FlowDefinition,
) -> None:
    step = flow.alert_step
    assert step is not None and step.id == "immediate_danger"
    assert flow.steps[0] == step
    guidance = flow.steps[1]
    assert "999" in (guidance.text or "") and "already alerted" in (guidance.text or "")


def test_flows_that_file_no_report_have_none() -> None:
    assert FLOWS["debrief_checkin"].alert_step is None
    assert alert_problem(FLOWS) is None


def test_an_alert_before_the_kind_is_known_is_a_safeguarding_concern() -> None:
    quick = FLOWS["quick_alert"]
    unknown = FlowProgress("quick_alert", 1, "kind", answers={"immediate_danger": "yes"})
    assert alert_kind(quick, unknown) == DEFAULT_ALERT_KIND == ReportKind.SAFEGUARDING_CONCERN
    unknown.answers["kind"] = "operational_incident"
    assert alert_kind(quick, unknown) == ReportKind.OPERATIONAL_INCIDENT
    fixed = FlowProgress("confidentiality_breach", 1, "immediate_danger")
    assert alert_kind(FLOWS["confidentiality_breach"], fixed) == (
        ReportKind.CONFIDENTIALITY_BREACH)


DANGER = ("{id: d, prompt: Danger, type: yes_no, urgency_if_yes: immediate_danger, "
          "files_alert_if_yes: true}")
BAD_STEPS = [
    ("kind: safeguarding_concern\nsteps:\n  - {id: d, prompt: D, type: short_text, "
     "files_alert_if_yes: true}", "needs a yes_no question with urgency_if_yes"),
    ("kind: safeguarding_concern\nsteps:\n  - {id: d, prompt: D, type: yes_no, "
     "urgency_if_yes: high, files_alert_if_yes: true}", "urgency_if_yes: immediate_danger"),
    (f"kind: safeguarding_concern\nsteps:\n  - {DANGER}\n  - {DANGER.replace('id: d', 'id: e')}",
     "only one step may have files_alert_if_yes"),
    (f"steps:\n  - {DANGER}", "needs a flow that files a report"),
]


@pytest.mark.parametrize(("body", "problem"), BAD_STEPS)
def test_misplaced_alert_questions_are_refused(tmp_path: Path, body: str, problem: str) -> None:
    (tmp_path / "odd.yaml").write_text(f"id: odd\ntitle: Odd\n{body}\n", encoding="utf-8")
    with pytest.raises(FlowError, match=problem):
        load_flows(tmp_path)


def _own_quick_alert(tmp_path: Path, steps: str) -> None:
    (tmp_path / "quick_alert.yaml").write_text(
        f"id: quick_alert\ntitle: Quick\ncompletes_later: true\nsteps:\n{steps}",
        encoding="utf-8")


def test_alerts_need_a_quick_alert_that_can_file_them(tmp_path: Path) -> None:
    kinds = "[{value: safeguarding_concern, label: S}, {value: operational_incident, label: O}]"
    kind_step = (f"  - {{id: kind, prompt: Kind, type: single_choice, fills: kind, "
                 f"choices: {kinds}}}\n")
    _own_quick_alert(tmp_path, kind_step)
    with pytest.raises(FlowError, match="needs a files_alert_if_yes question"):
        load_flows(tmp_path)
    _own_quick_alert(tmp_path, f"  - {DANGER}\n{kind_step}")
    with pytest.raises(FlowError, match="confidentiality_breach, which the quick alert flow"):
        load_flows(tmp_path)  # the built-in breach flow's alert could not be recorded


def test_an_organisations_flow_can_alert_on_its_own_question(tmp_path: Path) -> None:
    (tmp_path / "own.yaml").write_text(
        "id: own\ntitle: Own\nkind: operational_incident\nsteps:\n"
        "  - {id: what, prompt: What, type: short_text}\n"
        "  - {id: hurt, prompt: Is someone being hurt now, type: yes_no, "
        "urgency_if_yes: immediate_danger, files_alert_if_yes: true}\n", encoding="utf-8")
    step = load_flows(tmp_path)["own"].alert_step
    assert step is not None and step.id == "hurt"
