"""Check-ins in Slack: the check-in itself in a modal, its buttons, and moving one from the
list; arranging one is in checkin_arrange.py. Registered by `register` (the list, cancelling,
reading an outcome and the offer are core interactions: adapters.slack.dispatch)."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import cards, ids, modal
from adapters.slack import checkin_ids as cids
from adapters.slack.checkin_arrange import SORRY, ArrangeHandlers
from adapters.slack.checkin_views import (
    done_view,
    question_view,
    schedule_view,
)
from adapters.slack.dispatch import Dispatch
from adapters.slack.fields import UnreadableAnswer, raw_answer, submitted_step
from adapters.slack.flow_handlers import shown_step
from adapters.slack.own_modals import OwnModals
from adapters.slack.payloads import action_value, user_of
from adapters.slack.text import clip
from bot.actors import Actor, resolve_actor
from bot.checkins import conversation
from bot.checkins.cards import MOVE
from bot.flow.runner import AnswerInput, Back, FlowInput, Repeat
from bot.runtime import Runtime
from bot.ui import Notice, Question, Reply
from bot.ui.registry import all_interactions

log = logging.getLogger(__name__)


class CheckinHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client
        self.zone = runtime.config.organisation.zone
        self.modals = OwnModals(runtime, client)

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    # -- moving one from the list (bot.checkins.cards.list_card) ---------------------------

    async def on_move(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(cards.button_args(action_value(body)).get("checkin"))
        if number is not None:
            await modal.push(self.client, body, schedule_view(moving=number))

    # -- the check-in itself ---------------------------------------------------------------

    async def on_start(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        if number is None:
            return
        replies = await conversation.begin(self.runtime, self._actor(body), number)
        await self.modals.open_new(body, question_view(replies, number, self.zone),
                                   cids.CHECKIN_MODAL)

    async def on_stop(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        if number is None:
            return
        replies = await conversation.decline(self.runtime, self._actor(body), number)
        if modal.in_modal(body):
            await self.modals.refresh_own(body, question_view(replies, number, self.zone))
        else:
            await modal.tell(self.client, body, " ".join(
                r.text for r in replies
                if isinstance(r, Notice) and r.title != "Support if you need it"))

    async def on_back(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        if number is not None:
            replies = await conversation.respond(self.runtime, self._actor(body), number, Back())
            await self.modals.refresh_own(body, question_view(replies, number, self.zone))

    async def on_answer(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        values = (view.get("state") or {}).get("values") or {}
        number = cids.checkin_number(view.get("private_metadata"))
        step = submitted_step(values) if isinstance(values, dict) else None
        shown = shown_step(view)
        if number is None or shown is None:
            await ack(response_action="update", view=done_view([conversation.NOTHING_OPEN]))
            return
        given: FlowInput = AnswerInput(None)  # an optional question left empty: skipped
        if step is not None:
            try:
                given = AnswerInput(raw_answer(values, step, self.zone))
            except UnreadableAnswer:
                given = Repeat()  # a broken form: show where the check-in is instead
        step = step or shown
        try:
            replies = await conversation.respond(self.runtime, self._actor(body), number, given,
                                                 shown)
        except Exception:
            log.exception("slack: a check-in answer failed")
            await ack(response_action="update", view=done_view([SORRY]))
            return
        error = _error_for(replies, step)
        if error:
            await ack(response_action="errors", errors={ids.question_block_id(step): error})
            return
        await ack(response_action="update", view=question_view(replies, number, self.zone))


def _error_for(replies: list[Reply], step: str) -> str | None:
    if len(replies) != 1 or not isinstance(replies[0], Question):
        return None
    question = replies[0]
    return clip(question.error, 500) if question.error and question.step_id == step else None


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    handlers = CheckinHandlers(runtime, client)
    arrange = ArrangeHandlers(runtime, client, Dispatch(runtime, client, all_interactions()))
    bolt.command(cids.COMMAND)(arrange.on_command)
    bolt.view_submission(cids.SCHEDULE_VIEW)(arrange.on_schedule)
    bolt.view_submission(cids.QUESTION_VIEW)(handlers.on_answer)
    for action, handler in ((cids.START, handlers.on_start), (cids.STOP, handlers.on_stop),
                            (cids.BACK, handlers.on_back),
                            (cids.SCHEDULE_FOR, arrange.on_schedule_for),
                            (MOVE, handlers.on_move)):
        bolt.action(action)(handler)
