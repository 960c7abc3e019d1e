"""Forms: what a person fills in (a case note, a referral, a check-in time), as data.

A form belongs to an interaction (its `action`): submitting it sends the values, keyed by each
input's id, with the form's arguments, to that interaction. Adapters render a form as a Slack
modal, an Adaptive Card (in a Teams dialog) or console prompts, and read the values back."""

from dataclasses import dataclass, replace
from typing import Literal

from bot.ui.cards import Block

InputKind = Literal["text", "long_text", "choice", "multi_choice", "yes_no", "date", "datetime",
                    "person", "checkbox"]
CHOOSE = "Choose…"
"""The placeholder of a choice with none of its own: never a blank box."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Input:
    id: str
    label: str
    kind: InputKind = "text"
    required: bool = True
    options: tuple[Choice, ...] = ()
    placeholder: str | None = None
    hint: str | None = None
    max_length: int | None = None
    initial: str | tuple[str, ...] | None = None
    error: str | None = None

    @property
    def shown_placeholder(self) -> str | None:
        """Choices always say what to do; text inputs only when the form gives a placeholder."""
        if self.placeholder:
            return self.placeholder
        return CHOOSE if self.kind in ("choice", "multi_choice", "person") else None


@dataclass(frozen=True)
class Form:
    action: str
    """The interaction that receives the values (bot.ui.actions)."""
    title: str
    submit: str
    inputs: tuple[Input, ...]
    args: tuple[tuple[str, str], ...] = ()
    intro: tuple[Block, ...] = ()
    """Blocks shown above the inputs (context, guidance)."""
    cancel: str = "Cancel"

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.args)

    def with_error(self, input_id: str | None, message: str) -> "Form":
        """The same form, with `message` on the input it concerns (else on the first)."""
        target = input_id if any(i.id == input_id for i in self.inputs) else (
            self.inputs[0].id if self.inputs else None)
        return replace(self, inputs=tuple(
            replace(i, error=message) if i.id == target else i for i in self.inputs))

    def filled(self, values: dict[str, object]) -> "Form":
        """The same form showing what was typed (after an error, nothing is lost)."""
        def keep(found: Input) -> Input:
            value = values.get(found.id)
            if isinstance(value, str):
                return replace(found, initial=value)
            if isinstance(value, list | tuple):
                return replace(found, initial=tuple(str(v) for v in value))
            return found
        return replace(self, inputs=tuple(keep(i) for i in self.inputs))
