"""Load flow files: the built-in ones, overridden or extended by an organisation's folder."""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.flow.alerting import alert_problem
from bot.flow.definition import FieldType, FlowDefinition, ReportField
from bot.flow.hooks import HOOKS
from bot.kinds import KINDS_FILE, KindError, KindRegistry, load_kinds
from flows import BUILTIN_FLOW_DIR


class FlowError(Exception):
    """A flow file is not valid; the message names the file and the problem."""


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "is not a known key"
    elif first["type"] == "missing":
        message = "is required"
    return f"{where}: {message}" if where else message


class FlowSet(dict[str, FlowDefinition]):
    """Every flow by id, with the kinds registry they were loaded against."""

    def __init__(self, flows: dict[str, FlowDefinition], kinds: KindRegistry) -> None:
        super().__init__(flows)
        self.kinds = kinds

    def with_flow(self, flow: FlowDefinition) -> "FlowSet":
        """These flows with `flow` in place of the one of its id (an organisation's own)."""
        return FlowSet({**self, flow.id: flow}, self.kinds)


def _with_kind_choices(data: dict[str, Any], kinds: KindRegistry) -> dict[str, Any]:
    """A single choice that fills kind without listing choices offers every registered
    kind (by its `choice` wording), as the built-in quick alert does."""
    steps = data.get("steps")
    if not isinstance(steps, list):
        return data
    filled = [
        {**step, "choices": [{"value": k.id, "label": k.choice} for k in kinds]}
        if isinstance(step, dict) and step.get("fills") == ReportField.KIND.value
        and step.get("type") == FieldType.SINGLE_CHOICE.value and "choices" not in step
        else step
        for step in steps
    ]
    return {**data, "steps": filled}


def load_flow_file(path: Path, kinds: KindRegistry) -> FlowDefinition:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise FlowError(f"{path}: cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise FlowError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise FlowError(f"{path}: expected a mapping with id, title and steps")
    try:
        flow = FlowDefinition.model_validate(_with_kind_choices(data, kinds),
                                             context={"kinds": kinds.ids})
    except ValidationError as error:
        raise FlowError(f"{path}: {_describe(error)}") from None
    for step in flow.steps:
        for name in step.validators:
            if name not in HOOKS:
                raise FlowError(f"{path}: step '{step.id}' names unknown validator '{name}'")
    return flow


def load_flows(extra_dir: Path | None = None) -> FlowSet:
    """Every flow by id; a file in `extra_dir` replaces the built-in flow with the same id.
    The kinds registry comes from the same folders (bot.kinds); each kind needs its flow."""
    if extra_dir is not None and not extra_dir.is_dir():
        raise FlowError(f"{extra_dir}: the flows directory does not exist")
    try:
        kinds = load_kinds(extra_dir)
    except KindError as error:
        raise FlowError(str(error)) from None
    flows: dict[str, FlowDefinition] = {}
    for directory in (BUILTIN_FLOW_DIR, extra_dir):
        for path in sorted(directory.glob("*.yaml")) if directory is not None else ():
            if path.name != KINDS_FILE:
                flow = load_flow_file(path, kinds)
                flows[flow.id] = flow
    problem = alert_problem(flows) or _missing_flow(flows, kinds)
    if problem is not None:
        raise FlowError(f"flows: {problem}")
    return FlowSet(flows, kinds)


def _missing_flow(flows: dict[str, FlowDefinition], kinds: KindRegistry) -> str | None:
    """Every registered kind needs its full flow, of that kind."""
    for kind in kinds:
        flow = flows.get(kind.flow)
        if flow is None or flow.kind != kind.id or flow.completes_later:
            return (f"the kind '{kind.id}' ({KINDS_FILE}) needs its flow '{kind.flow}': a "
                    f"flow file with id: {kind.flow} and kind: {kind.id}")
    return None
