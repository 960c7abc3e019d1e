"""Built-in report flows keep the safety rules (ARCHITECTURE.md, section 1); bad flows fail."""

import re
from pathlib import Path

import pytest
import yaml

from bot.domain import Urgency
from bot.flow.answers import NOT_LISTED
from bot.flow.definition import Condition, FieldType, FlowDefinition, ReportField, Step
from bot.flow.loader import FlowError, load_flows
from flows import BUILTIN_FLOW_DIR
from tests.kinds import ReportKind

REPORT_FLOWS = [kind.value for kind in ReportKind]
AMERICAN = re.compile(
    r"\b(organiz\w*|behavior\w*|colors?|center|recogniz\w*|apologiz\w*|program|favorite)\b", re.I
)
TEXT_TYPES = (FieldType.SHORT_TEXT, FieldType.LONG_TEXT)

# Step id -> "type[?]: choice values it must offer". A "?" marks an optional question;
# a "!" before a value means choosing it must raise the report to high urgency.
COMMON = {
    "platform": "single_choice: zoom microsoft_teams google_meet slack whatsapp phone in_person"
    " other",
    "session_name": "short_text", "anything_else": "long_text?",
}
EXPECTED: dict[str, dict[str, str]] = {
    "safeguarding_concern": {
        "affected_initials": "initials", "others_present": "initials?",
        "age_group": "single_choice: child young_person young_adult adult_at_risk not_known",
        "concern_type": "multi_choice: !self_harm_or_suicidal_thoughts !disclosure_of_abuse",
        "what_happened": "long_text", "reporter_view": "long_text?",
        "action_taken": "long_text", "who_told": "multi_choice",
        "agencies_involved": "multi_choice: police childrens_social_care adult_social_care"
        " host_organisation none not_sure",
        "about_staff": "yes_no", "about_staff_person": "staff_member",
    },
    "confidentiality_breach": {
        "discovered_at": "datetime", "whose_data_initials": "initials?",
        "data_involved": "multi_choice: names contact_details !health_or_therapy_information"
        " !safeguarding_information images_or_recordings session_content other",
        "people_affected_count": "single_choice: one two_to_five six_to_twenty more_than_twenty"
        " not_known",
        "how_it_happened": "single_choice: shared_in_call_chat session_overheard email_without_bcc"
        " recording_or_screenshot_without_consent sent_to_wrong_person lost_or_stolen_device other",
        "description": "long_text", "who_told": "multi_choice",
        "contained": "single_choice: yes partly no not_sure",
    },
    "operational_incident": {
        "what_failed": "single_choice: connection_lost_with_vulnerable_participant platform_failure"
        " uninvited_participant safeguarding_word_used recording_problem other",
        "participant_initials": "initials?",
        "reconnection_attempts": "single_choice: reconnected_within_5_minutes reconnected_later"
        " could_not_reconnect not_applicable",
        "welfare_confirmed": "single_choice: yes !no not_yet not_applicable",
        "follow_up_call_needed": "yes_no", "description": "long_text",
        "action_taken": "long_text?",
    },
}
LOST = Condition(step="what_failed", equals="connection_lost_with_vulnerable_participant")


def flow(flow_id: str) -> FlowDefinition:
    return load_flows()[flow_id]


def questions(flow_id: str) -> list[Step]:
    return [step for step in flow(flow_id).steps if step.is_question]


def lower(text: str | None) -> str:
    assert text, "expected some help or guidance text"
    return text.lower()


