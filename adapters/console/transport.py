"""Delivers notifications by printing them, addressed as each person would receive them."""

import itertools
from collections.abc import Callable

from adapters.console.render import render_message
from bot.config import OrgConfig
from bot.delivery import Outgoing


class ConsoleTransport:
    def __init__(self, config: OrgConfig, write: Callable[[str], None]) -> None:
        self._config = config
        self._write = write
        self._ids = itertools.count(1)

    def _recipient(self, item: Outgoing) -> str:
        if item.destination_kind == "channel":
            return f"#{item.destination} channel"
        person = self._config.person(item.destination)
        if person is None:
            return f"direct message to {item.destination} (not in the config)"
        roles = ", ".join(role.label for role in person.roles)
        return f"direct message to {person.initials} ({person.id}, {roles})"

    async def send(self, item: Outgoing) -> str:
        verb = "updated in place" if item.replaces_message_id else "new"
        text = render_message(item.message, self._config)
        self._write(f"  --> [{self._recipient(item)} · {verb}] {text}")
        return item.replaces_message_id or f"console-{next(self._ids)}"
