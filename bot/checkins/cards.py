"""Check-ins as cards, written once for every surface: the offer on a report's receipt (and
what it becomes once answered). Flags only: what a person wrote is never in a message."""

from bot.ui.cards import Block, Buttons, Card, Panel, Text, button
from bot.ui.replies import Tone

OFFER_YES = "checkin.offer.yes"
OFFER_NOT_NOW = "checkin.offer.not_now"
OFFER_QUESTION = "Would you like someone to check in with you?"
OFFER_TEXT = (f"{OFFER_QUESTION} A short, voluntary wellbeing check-in, kept apart from the "
              "report.")


def offer_blocks(token: str) -> tuple[Block, ...]:
    """The offer and its two buttons: what a receipt ends with when there is an offer."""
    return (Text(OFFER_TEXT), Buttons((
        button(OFFER_YES, "Yes please", "primary", offer=token),
        button(OFFER_NOT_NOW, "Not now", offer=token))))


def offer_card(token: str) -> Card:
    """The offer on its own (where the receipt was already shown)."""
    return Card("Wellbeing check-in", OFFER_QUESTION, offer_blocks(token))


def answered_blocks(text: str, tone: Tone) -> tuple[Block, ...]:
    """What the offer's buttons become once answered: they cannot be pressed again."""
    return (Panel(tone, (Text(text),)),)