def test_every_report_kind_has_a_builtin_flow() -> None:
    flows = load_flows()
    for kind in ReportKind:
        assert flows[kind.value].kind == kind


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_danger_comes_first_and_emergency_guidance_second(flow_id: str) -> None:
    first, second = flow(flow_id).steps[:2]
    assert (first.id, first.type, first.show_if) == ("immediate_danger", FieldType.YES_NO, None)
    assert first.urgency_if_yes == Urgency.IMMEDIATE_DANGER and first.required
    assert "immediate danger" in first.prompt.lower()
    assert (second.id, second.kind, second.tone) == ("emergency_now", "guidance", "emergency")
    assert second.show_if == Condition(step="immediate_danger", equals="yes")
    for phrase in ("999", "112", "now", "afterwards", "stay with"):
        assert phrase in lower(second.text), phrase


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_exactly_one_occurred_at_question(flow_id: str) -> None:
    steps = flow(flow_id).steps
    for field in ReportField:
        assert len([s for s in steps if s.fills == field]) <= 1, field
    [occurred] = [s for s in steps if s.fills == ReportField.OCCURRED_AT]
    assert (occurred.type, occurred.required, occurred.show_if) == (FieldType.DATETIME, True, None)
    assert "not_in_future" in occurred.validators
    assert "automatically" in lower(occurred.help), "say the recording time is taken for them"


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_questions_choices_and_wording(flow_id: str) -> None:
    definition = flow(flow_id)
    texts: list[str | None] = [definition.title, definition.description]
    for step in definition.steps:
        texts += [step.prompt, step.label, step.help, step.text, step.placeholder]
        texts += [c.label for c in step.choices or []]
        if step.is_question:
            assert step.label and len(step.label) <= 80, step.id
            assert step.required == ("(optional)" not in step.prompt), step.id
        labels = [c.label.lower() for c in step.choices or []]
        assert len(set(labels)) == len(labels), step.id
        for choice in step.choices or []:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", choice.value), choice.value
            if step.type == FieldType.MULTI_CHOICE:  # typed answers are split on , and ;
                assert not set(",;") & set(choice.label), choice.label
    for text in filter(None, texts):
        assert not AMERICAN.search(text), f"not British English: {text}"


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_conditions_match_real_answers_and_quote_yes_no(flow_id: str) -> None:
    definition = flow(flow_id)
    for step in definition.steps:
        if step.show_if is None:
            continue
        target = definition.step(step.show_if.step)
        wanted = [step.show_if.equals] if step.show_if.equals is not None else []
        wanted += step.show_if.one_of or []
        if step.show_if.includes is not None:
            assert target.type == FieldType.MULTI_CHOICE, step.id
            wanted.append(step.show_if.includes)
        if target.type == FieldType.YES_NO:
            allowed = {"yes", "no"}
        elif target.type == FieldType.STAFF_MEMBER:
            allowed = {NOT_LISTED}
        else:
            allowed = {c.value for c in target.choices or []}
        assert wanted and set(wanted) <= allowed, step.id
    # The file itself quotes "yes"/"no": a bare yes is YAML's true (converted, but be explicit).
    raw = yaml.safe_load((BUILTIN_FLOW_DIR / f"{flow_id}.yaml").read_text(encoding="utf-8"))
    for step in raw["steps"]:
        condition = step.get("show_if") or {}
        values = [condition.get("equals"), *condition.get("one_of", [])]
        values += [choice["value"] for choice in step.get("choices", [])]
        assert not any(isinstance(v, bool) for v in values), step["id"]


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_people_are_recorded_by_initials_only(flow_id: str) -> None:
    for step in questions(flow_id):
        assert "name" not in step.prompt.lower(), step.id
        if step.type == FieldType.INITIALS:
            assert "initials" in lower(step.help) and "full name" in lower(step.help), step.id
        if step.type in TEXT_TYPES:
            for word in ("initials", "phone", "email"):
                assert word in lower(step.help), (step.id, word)
            names = {"session_name", "host_organisation_name"}
            assert not step.id.endswith("name") or step.id in names, step.id


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_host_organisation_pair(flow_id: str) -> None:
    steps = flow(flow_id).steps
    at = [s.id for s in steps].index("host_organisation")
    ask, name, reminder = steps[at : at + 3]
    yes = Condition(step="host_organisation", equals="yes")
    assert (ask.type, ask.show_if) == (FieldType.YES_NO, None)
    assert "host or partner organisation" in ask.prompt.lower()
    assert (name.id, name.show_if, name.type) == ("host_organisation_name", yes, "short_text")
    assert (reminder.id, reminder.kind, reminder.show_if) == (
        "host_procedure_reminder", "guidance", yes)
    for phrase in ("procedure", "designated", "lead", "agreement"):
        assert phrase in lower(reminder.text), phrase


