"""Clocks: the real one, and ones that tests and the console can move."""

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock:
    """The system time plus an offset that only moves forward (the console's `/advance`)."""

    def __init__(self, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self._offset = timedelta()

    def advance(self, by: timedelta) -> None:
        if by < timedelta():
            raise ValueError("the clock only moves forward")
        self._offset += by

    def catch_up(self, moment: datetime) -> None:
        """Move forward, if need be, so that it is no earlier than `moment` (e.g. the latest
        time already on record, after a restart: ages are then never negative)."""
        behind = moment - self.now()
        if behind > timedelta():
            self._offset += behind

    def now(self) -> datetime:
        return self._base.now() + self._offset


class ManualClock:
    """A clock that stands still until told to move (tests)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def advance(self, by: timedelta) -> None:
        if by < timedelta():
            raise ValueError("the clock only moves forward")
        self._now += by

    def now(self) -> datetime:
        return self._now
