"""The core's cards as terminal text: one small renderer per block type.

A button becomes what to type: its label and the console command the core declares for its
interaction, e.g. "Acknowledge: /ack SG-2026-0001"."""

from collections.abc import Callable, Mapping

from bot.ui import cards
from bot.ui.cards import Card

Commands = Callable[[str, Mapping[str, str]], str | None]
"""Interaction id and arguments -> what to type (bot.ui.actions.Interactions.console_command)."""
_TONE_MARK = {"emergency": "!!! ", "warning": "! ", "error": "x ", "success": "", "info": ""}


def _mark(tone: str | None) -> str:
    return _TONE_MARK.get(tone or "", "")


class TextCards:
    """Renders cards for the terminal, with buttons as the commands that do the same."""

    def __init__(self, commands: Commands) -> None:
        self.commands = commands
        self._renderers: dict[type, Callable[..., list[str]]] = {
            cards.Heading: lambda b, tone: [f"{_mark(b.tone)}{b.text}"],
            cards.Text: lambda b, tone: [f"{_mark(b.tone)}{b.text}"],
            cards.Facts: lambda b, tone: [" · ".join(f"{k}: {v}" for k, v in b.pairs)],
            cards.Answer: lambda b, tone: [f"  - {b.label}: {b.value}"],
            cards.Bullets: lambda b, tone: [f"  - {item}" for item in b.items],
            cards.Divider: lambda b, tone: [],
            cards.Buttons: self._buttons,
            cards.Contact: lambda b, tone: [f"  - {b.label}: {b.text} · {b.contact_label}: "
                                            f"{b.contact}"],
            cards.Panel: lambda b, tone: [line for inner in b.blocks
                                          for line in self.block(inner, b.tone)],
        }

    def block(self, block: cards.Block, tone: str | None = None) -> list[str]:
        """One core block as lines; an unknown block type is a programming error."""
        renderer = self._renderers.get(type(block))
        if renderer is None:
            raise cards.unrenderable(block)
        return renderer(block, tone)

    def hint(self, button: cards.Button) -> str | None:
        command = self.commands(button.action, button.arguments)
        return f"{button.label}: {command}" if command else None

    def _buttons(self, block: cards.Buttons, tone: str | None) -> list[str]:
        hints = [hint for hint in map(self.hint, block.buttons) if hint]
        return [" · ".join(hints)] if hints else []

    def text(self, card: Card) -> str:
        """A private view: a line each."""
        return "\n".join(line for block in card.blocks for line in self.block(block))

    def line(self, card: Card) -> str:
        """A message as it arrives, on one line (the console shows who receives what)."""
        return " ".join(line.strip() for block in card.blocks for line in self.block(block))
