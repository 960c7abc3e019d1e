"""Check-ins in Slack: /debrief, the scheduling modal, the check-in itself in a modal, the
offer on a receipt, and the buttons on check-in messages. Registered by `register`."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import checkin_ids as cids
from adapters.slack import ids, modal
from adapters.slack.checkin_forms import chosen_user, note_of, picked_time
from adapters.slack.checkin_views import (
    done_view,
    list_view,
    outcome_view,
    question_view,
    schedule_view,
)
from adapters.slack.fields import UnreadableAnswer, raw_answer, submitted_step
from adapters.slack.flow_handlers import shown_step
from adapters.slack.own_modals import OwnModals
from adapters.slack.payloads import action_value, text_of, user_of
from adapters.slack.text import clip
from bot.actors import Actor, resolve_actor
from bot.checkins import conversation, offer, scheduling, summary
from bot.checkins.guests import guest_by_id, reachable
from bot.checkins.people import label, may_schedule, person_of, platform_person
from bot.checkins.scheduling import ScheduleError
from bot.flow.runner import AnswerInput, Back, FlowInput, Repeat
from bot.runtime import Runtime
from bot.ui import Notice, Question, Reply

log = logging.getLogger(__name__)
HELP = ("/debrief @person opens a form to arrange a short wellbeing check-in for them (or "
        "/debrief @person tomorrow 16:00 arranges it straight away); /debrief me for your own; "
        "/debrief list shows the check-ins you arranged, to move or cancel them.")
SORRY = Notice("Sorry, that could not be saved just now. Please try again.", tone="error")
CHECKIN = "checkin"
"""What the bot remembers the check-in list and a check-in's questions as: buttons in them
refresh only a modal the bot opened for the person pressing (adapters.slack.own_modals)."""


class CheckinHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client
        self.zone = runtime.config.organisation.zone
        self.modals = OwnModals(runtime, client)

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    # -- /debrief and arranging ------------------------------------------------------------

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        text = text_of(body, "text") or ""
        user, rest = cids.mentioned_user(text)
        actor = self._actor(body)
        words = rest.lower().split()
        if words[:1] == ["help"]:
            await ack(text=HELP)
        elif words == ["list"] and user is None:
            await ack()
            await self.modals.open_new(body, await self._list(actor), CHECKIN)
        elif words[:1] in (["me"], ["myself"]) and user is None:
            await self._arrange(ack, body, actor, actor.user_id, " ".join(rest.split()[1:]))
        else:
            await self._arrange(ack, body, actor, user, rest)

    async def _arrange(self, ack: AsyncAck, body: dict[str, Any], actor: Actor,
                       user: str | None, phrase: str) -> None:
        """With a time phrase, schedule now; otherwise open the form (person filled in)."""
        if not phrase:
            await ack()
            await modal.open_new(self.client, body, schedule_view(user))
            return
        try:
            person = self._person(user)
            due = scheduling.when_from_text(self.runtime, person, phrase)
            done = await scheduling.schedule(self.runtime, actor, person, due)
        except ScheduleError as error:
            await ack(text=f"{error} {HELP if user is None else ''}".strip())
            return
        await ack(text=_scheduled_text(done, actor))

    def _person(self, user: str | None) -> Any:
        person = platform_person(self.runtime.config, ids.PLATFORM, user or "")
        if person is None:
            raise ScheduleError("Choose someone from the organisation: /debrief @person "
                                "tomorrow 16:00.")
        return person

    async def on_schedule_for(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """The one-click button on a check-in request: the form with the person filled in."""
        await ack()
        user = await self._slack_user(action_value(body) or "")
        await modal.open_new(self.client, body, schedule_view(user))

    async def _slack_user(self, person_id: str) -> str | None:
        """The Slack user to fill in: from the config, or where a guest took up check-ins."""
        person = self.runtime.config.person(person_id)
        if person is not None:
            return person.slack_user
        guest = guest_by_id(person_id)
        if guest is None:
            return None
        async with self.runtime.database.readers() as session:
            found = await reachable(session, guest)
        return found[1] if found and found[0] == ids.PLATFORM else None

    async def on_schedule(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        values = (view.get("state") or {}).get("values") or {}
        actor = self._actor(body)
        moving = cids.checkin_number(str(view.get("private_metadata") or "")
                                     .removeprefix(cids.MOVE_PREFIX))
        due = picked_time(values)
        if due is None:
            await ack(response_action="errors", errors={cids.WHEN_BLOCK: "Choose a date and time."})
            return
        try:
            if moving is not None:
                done = await scheduling.move(self.runtime, actor, moving, due)
            else:
                person = platform_person(self.runtime.config, ids.PLATFORM, chosen_user(values))
                if person is None or not may_schedule(self.runtime.config, person_of(actor),
                                                      person):
                    await ack(response_action="errors", errors={cids.PERSON_BLOCK: (
                        "Choose yourself, or someone you manage (the wellbeing lead can "
                        "choose anyone in the organisation).")})
                    return
                done = await scheduling.schedule(self.runtime, actor, person, due,
                                                 note_of(values))
        except ScheduleError as error:
            await ack(response_action="errors", errors={cids.WHEN_BLOCK: clip(str(error), 150)})
            return
        except Exception:
            log.exception("slack: scheduling a check-in failed")
            await ack(response_action="update", view=done_view([SORRY]))
            return
        await ack(response_action="update",
                  view=done_view([Notice(_scheduled_text(done, actor), tone="success")]))

    async def _list(self, actor: Actor) -> View:
        return list_view(await summary.arranged(self.runtime, actor),
                         await summary.own(self.runtime, actor))

    async def on_move(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        if number is not None:
            await modal.push(self.client, body, schedule_view(moving=number))

    async def on_cancel(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        actor = self._actor(body)
        number = cids.checkin_number(action_value(body))
        try:
            if number is not None:
                await scheduling.cancel(self.runtime, actor, number)
            await self.modals.refresh_own(body, await self._list(actor))
        except ScheduleError as error:
            await self.modals.refresh_own(body, done_view([Notice(str(error), tone="warning")]))

    # -- the offer on a receipt, and reading an outcome --------------------------------------

    async def on_offer_yes(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self._offer(body, offer.YES)

    async def on_offer_not_now(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self._offer(body, offer.NOT_NOW)

    async def _offer(self, body: dict[str, Any], choice: str) -> None:
        token = action_value(body)
        if not token:
            return
        answer = await offer.answer(self.runtime, self._actor(body), choice, token)
        if answer.status == "none":
            text = "That offer is not yours to answer."
        elif answer.status == "already":
            text = "You have already answered this; thank you."
        elif answer.status == offer.NOT_NOW:
            text = ("That's fine. If you change your mind, ask your manager, or arrange one for "
                    "yourself with /debrief me.")
        else:
            told = ", ".join(label(p) for p in answer.told) or "The wellbeing lead"
            text = f"Thank you. {told} has been asked to arrange a check-in with you."
            if answer.follow_ups:
                text += f" {len(answer.follow_ups)} short follow-up check-ins are scheduled too."
        await modal.tell(self.client, body, text)

    async def on_read(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        found = await summary.view(self.runtime, self._actor(body), number) if number else None
        if found is None:
            await modal.tell(self.client, body, "Only whoever arranged this check-in can read it.")
            return
        await modal.open_new(self.client, body, outcome_view(found))

    # -- the check-in itself ---------------------------------------------------------------

    async def on_start(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        number = cids.checkin_number(action_value(body))
        if number is None:
            return
        replies = await conversation.begin(self.runtime, self._actor(body), number)
        await self.modals.open_new(body, question_view(replies, number, self.zone), CHECKIN)

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


def _scheduled_text(done: scheduling.Scheduled, actor: Actor) -> str:
    whose = "your own" if done.person.id == actor.person_id else f"{label(done.person)}'s"
    return f"Scheduled {whose} wellbeing check-in for {done.when}."


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    handlers = CheckinHandlers(runtime, client)
    bolt.command(cids.COMMAND)(handlers.on_command)
    bolt.view_submission(cids.SCHEDULE_VIEW)(handlers.on_schedule)
    bolt.view_submission(cids.QUESTION_VIEW)(handlers.on_answer)
    for action, handler in ((cids.OFFER_YES, handlers.on_offer_yes),
                            (cids.OFFER_NOT_NOW, handlers.on_offer_not_now),
                            (cids.START, handlers.on_start), (cids.STOP, handlers.on_stop),
                            (cids.BACK, handlers.on_back),
                            (cids.SCHEDULE_FOR, handlers.on_schedule_for),
                            (cids.READ, handlers.on_read), (cids.MOVE, handlers.on_move),
                            (cids.CANCEL, handlers.on_cancel)):
        bolt.action(action)(handler)
