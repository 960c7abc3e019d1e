"""Immediate alerts across flows: which flow files them (the quick alert), as which kind, and
the check, when flows are loaded, that every flow's `files_alert_if_yes` can be filed."""

from collections.abc import Mapping

from bot.flow import paths
from bot.flow.definition import FlowDefinition, Step
from bot.flow.progress import FlowProgress

QUICK_FLOW_ID = "quick_alert"
"""The built-in quick alert; an organisation's file with this id replaces it."""

DEFAULT_ALERT_KIND = "safeguarding_concern"
"""The kind of an immediate alert filed before the reporter has said what it is about.
Someone in immediate danger is at risk of harm: a safeguarding matter, whatever else
happened, and the safeguarding lead is who must act on it now. (The immediate-danger
escalation policy, when configured, wins over the kind anyway.)"""


def quick_flow_among(flows: Mapping[str, FlowDefinition]) -> FlowDefinition | None:
    """The quick alert ('alert the lead now, write it up later'), if the flows have one."""
    flow = flows.get(QUICK_FLOW_ID)
    if flow is not None and flow.completes_later:
        return flow
    return next((f for f in flows.values() if f.completes_later), None)


def alert_kind(flow: FlowDefinition, progress: FlowProgress) -> str:
    """The kind an immediate alert from this flow is filed as: the flow's, or the one its
    answers chose already, or else a safeguarding concern (DEFAULT_ALERT_KIND)."""
    return paths.report_kind(flow, progress) or DEFAULT_ALERT_KIND


def _possible_kinds(flow: FlowDefinition) -> set[str]:
    """Every kind an immediate alert from `flow` may be filed as."""
    if flow.kind is not None:
        return {flow.kind}
    chooser = flow.kind_step
    chosen = {c.value for c in (chooser.choices or [])} if chooser else set()
    return chosen | {DEFAULT_ALERT_KIND}


def _recordable_kinds(quick: FlowDefinition) -> set[str]:
    if quick.kind is not None:
        return {quick.kind}
    chooser = quick.kind_step
    return {c.value for c in (chooser.choices or [])} if chooser else set()


def alert_problem(flows: Mapping[str, FlowDefinition]) -> str | None:
    """Why the flows' immediate alerts could not be filed, or None. They are filed as quick
    alerts: the quick flow needs its own files_alert_if_yes question (always asked) and a
    kind it can record for each flow that alerts."""
    alerting = [f for f in flows.values() if f.alert_step is not None]
    if not alerting:
        return None
    quick = quick_flow_among(flows)
    if quick is None:
        return (f"flow '{alerting[0].id}' has files_alert_if_yes, which files a quick alert, "
                "but no flow has completes_later: true")
    step: Step | None = quick.alert_step
    if step is None or step.show_if is not None:
        return (f"the quick alert flow '{quick.id}' needs a files_alert_if_yes question that "
                "is always asked, to file immediate alerts")
    recordable = _recordable_kinds(quick)
    for flow in alerting:
        missing = sorted(_possible_kinds(flow) - recordable)
        if missing:
            return (f"flow '{flow.id}' files immediate alerts as {missing[0]}, which the quick "
                    f"alert flow '{quick.id}' cannot record (its kind question lacks it)")
    return None
