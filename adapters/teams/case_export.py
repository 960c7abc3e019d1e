"""Export on the private case card (`case.export`): the core's case card again, with personal,
short-lived download links (the server checks who may again, and audits, on download). Every
other case button is a core interaction (bot/cases/interactions.py)."""

from datetime import datetime
from typing import Any, Literal, Protocol

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element, action_sets, panel, plain, words
from adapters.teams.cards import adaptive_card
from adapters.teams.invoke import card_response, message_response
from adapters.teams.turn import Turn
from bot.access import Action
from bot.actors import Actor
from bot.alert_cards import refusal_card
from bot.cases.export_links import DOWNLOADS, EXPORTS_OFF
from bot.cases.interactions import EXPORTS, current_case
from bot.refusals import no_such_report
from bot.ui.actions import NO_REFERENCE, NOT_UNDERSTOOD, Request

MAX_REFERENCE = 40


class ExportLinker(Protocol):
    """Makes short-lived personal download links (bot/cases/export_links.py)."""

    def link(self, actor: Actor, reference: str, fmt: Literal["json", "pdf"],
             now: datetime) -> str: ...


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    if action.verb != EXPORTS:
        return message_response(NOT_UNDERSTOOD)
    reference = action.data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return message_response(NO_REFERENCE)
    request = Request(turn.actor, {"reference": reference})
    shown = await current_case(turn.runtime, request, reference)
    if shown is None:
        return card_response(adaptive_card(refusal_card(no_such_report(None, Action.EXPORT))))
    return card_response(adaptive_card(shown, [_downloads(turn, reference)]))


DOWNLOAD_FORMATS: tuple[tuple[str, Literal["pdf", "json"]], ...] = (
    ("Download PDF", "pdf"), ("Download JSON", "json"))


def _downloads(turn: Turn, reference: str) -> Element:
    links: ExportLinker | None = turn.bot.exports
    if links is None:
        return panel([plain(EXPORTS_OFF, colour="warning")], "warning")
    now = turn.runtime.clock.now()
    actions = [{"type": "Action.OpenUrl", "title": title, "url": links.link(turn.actor,
                                                                             reference, fmt, now)}
               for title, fmt in DOWNLOAD_FORMATS]
    return panel([words(DOWNLOADS, subtle=True), *action_sets(actions)],
                 "info")
