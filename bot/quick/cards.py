"""Completing a quick alert, as the core's cards: the 'Complete the record' button and the
reporter's list of quick alerts still to complete (reference, kind, time and state only)."""

from zoneinfo import ZoneInfo

from bot.details import ReportLine
from bot.flow.answers import format_local
from bot.quick.wording import (
    COMPLETE_LABEL,
    NONE_TO_COMPLETE,
    RECORD_INCOMPLETE,
    TO_COMPLETE,
    WRITE_IT_UP,
)
from bot.ui.cards import Block, Button, Buttons, Card, Divider, Facts, Heading, Panel, Text, button

COMPLETE = "quick.complete"
LIST = "quick.list"
MAX_LISTED = 10
"""Lines on the list (each has its own button)."""


def complete_button(reference: str) -> Button:
    """Opens the full questions that complete the quick alert `reference` (each surface shows
    the report flow its own way)."""
    return button(COMPLETE, COMPLETE_LABEL, "primary", reference=reference)


def prompt_card(reference: str) -> Card:
    """Where the button was pressed somewhere the questions cannot open: the way to them."""
    return Card(COMPLETE_LABEL, WRITE_IT_UP, (
        Panel("warning", (Heading(RECORD_INCOMPLETE, "warning"), Text(WRITE_IT_UP))),
        Buttons((complete_button(reference),))), "warning")


def incomplete_card(lines: list[ReportLine], zone: ZoneInfo) -> Card:
    """The reporter's quick alerts still to complete, a button each."""
    if not lines:
        return Card(TO_COMPLETE, NONE_TO_COMPLETE, (Panel("info", (Text(NONE_TO_COMPLETE),)),))
    blocks: list[Block] = [Heading(TO_COMPLETE), Text(WRITE_IT_UP, subtle=True)]
    for line in lines[:MAX_LISTED]:
        blocks += [Divider(), Facts((("Reference", line.reference), ("Kind", line.kind_label),
                                     ("Sent", format_local(line.recorded_at, zone)),
                                     ("State", line.state))),
                   Buttons((complete_button(line.reference),))]
    return Card(TO_COMPLETE, WRITE_IT_UP, tuple(blocks))
