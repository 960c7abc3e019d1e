"""Escalation policies in the config: ordered steps of who to notify and how long to wait."""

from datetime import date, timedelta

from pydantic import Field, model_validator

from bot.config_base import Duration, StrictModel
from bot.domain import Role, Urgency

ESCALATION_TIMER = "escalation"
"""The timer kind of escalation steps (scheduled at submission, run by bot.escalation)."""

URGENCY_POLICY_KEYS = frozenset({Urgency.IMMEDIATE_DANGER.value, Urgency.HIGH.value, "default"})
"""Policy keys besides the report kinds' ids (checked against the kinds registry on load)."""


class EscalationStep(StrictModel):
    notify: list[str] = Field(min_length=1)
    """Role names (e.g. "safeguarding_lead") or person ids from [[people]]."""
    wait: Duration | None = None
    """How long to wait for an acknowledgement before the next step.

    Defaults to acknowledge_within (immediate_danger_within for immediate danger)."""


class EscalationPolicy(StrictModel):
    steps: list[EscalationStep] = Field(min_length=1)
    repeat_every: Duration | None = None
    """After the last step, remind everyone notified this often until someone acknowledges."""


class EscalationSettings(StrictModel):
    acknowledge_within: Duration = timedelta(minutes=30)
    fallback_role: Role = Role.CEO
    immediate_danger_within: Duration = timedelta(minutes=5)
    """The shorter clock for reports where someone is in immediate danger."""
    policies: dict[str, EscalationPolicy] = Field(default_factory=dict)
    """Keyed by report kind, or by urgency (immediate_danger, high) which wins, or default.
    The keys are checked against the kinds registry when the config loads (bot.config)."""
    last_resort: list[str] | None = Field(default=None, min_length=1)
    """Role names and person ids alerted when nobody in a step, no deputy and no holder of the
    fallback role can be reached. Unset: everyone holding a safeguarding, deputy,
    data-protection or CEO role (bot.routing.DEFAULT_LAST_RESORT)."""


class Absence(StrictModel):
    """A planned absence from the config; the person is skipped while away."""

    person: str
    start: date = Field(alias="from")
    until: date
    """The last day away (inclusive)."""

    @model_validator(mode="after")
    def _ordered(self) -> "Absence":
        if self.until < self.start:
            raise ValueError("until is before from")
        return self
