"""Which flows are quick alerts, and whether a report filed by one is still incomplete."""

from bot.cases.vocabulary import EntryKind
from bot.flow.alerting import QUICK_FLOW_ID, quick_flow_among
from bot.flow.definition import FlowDefinition
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report


def quick_flow(runtime: Runtime) -> FlowDefinition | None:
    """The flow /report offers as 'Alert the lead now, write it up later', if any; it also
    files the immediate alerts of every flow (bot/quick/immediate.py)."""
    return quick_flow_among(runtime.flows)


def is_quick_flow(runtime: Runtime, flow_id: str) -> bool:
    flow = runtime.flows.get(flow_id)
    return flow.completes_later if flow is not None else flow_id == QUICK_FLOW_ID


def completion(entries: list[CaseEntry]) -> CaseEntry | None:
    """The entry that completed the record, if any (there is at most one)."""
    return next((e for e in entries if e.kind == EntryKind.COMPLETION.value), None)


def is_incomplete(runtime: Runtime, report: Report, entries: list[CaseEntry]) -> bool:
    """A quick alert whose full record has not been added yet."""
    return is_quick_flow(runtime, report.flow_id) and completion(entries) is None