@pytest.mark.parametrize("flow_id", REPORT_FLOWS)
def test_flow_asks_its_questions(flow_id: str) -> None:
    definition = flow(flow_id)
    for step_id, spec in {**COMMON, **EXPECTED[flow_id]}.items():
        assert definition.has_step(step_id), step_id
        step = definition.step(step_id)
        field_type, _, values = spec.partition(":")
        assert step.type == FieldType(field_type.rstrip("?")), step_id
        assert step.required == (not field_type.endswith("?")), step_id
        for value in values.split():
            choice = step.choice(value.lstrip("!"))
            assert choice is not None, (step_id, value)
            assert not value.startswith("!") or choice.urgency == Urgency.HIGH, (step_id, value)
    assert definition.steps[-1].id == "anything_else"
    assert definition.step("session_name").required


def test_safeguarding_concern_can_bypass_staff_and_keeps_facts_apart() -> None:
    definition = flow("safeguarding_concern")
    about = definition.step("about_staff")
    assert about.fills == ReportField.ABOUT_STAFF and "go around" in lower(about.help)
    person = definition.step("about_staff_person")
    assert person.fills == ReportField.SUBJECT_PERSON
    assert person.show_if == Condition(step="about_staff", equals="yes")
    assert "not be told" in lower(person.help)
    facts = definition.step("what_happened")
    for phrase in ("exactly", "interpret", "leading", "own words"):
        assert phrase in lower(facts.help) + facts.prompt.lower(), phrase
    ids = [s.id for s in definition.steps]
    assert ids.index("what_happened") < ids.index("reporter_view")
    guidance = " ".join(lower(s.text) for s in definition.steps if s.kind == "guidance")
    assert "promise" in guidance and "share" in guidance


def test_confidentiality_breach_records_when_it_was_found() -> None:
    definition = flow("confidentiality_breach")
    found = definition.step("discovered_at")
    assert found.fills == ReportField.DISCOVERED_AT
    assert found.validators == ["not_in_future", "not_before_occurred"]
    assert all(phrase in lower(found.help) for phrase in ("72", "ico", "aware"))
    ids = [s.id for s in definition.steps]
    assert ids.index("occurred_at") < ids.index("discovered_at")
    [contain] = [s for s in definition.steps if s.show_if and s.show_if.step == "contained"]
    assert contain.kind == "guidance" and contain.show_if is not None
    assert set(contain.show_if.one_of or []) == {"no", "partly", "not_sure"}
    assert all(word in lower(contain.text) for word in ("delete", "delay"))
    assert "data itself" in lower(definition.step("description").help)


def test_operational_incident_calls_back_after_a_lost_connection() -> None:
    definition = flow("operational_incident")
    callback = definition.step("callback_guidance")
    assert callback.kind == "guidance" and callback.show_if == LOST
    assert all(p in lower(callback.text) for p in ("5 minutes", "welfare plan", "emergency"))
    assert definition.step("reconnection_attempts").show_if == LOST
    ids = [s.id for s in definition.steps]
    assert ids.index("what_failed") + 1 == ids.index("callback_guidance")


BASE = "id: broken\ntitle: Broken\nsteps:\n  - id: first\n    prompt: First?\n    type: yes_no\n"
LATER = "type: yes_no\n    show_if: {step: second, equals: 'yes'}"
SECOND = "  - id: second\n    prompt: Second?\n    type: yes_no\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (BASE + "    colour: blue\n", "colour: is not a known key"),
        (BASE.replace("type: yes_no", LATER) + SECOND, "'second', which is not an earlier"),
        (BASE + "    validators: [not_a_hook]\n", "unknown validator 'not_a_hook'"),
        ("id: broken\nsteps: [unclosed\n", "not valid YAML"),
    ],
    ids=["unknown-key", "later-show-if", "unknown-validator", "invalid-yaml"],
)
def test_bad_flow_file_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FlowError) as caught:
        load_flows(tmp_path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)



@pytest.mark.parametrize("flow_id", sorted(load_flows()))
def test_help_next_to_a_picker_never_teaches_typing(flow_id: str) -> None:
    """Slack and Teams show a date picker: typing examples belong to the console's hint."""
    for step in questions(flow_id):
        if step.type in (FieldType.DATE, FieldType.DATETIME):
            assert not re.search(r"today \d|yesterday \d|\d{1,2}/\d{2}/\d{4}", step.help or "")
