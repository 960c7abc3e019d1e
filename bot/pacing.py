"""Pacing sends per destination: a steady rate with a short burst, and a hold after a 429.

Slack allows about one message a second per channel (short bursts are tolerated) and answers
HTTP 429 with Retry-After beyond that; Teams 7 operations a second per conversation, 8 in
2 s, 60 in 30 s. The delivery worker asks the pacer before each send, so one busy channel waits
its turn while every other destination keeps flowing.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

Key = tuple[str, str]
"""(platform, destination)."""


@dataclass(frozen=True)
class Pace:
    """At most `per_second` messages a second to one destination, after a burst of `burst`."""

    per_second: float
    burst: int = 1

    @property
    def interval(self) -> timedelta:
        return timedelta(seconds=1 / self.per_second)

    @property
    def tolerance(self) -> timedelta:
        return self.interval * (max(self.burst, 1) - 1)


DEFAULT_PACES: Mapping[str, Pace] = {
    "slack": Pace(per_second=1.0, burst=5),
    "teams": Pace(per_second=1.0, burst=7),
}
"""Per platform; a platform not named here (the console) is not paced."""


class Pacer:
    """When the next message to each destination may go (a virtual-schedule token bucket),
    and holds set by Retry-After. In memory: one per worker; replicas share holds through
    the outbox rows (see storage.repositories.outbox.hold)."""

    def __init__(self, paces: Mapping[str, Pace]) -> None:
        self._paces = paces
        self._next: dict[Key, datetime] = {}
        """Per destination: when its bucket is full again (the theoretical arrival time)."""
        self._held: dict[Key, datetime] = {}

    def ready_at(self, key: Key, now: datetime) -> datetime:
        """The earliest time a message to this destination may be attempted."""
        ready = max(now, self._held.get(key, now))
        pace = self._paces.get(key[0])
        full_at = self._next.get(key)
        if pace is None or full_at is None:
            return ready
        return max(ready, full_at - pace.tolerance)

    def later(self, key: Key, now: datetime, place: int) -> datetime:
        """When the `place`-th (0-based) message waiting for this destination may go."""
        pace = self._paces.get(key[0])
        spacing = pace.interval * place if pace is not None else timedelta()
        return self.ready_at(key, now) + spacing

    def take(self, key: Key, now: datetime) -> None:
        """A message is being sent to this destination now."""
        pace = self._paces.get(key[0])
        if pace is not None:
            self._next[key] = max(self._next.get(key, now), now) + pace.interval

    def hold(self, key: Key, until: datetime) -> None:
        """Nothing to this destination before `until`; then the steady pace, without a burst."""
        self._held[key] = max(self._held.get(key, until), until)
        pace = self._paces.get(key[0])
        if pace is not None:
            self._next[key] = max(self._next.get(key, until), until + pace.tolerance)

    def forget_idle(self, now: datetime) -> None:
        """Drop destinations whose bucket is full and which are not held (bounded memory)."""
        self._next = {k: at for k, at in self._next.items() if at > now}
        self._held = {k: at for k, at in self._held.items() if at > now}

    def remembered(self) -> int:
        """How many destinations the pacer is keeping state for."""
        return len(self._next.keys() | self._held.keys())
