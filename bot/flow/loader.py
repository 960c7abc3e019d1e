"""Load flow files: the built-in ones, overridden or extended by an organisation's folder."""

from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.flow.alerting import alert_problem
from bot.flow.definition import FlowDefinition
from bot.flow.hooks import HOOKS
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


def load_flow_file(path: Path) -> FlowDefinition:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise FlowError(f"{path}: cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise FlowError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise FlowError(f"{path}: expected a mapping with id, title and steps")
    try:
        flow = FlowDefinition.model_validate(data)
    except ValidationError as error:
        raise FlowError(f"{path}: {_describe(error)}") from None
    for step in flow.steps:
        for name in step.validators:
            if name not in HOOKS:
                raise FlowError(f"{path}: step '{step.id}' names unknown validator '{name}'")
    return flow


def load_flows(extra_dir: Path | None = None) -> dict[str, FlowDefinition]:
    """Every flow by id; a file in `extra_dir` replaces the built-in flow with the same id."""
    flows: dict[str, FlowDefinition] = {}
    for directory in (BUILTIN_FLOW_DIR, extra_dir):
        if directory is None:
            continue
        if not directory.is_dir():
            raise FlowError(f"{directory}: the flows directory does not exist")
        for path in sorted(directory.glob("*.yaml")):
            flow = load_flow_file(path)
            flows[flow.id] = flow
    problem = alert_problem(flows)
    if problem is not None:
        raise FlowError(f"flows: {problem}")
    return flows
