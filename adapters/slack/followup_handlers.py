"""Quick alerts and the follow-up with the reporter, in Slack: 'Complete the record' opens the
full flow in a modal; 'Open the question' shows a lead's question and a box for the answer in
a modal. The core decides who may (refusals are audited there); nothing typed is ever put in
a message."""

import logging
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids
from adapters.slack.followup_views import (
    answer_problem,
    answer_target,
    answered_view,
    followup_notice_view,
    question_view,
)
from adapters.slack.forms import submitted
from adapters.slack.modal import show
from adapters.slack.payloads import action_value, team_of, user_of
from adapters.slack.text import clip
from adapters.slack.view_cache import flow_view_dict
from bot.actors import Actor, resolve_actor
from bot.followup.answers import (
    AnswerResult,
    answer_question,
    no_question_to_open,
    open_question,
)
from bot.quick.completion import start_completion
from bot.runtime import Runtime
from bot.ui import Notice

log = logging.getLogger(__name__)
UTC_ZONE = ZoneInfo("UTC")
"""Only a typed answer is read here: no date to place in a zone."""
ERROR_TEXT = 500
SORRY = Notice("Sorry, that could not be opened just now; please try again in a moment. If "
               "anyone is in immediate danger, call 999 now.", tone="error")
NOT_SAVED = ("Sorry, your answer could not be saved just now; nothing was recorded. Please "
             "try again.")


class FollowupHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client
        self.zone = runtime.config.organisation.zone

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    async def on_complete(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Complete the record: the full flow for the quick alert's kind, in a modal; its
        answers then go through the ordinary flow handlers (flow_handlers.py)."""
        await ack()
        reference = action_value(body)
        actor = self._actor(body)
        if not reference or not actor.user_id:
            return
        conversation = ids.conversation_id(team_of(body), actor.user_id)
        try:
            replies = await start_completion(self.runtime, actor, conversation, reference[:40])
            view = flow_view_dict(replies, conversation, self.zone)
        except Exception:
            log.exception("slack: starting a completion failed")
            view = followup_notice_view(SORRY, "Complete the record").to_dict()
        await show(self.client, body, view)

    async def on_open_question(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """The reporter opens a lead's question: shown only in this modal (audited)."""
        await ack()
        target = ids.read_question_value(action_value(body))
        if target is None:
            return
        try:
            found = await open_question(self.runtime, self._actor(body), *target)
        except Exception:
            log.exception("slack: opening a question failed")
            await show(self.client, body, followup_notice_view(SORRY))
            return
        if found is None:
            view = followup_notice_view(Notice(no_question_to_open(target[0]), tone="error"))
        else:
            view = question_view(found)
        await show(self.client, body, view)

    async def on_answer(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """The answer, submitted: recorded once by the core, or a field error (nothing
        written)."""
        found = body.get("view")
        view: dict[str, Any] = found if isinstance(found, dict) else {}
        target = answer_target(view.get("private_metadata"))
        values = (view.get("state") or {}).get("values") or {}
        if target is None or not isinstance(values, dict):
            await ack(response_action="errors", errors={
                ids.ANSWER_BLOCK: "That form was not understood, so nothing was recorded."})
            return
        try:
            result = await answer_question(self.runtime, self._actor(body), target[0],
                                           target[1], _typed(view, ids.ANSWER_BLOCK))
        except Exception:
            log.exception("slack: recording an answer failed")
            result = AnswerResult("invalid", target[0], target[1], NOT_SAVED)
        if result.done:
            await ack(response_action="update", view=answered_view(result))
            return
        await ack(response_action="errors",
                  errors={ids.ANSWER_BLOCK: clip(answer_problem(result), ERROR_TEXT)})


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    handlers = FollowupHandlers(runtime, client)
    bolt.action(ids.COMPLETE)(handlers.on_complete)
    bolt.action(ids.OPEN_QUESTION)(handlers.on_open_question)
    bolt.view_submission(ids.ANSWER_VIEW)(handlers.on_answer)


def _typed(view: dict[str, Any], block: str) -> str:
    found = submitted(view, UTC_ZONE).get(block)
    return found if isinstance(found, str) else ""
