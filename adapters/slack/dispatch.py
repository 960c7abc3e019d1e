"""Every button and form of the core's interactions, through one pair of listeners.

A button's action id is the interaction id and its value carries the arguments; a form's
callback id is the interaction id and its private_metadata the arguments. The core decides
everything; this shows what it answered: a private view in a modal (on top of the one the
button is in, or a new one), a form again with its errors, or a short line where the button
was. A refreshed private view (a card with an id, e.g. the case record) replaces the one the
bot opened for this person, which then says what happened; a refreshed card without an id
replaces only a private view the bot opened for the person that the button was in (e.g. a list
after cancelling from it): every copy of a message is edited through the outbox."""

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import cards, forms, ids, modal
from adapters.slack.flow_handlers import SLACK_FAILURES
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
    def __init__(self, runtime: Runtime, client: AsyncWebClient, table: Interactions,
                 commands: dict[str, str] | None = None) -> None:
        self.runtime = runtime
        self.client = client
        self.table = table
        self.commands = commands or {}
        """Slash command -> the interaction it does, with what was typed as `text`."""
        self.modals = OwnModals(runtime, client)
        self.zone = runtime.config.organisation.zone

    def _request(self, body: dict[str, Any], args: dict[str, str],
                 values: dict[str, object] | None = None, typed: bool = False) -> Request:
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")
        return Request(actor, args, values or {}, interaction_key(body), typed)

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """A slash command: the interaction it names, answered privately (a line, or a
        private view)."""
        await self.command(ack, body, self.commands.get(text_of(body, "command") or "", ""))

    async def command(self, ack: AsyncAck, body: dict[str, Any], action: str,
                      **args: str) -> None:
        """Do `action` for a slash command: with `args` (what the command's words say), else
        what was typed after it as `text`."""
        typed = args or {"text": text_of(body, "text") or ""}
        request = self._request(body, typed, typed=True)
        try:
            outcome = await perform(self.runtime, self.table, action, request, opening=True)
        except Exception:
            log.exception("slack: %s failed", action)
            await ack(text=TRY_AGAIN)
            return
        if outcome.tell:
            await ack(text=escape(outcome.tell))  # a reply to what was typed: no mark
        else:
            await ack()
        if outcome.show is not None:
            await self.modals.open_new(body, self._view(outcome.show), _purpose(outcome.show))

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
            if (_same_view(body, shown) or self._in_form(body)) \
                    and await self.modals.refresh_own(body, view):
                return  # Refresh on the case record, or a button in one of our forms (Back)
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
        if outcome.settled:
            await self._settle(body, outcome)

    async def _refresh(self, body: dict[str, Any], outcome: Outcome, request: Request,
                       or_open: bool = False) -> bool:
        """A refreshed private view, in the modal the bot opened for this person (with
        `or_open`, a new one if there is none); False if nothing was shown."""
        card = outcome.refresh
        if card is None:
            return False
        view = self._view(card)
        if not card.id:  # a message's card: shown in place only in a private view of ours
            in_place = outcome.close or bool(modal.in_modal(body))
            return in_place and await self.modals.refresh_own(body, view)
        if _same_view(body, card) and await self.modals.refresh_own(body, view):
            return True  # the very view the button was in (e.g. a list after cancelling)
        reference = request.arg("reference")
        if await self.modals.refresh(body, card.id, reference, view):
            return True
        return or_open and await self.modals.open_new(body, view, card.id, reference) is not None

    async def _settle(self, body: dict[str, Any], outcome: Outcome) -> None:
        """The pressed buttons' block becomes what the core says (the rest of the message
        stays as it was), so they cannot be pressed again."""
        message, container = body.get("message") or {}, body.get("container") or {}
        shown = message.get("blocks")
        channel, ts = container.get("channel_id"), container.get("message_ts")
        pressed = (body.get("actions") or [{}])[0].get("block_id")
        if not isinstance(shown, list) or not channel or not ts or not pressed:
            return
        settled = [out.to_dict() for block in outcome.settled for out in cards.render_block(block)]
        blocks = [new for old in shown
                  for new in (settled if isinstance(old, dict) and old.get("block_id") == pressed
                              else [old])]
        try:
            await self.client.chat_update(channel=channel, ts=ts, text=message.get("text") or "",
                                          blocks=blocks)
        except SLACK_FAILURES as error:
            log.warning("slack: could not settle a message: %s", type(error).__name__)

    def _in_form(self, body: dict[str, Any]) -> bool:
        """Was the button in a modal showing one of the core's forms?"""
        return str((body.get("view") or {}).get("callback_id") or "") in self.table

    def _view(self, shown: Card | Form) -> Any:
        if isinstance(shown, Form):
            return forms.form_view(shown, self.zone)
        return cards.modal(shown, VIEWED, close="Close")


def _line(outcome: Outcome) -> str:
    return _MARK.get(outcome.tone, "") + escape(outcome.tell or "")


def _first_input(view: dict[str, Any], text: str) -> dict[str, str]:
    values = (view.get("state") or {}).get("values") or {}
    first = next(iter(values), None) if isinstance(values, dict) else None
    return {str(first): text} if first else {}


def _same_view(body: dict[str, Any], shown: Card | Form) -> bool:
    """The button is on the very kind of view it asks to show."""
    view = body.get("view")
    return (isinstance(shown, Card) and bool(shown.id) and isinstance(view, dict)
            and view.get("callback_id") == shown.id)


def _purpose(shown: Card | Form) -> str:
    """What the bot remembers a modal as: the card's own name, if it has one."""
    return shown.id if isinstance(shown, Card) and shown.id else VIEWED


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient,
             table: Interactions, commands: dict[str, str] | None = None) -> None:
    """Buttons and forms of every interaction; `commands`: slash commands that do one."""
    dispatch = Dispatch(runtime, client, table, commands)
    bolt.action(matcher(table))(dispatch.on_button)
    bolt.view_submission(matcher(table))(dispatch.on_form)
    for command in dispatch.commands:
        bolt.command(command)(dispatch.on_command)
