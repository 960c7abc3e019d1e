"""Which flows are quick alerts, and whether a report filed by one is still incomplete."""

from bot.cases.vocabulary import EntryKind
from bot.flow.definition import FlowDefinition
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report

QUICK_FLOW_ID = "quick_alert"
"""The built-in quick alert; an organisation's file with this id replaces it."""


def quick_flow(runtime: Runtime) -> FlowDefinition | None:
    """The flow /report offers as 'Alert the lead now, write it up later', if any."""
    flow = runtime.flows.get(QUICK_FLOW_ID)
    if flow is not None and flow.completes_later:
        return flow
    return next((f for f in runtime.flows.values() if f.completes_later), None)


def is_quick_flow(runtime: Runtime, flow_id: str) -> bool:
    flow = runtime.flows.get(flow_id)
    return flow.completes_later if flow is not None else flow_id == QUICK_FLOW_ID


def completion(entries: list[CaseEntry]) -> CaseEntry | None:
    """The entry that completed the record, if any (there is at most one)."""
    return next((e for e in entries if e.kind == EntryKind.COMPLETION.value), None)


def is_incomplete(runtime: Runtime, report: Report, entries: list[CaseEntry]) -> bool:
    """A quick alert whose full record has not been added yet."""
    return is_quick_flow(runtime, report.flow_id) and completion(entries) is None
