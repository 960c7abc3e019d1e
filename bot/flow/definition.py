"""The shape of a flow file (`flows/*.yaml`), validated with pydantic on load."""

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from bot.domain import Urgency


class FieldType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    DATE = "date"
    DATETIME = "datetime"
    INITIALS = "initials"
    STAFF_MEMBER = "staff_member"
    """One of the organisation's people (from the config), or someone not listed."""


CHOICE_TYPES = {FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE}
TEXT_TYPES = {FieldType.SHORT_TEXT, FieldType.LONG_TEXT}
DEFAULT_MAX_LENGTH = {FieldType.SHORT_TEXT: 200, FieldType.LONG_TEXT: 3000, FieldType.INITIALS: 60}


class ReportField(StrEnum):
    """Report columns a step's answer may fill, besides being kept with the answers."""

    OCCURRED_AT = "occurred_at"
    DISCOVERED_AT = "discovered_at"
    ABOUT_STAFF = "about_staff"
    SUBJECT_PERSON = "subject_person"
    """A staff_member answer naming the person a concern is about: they never see it."""
    KIND = "kind"
    """A single-choice answer naming the kind of report (for a flow without a fixed kind,
    such as the quick alert): its choice values are report kinds."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    value: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=150)
    urgency: Urgency | None = None
    """Choosing this raises the report to at least this urgency."""


def _yes_no_text(value: object) -> object:
    """YAML reads a bare `yes` as true: keep conditions in the answers' own words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


class Condition(_Strict):
    """Show a step only when an earlier answer matches. Exactly one test is given."""

    step: str
    equals: Annotated[str | None, BeforeValidator(_yes_no_text)] = None
    one_of: list[str] | None = None
    includes: str | None = None
    """For multiple choice answers: the chosen values include this one."""

    @model_validator(mode="after")
    def _one_test(self) -> "Condition":
        given = [t for t in (self.equals, self.one_of, self.includes) if t is not None]
        if len(given) != 1:
            raise ValueError("a condition needs exactly one of: equals, one_of, includes")
        return self

    def holds(self, answers: Mapping[str, object]) -> bool:
        answer = answers.get(self.step)
        if answer is None:
            return False
        if self.equals is not None:
            return answer == self.equals
        if self.one_of is not None:
            return answer in self.one_of
        return isinstance(answer, list) and self.includes in answer


class Step(_Strict):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    kind: Literal["question", "guidance"] = "question"
    prompt: str = Field(min_length=1, max_length=600)
    """The question, or for guidance the heading."""
    type: FieldType | None = None
    label: str | None = Field(default=None, max_length=80)
    """Short label used in the summary; defaults to the prompt."""
    help: str | None = Field(default=None, max_length=1500)
    """Extra guidance shown with the question."""
    text: str | None = Field(default=None, max_length=2000)
    """Body of a guidance block."""
    tone: Literal["info", "warning", "emergency"] = "info"
    required: bool = True
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1, le=3000)
    placeholder: str | None = Field(default=None, max_length=150)
    choices: list[Choice] | None = None
    urgency_if_yes: Urgency | None = None
    """For yes/no: answering yes raises the report to at least this urgency."""
    files_alert_if_yes: bool = False
    """For the immediate-danger question: yes files an urgent alert at once (a quick alert,
    routed and escalated on the immediate-danger clock); the rest of the flow completes it
    (bot/quick/immediate.py)."""
    fills: ReportField | None = None
    validators: list[str] = Field(default_factory=list)
    """Names of hooks in bot.flow.hooks that check the parsed answer."""
    show_if: Condition | None = None

    @model_validator(mode="after")
    def _coherent(self) -> "Step":
        if self.kind == "guidance":
            if self.type is not None or self.choices:
                raise ValueError(f"step '{self.id}': guidance has no type or choices")
            if not self.text:
                raise ValueError(f"step '{self.id}': guidance needs text")
            return self
        if self.type is None:
            raise ValueError(f"step '{self.id}': a question needs a type")
        if self.type in CHOICE_TYPES and not self.choices:
            raise ValueError(f"step '{self.id}': {self.type.value} needs choices")
        if self.type not in CHOICE_TYPES and self.choices:
            raise ValueError(f"step '{self.id}': only choice questions have choices")
        if self.choices:
            values = [c.value for c in self.choices]
            if len(set(values)) != len(values):
                raise ValueError(f"step '{self.id}': choice values must be unique")
        if self.urgency_if_yes is not None and self.type != FieldType.YES_NO:
            raise ValueError(f"step '{self.id}': urgency_if_yes needs a yes_no question")
        if self.files_alert_if_yes and (self.type != FieldType.YES_NO
                                        or self.urgency_if_yes != Urgency.IMMEDIATE_DANGER):
            raise ValueError(f"step '{self.id}': files_alert_if_yes needs a yes_no question "
                             "with urgency_if_yes: immediate_danger")
        if self.min_length and self.max_length and self.min_length > self.max_length:
            raise ValueError(f"step '{self.id}': min_length is above max_length")
        return self

    @property
    def is_question(self) -> bool:
        return self.kind == "question"

    @property
    def summary_label(self) -> str:
        return self.label or self.prompt

    @property
    def length_limit(self) -> int | None:
        if self.max_length is not None:
            return self.max_length
        return DEFAULT_MAX_LENGTH.get(self.type) if self.type else None

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices or [] if c.value == value), None)


