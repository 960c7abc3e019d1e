"""The three built-in kinds of report, as tests name them. The core lists no kinds (it reads
the kinds registry, flows/kinds.yaml); tests/flows/test_kinds_registry.py checks that the
registry still declares exactly these ids, prefixes and labels."""

from enum import StrEnum
from pathlib import Path


class ReportKind(StrEnum):
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    CONFIDENTIALITY_BREACH = "confidentiality_breach"
    OPERATIONAL_INCIDENT = "operational_incident"

    @property
    def prefix(self) -> str:
        return {"safeguarding_concern": "SG", "confidentiality_breach": "CB",
                "operational_incident": "OI"}[self.value]

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


FOURTH_KIND_FLOWS = Path(__file__).parent / "flows" / "fourth_kind"
"""A flows folder adding a fourth kind, `lost_device` (prefix LD, alias `device`): its flow
file and its one registry entry, and nothing else."""
FOURTH_KIND_ANSWERS = {"occurred_at": "yesterday 16:00", "device": "laptop",
                       "what_happened": "Left on the train after the session."}
