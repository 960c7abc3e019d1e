"""Where one person is in one flow; stored as JSON so a restart resumes at the same question."""

from dataclasses import dataclass, field
from typing import Any

from bot.flow.answers import Answer

REVIEW = "__review__"


@dataclass
class FlowProgress:
    flow_id: str
    flow_version: int
    current: str
    """The step id of the question being asked, or REVIEW."""
    practice: bool = False
    answers: dict[str, Answer] = field(default_factory=dict)
    editing: bool = False
    """True while changing one answer from the review: go back to the review afterwards."""
    started_at: str = ""
    context: dict[str, str] = field(default_factory=dict)
    """Where the report started from (e.g. a message link); stored with the report."""
    warned: dict[str, str] = field(default_factory=dict)
    """Step id → fingerprint of an answer the initials guard warned about (sending it again,
    or 'keep', confirms it)."""
    discard_asked: bool = False
    """The reporter asked to cancel and was asked to confirm: cancelling again discards the
    answers (any other input clears it)."""

    @property
    def reviewing(self) -> bool:
        return self.current == REVIEW

    def to_json(self) -> dict[str, Any]:
        return {
            "flow_id": self.flow_id,
            "flow_version": self.flow_version,
            "current": self.current,
            "practice": self.practice,
            "answers": dict(self.answers),
            "editing": self.editing,
            "started_at": self.started_at,
            "context": dict(self.context),
            "warned": dict(self.warned),
            "discard_asked": self.discard_asked,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FlowProgress":
        return cls(
            flow_id=str(data["flow_id"]),
            flow_version=int(data["flow_version"]),
            current=str(data["current"]),
            practice=bool(data.get("practice", False)),
            answers=dict(data.get("answers", {})),
            editing=bool(data.get("editing", False)),
            started_at=str(data.get("started_at", "")),
            context={str(k): str(v) for k, v in data.get("context", {}).items()},
            warned={str(k): str(v) for k, v in data.get("warned", {}).items()},
            discard_asked=bool(data.get("discard_asked", False)),
        )
