"""Cards around the report dialog: the content-free start card in the chat that opens it, and
the core's questions and review as cards inside the dialog (`Action.Submit` buttons)."""

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from adapters.teams.card_kit import Element, card, heading, open_dialog, submit, words
from adapters.teams.flow_cards import flow_cards, notice_panel
from bot.form_wording import FORM_TITLE, OPEN_FORM, START_TEXT
from bot.ui import Notice, Question, Reply, Summary

REPLACE = "replace"
"""Set on a start card's button: the start card becomes the receipt once the report is sent."""


def start_card(verb: str, data: dict[str, Any], title: str | None,
               notices: Sequence[Reply] = ()) -> Element:
    """What the chat shows instead of a question: a title of the core's, its fixed notices
    (anything else is left out), and a button that opens the form in a dialog. Never an
    answer."""
    body: list[Element] = [heading(title)] if title else []
    body += [notice_panel(notice) for notice in notices if isinstance(notice, Notice)]
    body.append(words(START_TEXT, subtle=True))
    button = open_dialog(OPEN_FORM, verb, {**data, REPLACE: True}, style="positive")
    return card(body, [button])


def dialog_cards(replies: list[Reply], zone: ZoneInfo, carry: dict[str, Any]
                 ) -> tuple[Element | None, list[Element]]:
    """The card for the dialog, and emergency guidance to post in the chat as well."""
    return flow_cards(replies, zone, submit, carry)


def dialog_title(replies: Sequence[Reply]) -> str:
    for reply in replies:
        if isinstance(reply, Question):
            return reply.flow_title
        if isinstance(reply, Summary):
            return reply.title
    return FORM_TITLE
