"""Cards: every message and private view the bot shows, as data the core writes once.

A card is a title, a one-line summary (what a push notification or a screen reader says; never
content) and a column of blocks. Adapters turn blocks into Block Kit, Adaptive Cards or
terminal text, one renderer per block type, and add no words of their own.

Two kinds of text are kept apart: our own wording (`Text`, `Facts`) and what somebody typed
(`Answer`, or `Text(typed=True)`), which every renderer shows as plain text, never as markup.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.ui.replies import Tone

if TYPE_CHECKING:
    from bot.ui.forms import Form

ButtonStyle = Literal["primary", "danger"]


@dataclass(frozen=True)
class Heading:
    text: str
    tone: Tone = "info"


@dataclass(frozen=True)
class Text:
    """A paragraph. `typed`: it may hold what somebody typed, so it is never read as markup."""

    text: str
    tone: Tone | None = None
    subtle: bool = False
    typed: bool = False


@dataclass(frozen=True)
class Facts:
    """Labels and values of our own (references, kinds, times): never typed text."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Answer:
    """A label of ours and a value somebody typed, shown as plain text."""

    label: str
    value: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Divider:
    pass


@dataclass(frozen=True)
class Confirm:
    """A second question before a button acts (e.g. discarding answers)."""

    title: str
    text: str
    confirm: str
    deny: str


@dataclass(frozen=True)
class Button:
    """Something a person can do: an interaction id and its arguments (see bot.ui.actions)."""

    action: str
    label: str
    args: tuple[tuple[str, str], ...] = ()
    style: ButtonStyle | None = None
    confirm: Confirm | None = None
    form: "Form | None" = None
    """The form the button opens: a surface that can show it in place (a Teams card) does;
    others ask the interaction to open it (bot.ui.actions.Interaction.opens)."""

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.args)


@dataclass(frozen=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Contact:
    """A person and how to reach them, e.g. who filed a report: `label: text`, then a mention
    where the surface has their id (Slack, Teams), else `contact_label: contact` said plainly
    ("Contact: Slack user U0JO")."""

    label: str
    text: str
    contact_label: str
    contact: str
    initials: str
    ids: tuple[tuple[str, str], ...] = ()
    """(platform, user id) where they can be reached."""

    def id_on(self, platform: str) -> str | None:
        return next((user for where, user in self.ids if where == platform), None)


@dataclass(frozen=True)
class Panel:
    """Blocks shown together with a tone (a coloured box, or a marked paragraph)."""

    tone: Tone
    blocks: tuple["Block", ...]


Block = Heading | Text | Facts | Answer | Bullets | Divider | Buttons | Contact | Panel
BLOCK_TYPES: tuple[type, ...] = (Heading, Text, Facts, Answer, Bullets, Divider, Buttons,
                                 Contact, Panel)
"""Every block type: each renderer must handle each of these (tests/test_architecture.py)."""


@dataclass(frozen=True)
class Card:
    title: str
    summary: str
    """One content-free line: the notification text, also read by screen readers."""
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    tone: Tone = "info"
    id: str = ""
    """What kind of screen this is (e.g. "report_details"), where a surface names its views."""

    def buttons(self) -> list[Button]:
        """Every button on the card, in order, however deeply placed."""
        return [button for block in self.blocks for button in _buttons_in(block)]


def _buttons_in(block: Block) -> Iterable[Button]:
    if isinstance(block, Buttons):
        yield from block.buttons
    elif isinstance(block, Panel):
        for inner in block.blocks:
            yield from _buttons_in(inner)


def button(action: str, label: str, style: ButtonStyle | None = None,
           confirm: Confirm | None = None, form: "Form | None" = None, **args: str) -> Button:
    """A button, with its arguments as keywords: button("alert.ack", "Acknowledge", reference=r)."""
    return Button(action, label, tuple(sorted(args.items())), style, confirm, form)


def args_of(mapping: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Button arguments from a mapping (strings only, sorted, so equal buttons compare equal)."""
    return tuple(sorted((key, str(value)) for key, value in mapping.items()))


def unrenderable(item: object) -> TypeError:
    """What a renderer raises for a type it does not know: never a silent stand-in."""
    return TypeError(f"no rendering for {type(item).__name__}")
