"""Configs and runtimes for working-hours tests: the example config as it ships."""

import dataclasses

from bot.checkins.settings import WellbeingSettings
from bot.config import OrgConfig, load_config
from bot.runtime import Runtime
from tests.conftest import EXAMPLE_CONFIG

_SHIPPED = load_config(EXAMPLE_CONFIG)


def office(routine_waits: bool = True, new_york: tuple[str, ...] = ()) -> OrgConfig:
    """The example config (Mon–Fri 09:00–17:00 London, England and Wales' holidays), with
    routine_waits as given and these people working in New York."""
    config = _SHIPPED
    if not routine_waits:
        assert config.working_hours is not None
        hours = config.working_hours.model_copy(update={"routine_waits": False})
        config = config.model_copy(update={"working_hours": hours})
    if new_york:
        merged = {**config.wellbeing.model_dump(),
                  "timezones": dict.fromkeys(new_york, "America/New_York")}
        config = config.model_copy(update={"wellbeing": WellbeingSettings(**merged)})
    return config


def in_office(runtime: Runtime, **options: object) -> Runtime:
    """The same runtime with the example config as it ships (routine messages wait)."""
    return dataclasses.replace(runtime, config=office(**options))  # type: ignore[arg-type]
