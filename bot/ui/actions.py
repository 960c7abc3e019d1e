"""Interactions: what a button press or a form submission asks the core to do.

Each feature declares its interactions once (id, what applying it does, the form it opens, the
console command that does the same); `bot.ui.registry` gathers them. Adapters call `perform`
with the interaction id, the button's arguments and the form's values, and show the outcome.
Nothing about who may do what lives here: each apply function asks the core's access rules."""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.actors import Actor
from bot.ui.cards import Block, Card
from bot.ui.forms import Form
from bot.ui.replies import Tone

if TYPE_CHECKING:
    from bot.runtime import Runtime


@dataclass(frozen=True)
class Request:
    actor: Actor
    args: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)
    """What was typed or chosen in the form, by input id."""
    key: str | None = None
    """Identifies this very request (a replay carries the same key): writes act once."""
    typed: bool = False
    """The person typed the arguments (a command), rather than pressing a button we made:
    only then is a reference echoed back in a refusal."""

    def shown(self, name: str = "reference") -> str | None:
        """An argument to echo back in a refusal: only what the person typed themselves."""
        return self.arg(name, 40) if self.typed else None

    def arg(self, name: str, limit: int = 200) -> str:
        return str(self.args.get(name) or "").strip()[:limit]

    def value(self, name: str) -> str:
        found = self.values.get(name)
        return found if isinstance(found, str) else ""


@dataclass(frozen=True)
class Outcome:
    show: Card | Form | None = None
    """A private view to open for the person: a card, or a form (again, with its errors)."""
    tell: str | None = None
    """A short private line for the person, where the button was pressed."""
    tone: Tone = "info"
    """How `tell` reads: "error" for a refusal or a problem, "success" when done."""
    refresh: Card | None = None
    """What the message the button was on now shows, for the person who pressed (Teams
    refreshes its card for them; every copy everyone sees is edited through the outbox)."""
    close: bool = False
    """The modal or dialog the request came from is finished."""
    refused: bool = False
    """`tell` is the one refusal (bot.refusals): shown as such wherever the button was."""
    settled: tuple[Block, ...] = ()
    """What the pressed buttons become on the message they were on, for good (a message to
    one person, e.g. an offer answered): they cannot be pressed twice."""


def refused(text: str) -> Outcome:
    return Outcome(tell=text, tone="error", refused=True)


Apply = Callable[["Runtime", Request], Awaitable[Outcome]]


@dataclass(frozen=True)
class ConsoleCommand:
    """How the console does an interaction: a template filled from the button's arguments."""

    template: str
    """e.g. "/ack {reference}"."""

    def render(self, args: Mapping[str, str]) -> str | None:
        try:
            return self.template.format_map(dict(args))
        except (KeyError, ValueError):
            return None


@dataclass(frozen=True)
class Interaction:
    id: str
    apply: Apply
    command: ConsoleCommand | None = None
    opens: Apply | None = None
    """For a button that opens a form: shows the form (the form's submission is `apply`)."""


class Interactions:
    """The table of every interaction, by id: built once by the composition root."""

    def __init__(self, interactions: tuple[Interaction, ...]) -> None:
        self._by_id: dict[str, Interaction] = {}
        for interaction in interactions:
            if interaction.id in self._by_id:
                raise ValueError(f"interaction {interaction.id} is declared twice")
            self._by_id[interaction.id] = interaction

    def __contains__(self, action: str) -> bool:
        return action in self._by_id

    def get(self, action: str) -> Interaction | None:
        return self._by_id.get(action)

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def console_command(self, action: str, args: Mapping[str, str]) -> str | None:
        found = self._by_id.get(action)
        return found.command.render(args) if found and found.command else None


NOT_UNDERSTOOD = "That could not be understood; nothing was changed."
NO_REFERENCE = "That button has no valid report reference; nothing was done."


async def perform(runtime: "Runtime", table: Interactions, action: str, request: Request,
                  opening: bool = False) -> Outcome:
    """Do what a button or form asks; `opening`: show the form a button opens instead."""
    interaction = table.get(action)
    if interaction is None:
        return Outcome(tell=NOT_UNDERSTOOD)
    run = interaction.opens if opening and interaction.opens else interaction.apply
    return await run(runtime, request)
