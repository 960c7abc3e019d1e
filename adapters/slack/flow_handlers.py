"""The report flow in modals: /report, shortcuts and Home open it; each submit is one step."""

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids
from adapters.slack.client import open_view
from adapters.slack.fields import UnreadableAnswer, raw_answer, submitted_step
from adapters.slack.payloads import HELP, parse_command_text, team_of, text_of, user_of
from adapters.slack.text import clip
from adapters.slack.view_cache import flow_view_dict, metadata_for, read_metadata
from adapters.slack.views import notice_blocks, notice_view
from bot import reporting
from bot.actors import Actor, resolve_actor
from bot.discarding import NOTHING_SENT
from bot.flow.progress import FlowProgress
from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, Repeat, Submit
from bot.runtime import Runtime
from bot.stored_flow import StoredFlow
from bot.ui import Notice, Question, Receipt, Reply, Summary
from bot.ui.wording import CALL_999

log = logging.getLogger(__name__)
SLACK_FAILURES = (SlackApiError, aiohttp.ClientError, TimeoutError)
COULD_NOT_OPEN = ("Sorry, the report form could not be opened just now; please try /report "
                  f"again in a moment. {CALL_999}")
NOT_SAVED = Notice("Sorry, that could not be saved just now, so nothing was sent. Your earlier "
                   "answers are kept: type /report to carry on.", tone="error")
NOT_ATTACHED = Notice("The message was not attached to it. To report about that message, "
                      "finish or discard this report first, then use the shortcut again.",
                      tone="warning")
GONE = Notice("There is no report in progress here: it may already have been submitted (check "
              "your direct messages for the receipt) or discarded. Type /report to start one.")
STALE = Notice("That form was out of date, so nothing was changed. Here is where your report is "
               "now.", tone="warning")
ERROR_TEXT = 500


def shown_step(view: dict[str, Any]) -> str | None:
    """The step id of the question a view shows (from its blocks), if any."""
    for block in view.get("blocks") or []:
        if not isinstance(block, dict):
            continue
        step = ids.step_of_block(str(block.get("block_id", "")))
        if step:
            return step
    return None


@dataclass(frozen=True)
class Where:
    progress: FlowProgress
    draft: dict[str, Any] | None
    """The unsaved start of the flow (from the modal) when nothing is stored yet."""
    stored: StoredFlow | None = None
    """The stored flow, as just read (passed on, so it is not read twice)."""


def _has_main(replies: list[Reply]) -> bool:
    return any(isinstance(r, Question | Summary | Receipt) for r in replies)


class FlowHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client
        self.zone = runtime.config.organisation.zone

    def _who(self, body: dict[str, Any]) -> tuple[Actor, str]:
        user = user_of(body) or ""
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user)
        return actor, ids.conversation_id(team_of(body), user)

    # -- opening the modal ---------------------------------------------------------------

    async def open_flow(self, body: dict[str, Any], kind: str | None = None,
                        practice: bool = False, context: dict[str, str] | None = None,
                        quick: bool = False) -> bool:
        """Open this person's report in a modal (`quick`: the quick alert); False if it failed.

        A new report is not stored yet: its untouched start (the draft) travels in the
        modal's private_metadata and is stored with the first answer, so opening the form
        costs one read and no write. A report already in progress is resumed instead."""
        trigger = text_of(body, "trigger_id")
        actor, conversation = self._who(body)
        if not trigger or not actor.user_id:
            return False
        try:
            opening = await reporting.open_report(self.runtime, actor, conversation, kind,
                                                  practice, context, quick)
            replies = opening.replies
            if opening.draft is None and context:
                replies = [*replies[:1], NOT_ATTACHED, *replies[1:]]
            metadata = metadata_for(conversation, opening.draft)
            await open_view(self.client, trigger, flow_view_dict(replies, metadata, self.zone))
            return True
        except SLACK_FAILURES as error:
            log.warning("slack: could not open the report form: %s", type(error).__name__)
        except Exception:
            log.exception("slack: starting a report failed")
        return False

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        request = parse_command_text(text_of(body, "text") or "", self.runtime.kinds)
        if request.wants_help:
            await ack(text=HELP)
            return
        if await self.open_flow(body, request.kind, request.practice, quick=request.quick):
            await ack()
        else:
            await ack(text=COULD_NOT_OPEN)

    # -- answering in the modal ------------------------------------------------------------

    async def on_question(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        values = (view.get("state") or {}).get("values") or {}
        step = submitted_step(values) if isinstance(values, dict) else None
        try:
            actor, conversation = self._who(body)
            where = await self._where(conversation, view)
            if where is None:
                await ack(response_action="update", view=self._view([GONE], conversation))
                return
            if step is None or where.progress.reviewing or step != where.progress.current:
                await self._show(ack, actor, conversation, Repeat(), where, lead=[STALE])
                return
            try:
                raw = raw_answer(values, step, self.zone)
            except UnreadableAnswer:
                await self._show(ack, actor, conversation, Repeat(), where, lead=[STALE])
                return
            replies = await reporting.respond(self.runtime, actor, conversation, AnswerInput(raw),
                                              draft=where.draft, stored=where.stored)
            error = next((r.error for r in replies if isinstance(r, Question) and r.error
                          and r.step_id == step), None)
            if error and len(replies) == 1:
                await ack(response_action="errors",
                          errors={ids.question_block_id(step): clip(error, ERROR_TEXT)})
                return
            await ack(response_action="update", view=await self._screen(actor, conversation,
                                                                         replies))
        except Exception:
            log.exception("slack: a report step failed")
            await ack(response_action="update", view=self._view([NOT_SAVED], ""))

    async def on_review(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        try:
            actor, conversation = self._who(body)
            where = await self._where(conversation, view)
            if where is None:
                await ack(response_action="update", view=self._view([GONE], conversation))
                return
            if not where.progress.reviewing:
                await self._show(ack, actor, conversation, Repeat(), where, lead=[STALE])
                return
            await self._show(ack, actor, conversation, Submit(), where)
        except Exception:
            log.exception("slack: submitting a report failed")
            await ack(response_action="update", view=self._view([NOT_SAVED], ""))

    async def _where(self, conversation: str, view: dict[str, Any]) -> "Where | None":
        """This person's report as the modal knows it: stored, or a draft not stored yet."""
        shown_for, draft = read_metadata(view.get("private_metadata"))
        if not conversation or shown_for != conversation:
            return None  # not this person's form (or not ours at all)
        stored = await reporting.current(self.runtime, conversation, ids.PLATFORM)
        if stored is not None:
            return Where(stored.progress, None, stored)
        if draft is None:
            return None
        try:
            return Where(FlowProgress.from_json(draft), draft)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    async def _show(self, ack: AsyncAck, actor: Actor, conversation: str, given: FlowInput,
                    where: "Where", lead: list[Reply] | None = None) -> None:
        replies = await reporting.respond(self.runtime, actor, conversation, given,
                                          draft=where.draft, stored=where.stored)
        view = await self._screen(actor, conversation, [*(lead or []), *replies])
        await ack(response_action="update", view=view)

    async def _screen(self, actor: Actor, conversation: str, replies: list[Reply]
                      ) -> dict[str, Any]:
        """A view for these replies; a bare notice gets the current question shown after it."""
        if not _has_main(replies):
            replies = [*replies, *await reporting.resume(self.runtime, actor, conversation)]
        return self._view(replies, conversation)

    def _view(self, replies: list[Reply], conversation: str) -> dict[str, Any]:
        return flow_view_dict(replies, conversation, self.zone)

    # -- buttons inside the modal ----------------------------------------------------------

    async def on_back(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self._button(body, Back())

    async def on_edit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        actions = body.get("actions") or [{}]
        target = actions[0].get("value") if isinstance(actions[0], dict) else None
        await self._button(body, Edit(str(target or "")))

    async def on_discard(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        actor, conversation = self._who(body)
        view = body.get("view") or {}
        try:
            where = await self._where(conversation, view)
            replies: list[Reply]
            if where is None:
                replies = [GONE]
            elif where.draft is not None:
                replies = [NOTHING_SENT]  # nothing was stored: nothing to delete
            else:  # the button's confirm dialog asked already (views._navigation)
                replies = await reporting.cancel(self.runtime, actor, conversation,
                                                 confirmed=True)
            await self._update(view, notice_view([b for r in replies if isinstance(r, Notice)
                                                  for b in notice_blocks(r)]))
        except Exception:
            log.exception("slack: discarding a report failed")

    async def _button(self, body: dict[str, Any], given: FlowInput) -> None:
        actor, conversation = self._who(body)
        view = body.get("view") or {}
        try:
            where = await self._where(conversation, view)
            if where is None:
                await self._update(view, self._view([GONE], conversation))
                return
            shown = shown_step(view)
            reviewing = view.get("callback_id") == ids.REVIEW_VIEW
            if where.progress.reviewing != reviewing or (shown and shown != where.progress.current):
                given = Repeat()
            replies = await reporting.respond(self.runtime, actor, conversation, given,
                                              draft=where.draft, stored=where.stored)
            await self._update(view, await self._screen(actor, conversation, replies))
        except Exception:
            log.exception("slack: a report button failed")

    async def _update(self, view: dict[str, Any], new_view: View | dict[str, Any]) -> None:
        view_id = view.get("id")
        if not isinstance(view_id, str):
            return
        try:
            await self.client.views_update(view_id=view_id, hash=view.get("hash"), view=new_view)
        except SLACK_FAILURES as error:
            log.warning("slack: views.update failed: %s", type(error).__name__)
