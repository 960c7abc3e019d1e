"""Every button and form of the core's interactions, through one pair of listeners.

A button's action id is the interaction id and its value carries the arguments; a form's
callback id is the interaction id and its private_metadata the arguments. The core decides
everything; this shows what it answered: a private view in a modal (on top of the one the
button is in, or a new one), a form again with its errors, or a short line where the button
was. A refreshed private view (a card with an id, e.g. the case record) replaces the one the
bot opened for this person, which then says what happened; a refreshed message card is
ignored, because every copy of a message is edited through the outbox."""

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import cards, forms, ids, modal
from adapters.slack.own_modals import OwnModals, interaction_key
from adapters.slack.payloads import action_value, text_of, user_of
from adapters.slack.text import escape
from bot.actors import resolve_actor
from bot.alert_cards import refusal_card
from bot.runtime import Runtime
from bot.ui.actions import Interactions, Outcome, Request, perform
from bot.ui.cards import Card
from bot.ui.forms import Form
from bot.ui.wording import TRY_AGAIN

log = logging.getLogger(__name__)
VIEWED = "interaction"
"""What the bot remembers a modal opened from an interaction as (adapters.slack.own_modals)."""
_MARK = {"success": "✅ ", "error": "", "warning": "⚠️ "}


def matcher(table: Interactions) -> re.Pattern[str]:
    """Exactly the interaction ids of the table."""
    return re.compile("^(" + "|".join(re.escape(i) for i in table.ids()) + ")$")


class Dispatch:
    def __init__(self, runtime: Runtime, client: AsyncWebClient, table: Interactions) -> None:
        self.runtime = runtime
        self.client = client
        self.table = table
        self.modals = OwnModals(runtime, client)
        self.zone = runtime.config.organisation.zone

    def _request(self, body: dict[str, Any], args: dict[str, str],
                 values: dict[str, object] | None = None) -> Request:
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")
        return Request(actor, args, values or {}, interaction_key(body))

    async def on_button(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        action = text_of((body.get("actions") or [{}])[0], "action_id") or ""
        request = self._request(body, cards.button_args(action_value(body)))
        try:
            outcome = await perform(self.runtime, self.table, action, request, opening=True)
        except Exception:
            log.exception("slack: %s failed", action)
            await modal.tell(self.client, body, TRY_AGAIN)
            return
        await self._show(body, outcome, request)

    async def on_form(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        action = str(view.get("callback_id") or "")
        args = cards.button_args(view.get("private_metadata") or "")
        request = self._request(body, args, forms.submitted(view, self.zone))
        try:
            outcome = await perform(self.runtime, self.table, action, request)
        except Exception:
            log.exception("slack: %s failed", action)
            await ack(response_action="errors", errors=_first_input(view, TRY_AGAIN))
            return
        if isinstance(outcome.show, Form) and forms.errors(outcome.show):
            await ack(response_action="errors", errors=forms.errors(outcome.show))
            return
        if isinstance(outcome.show, Form | Card):
            await ack(response_action="update", view=self._view(outcome.show).to_dict())
        else:
            await ack(response_action="clear" if outcome.close else None)
        if await self._refresh(body, outcome, request):
            return
        if outcome.tell:
            await modal.tell(self.client, body, _line(outcome))

    async def _show(self, body: dict[str, Any], outcome: Outcome, request: Request) -> None:
        shown = outcome.show
        if shown is None and outcome.refused and modal.in_modal(body):
            shown = refusal_card(outcome.tell or "")  # said where the button was: a modal
        if shown is not None:
            view = self._view(shown)
            if _same_view(body, shown) and await self.modals.refresh_own(body, view):
                return  # e.g. Refresh on the case record: that modal, shown again
            opened = await self.modals.stack(body, view, _purpose(shown),
                                             request.arg("reference"))
            if opened is None and outcome.tell is None:
                await modal.tell(self.client, body, TRY_AGAIN)
            if opened is not None and outcome.refused:
                return
        elif await self._refresh(body, outcome, request, or_open=True):
            return
        if outcome.tell:
            await modal.tell(self.client, body, _line(outcome))

    async def _refresh(self, body: dict[str, Any], outcome: Outcome, request: Request,
                       or_open: bool = False) -> bool:
        """A refreshed private view, in the modal the bot opened for this person (with
        `or_open`, a new one if there is none); False if nothing was shown."""
        card = outcome.refresh
        if card is None:
            return False
        view = self._view(card)
        if not card.id:  # a message's card: shown in place only to close a private view
            return outcome.close and await self.modals.refresh_own(body, view)
        reference = request.arg("reference")
        if await self.modals.refresh(body, card.id, reference, view):
            return True
        return or_open and await self.modals.open_new(body, view, card.id, reference) is not None

    def _view(self, shown: Card | Form) -> Any:
        if isinstance(shown, Form):
            return forms.form_view(shown, self.zone)
        return cards.modal(shown, VIEWED, close="Close")


def _same_view(body: dict[str, Any], shown: Card | Form) -> bool:
    """The button is on the very kind of view it asks to show."""
    view = body.get("view")
    return (isinstance(shown, Card) and bool(shown.id) and isinstance(view, dict)
            and view.get("callback_id") == shown.id)


def _purpose(shown: Card | Form) -> str:
    """What the bot remembers a modal as: the card's own name, if it has one."""
    return shown.id if isinstance(shown, Card) and shown.id else VIEWED


def _line(outcome: Outcome) -> str:
    return _MARK.get(outcome.tone, "") + escape(outcome.tell or "")


def _first_input(view: dict[str, Any], text: str) -> dict[str, str]:
    values = (view.get("state") or {}).get("values") or {}
    first = next(iter(values), None) if isinstance(values, dict) else None
    return {str(first): text} if first else {}


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient,
             table: Interactions) -> None:
    dispatch = Dispatch(runtime, client, table)
    bolt.action(matcher(table))(dispatch.on_button)
    bolt.view_submission(matcher(table))(dispatch.on_form)
