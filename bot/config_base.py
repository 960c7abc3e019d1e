"""Building blocks shared by the config's sections: strict models and durations."""

from datetime import timedelta
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from bot.durations import parse_duration


class StrictModel(BaseModel):
    """Unknown keys are errors (a misspelt setting must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _duration(value: object) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a duration string such as '30m' or '2h'")
    return parse_duration(value)


Duration = Annotated[timedelta, BeforeValidator(_duration)]