def _check_condition_values(step: Step, target: Step) -> None:
    """A condition must name answers its target question can actually give."""
    if target.type == FieldType.YES_NO:
        possible = {"yes", "no"}
    elif target.type in CHOICE_TYPES:
        possible = {c.value for c in target.choices or []}
    else:
        return
    condition = step.show_if
    assert condition is not None
    named = [condition.equals, condition.includes, *(condition.one_of or [])]
    unknown = sorted(str(v) for v in named if v is not None and v not in possible)
    if unknown:
        raise ValueError(
            f"step '{step.id}': show_if names '{unknown[0]}', which is not an answer "
            f"'{target.id}' can give"
        )


class FlowDefinition(_Strict):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    version: int = Field(default=1, ge=1)
    kind: str | None = Field(default=None, min_length=1, max_length=64)
    """The id of the report kind this flow files (one of the kinds registry's, bot.kinds);
    None for flows that file no report (e.g. check-ins)."""
    title: str = Field(min_length=1, max_length=150)
    description: str = Field(default="", max_length=1500)
    steps: list[Step] = Field(min_length=1)
    completes_later: bool = False
    """A quick alert: files a report at once (routed and escalated like any other), marked
    incomplete until the reporter adds the full flow for its kind (see bot/quick)."""

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> "FlowDefinition":
        seen: dict[str, Step] = {}
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step id '{step.id}' is used twice")
            if step.show_if is not None:
                target = seen.get(step.show_if.step)
                if target is None or not target.is_question:
                    raise ValueError(
                        f"step '{step.id}': show_if refers to '{step.show_if.step}', "
                        "which is not an earlier question"
                    )
                _check_condition_values(step, target)
            seen[step.id] = step
        if not any(step.is_question for step in self.steps):
            raise ValueError("a flow needs at least one question")
        self._check_kind_step()
        kinds = (info.context or {}).get("kinds")
        if kinds is not None:
            self._check_registered(kinds)
        return self

    def _check_registered(self, kinds: Collection[str]) -> None:
        """Every kind the flow may file is in the kinds registry (checked when flows load)."""
        names = ", ".join(kinds)
        if self.kind is not None and self.kind not in kinds:
            raise ValueError(f"kind: '{self.kind}' is not a kind of report in the kinds "
                             f"registry (kinds.yaml: {names})")
        step = self.kind_step
        if step is not None and not {c.value for c in step.choices or []} <= set(kinds):
            raise ValueError(f"step '{step.id}': filling kind needs a required single "
                             f"choice of report kinds ({names})")

    def _check_kind_step(self) -> None:
        """A flow names its kind once: fixed (`kind`), or chosen by one `fills: kind` step."""
        chosen = [s for s in self.steps if s.fills == ReportField.KIND]
        if len(chosen) > 1 or (chosen and self.kind is not None):
            raise ValueError("a flow has a fixed kind or one step that fills kind, not both")
        if chosen:
            step = chosen[0]
            if step.type != FieldType.SINGLE_CHOICE or not step.required:
                raise ValueError(f"step '{step.id}': filling kind needs a required single "
                                 "choice of report kinds")
            if step.show_if is not None:
                raise ValueError(f"step '{step.id}': the kind question is always asked")
        if self.completes_later and not self.files_report:
            raise ValueError("completes_later needs a flow that files a report")
        alerting = [s.id for s in self.steps if s.files_alert_if_yes]
        if alerting and not self.files_report:
            raise ValueError(f"step '{alerting[0]}': files_alert_if_yes needs a flow that "
                             "files a report")
        if len(alerting) > 1:
            raise ValueError(f"step '{alerting[1]}': only one step may have files_alert_if_yes")

    @property
    def kind_step(self) -> Step | None:
        """The question that chooses the kind of report, for a flow without a fixed kind."""
        return next((s for s in self.steps if s.fills == ReportField.KIND), None)

    @property
    def alert_step(self) -> Step | None:
        """The immediate-danger question whose yes files an alert at once, if any."""
        return next((s for s in self.steps if s.files_alert_if_yes), None)

    @property
    def files_report(self) -> bool:
        return self.kind is not None or self.kind_step is not None

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def has_step(self, step_id: str) -> bool:
        return any(s.id == step_id for s in self.steps)
