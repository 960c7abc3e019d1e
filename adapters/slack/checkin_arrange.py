"""Arranging check-ins in Slack: /debrief, the scheduling modal (and moving one), and the
one-click button on a check-in request. A time out of the person's working hours is asked
about in the form first (the core's words, and a box to tick to send it then anyway)."""

import logging
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import cards, ids, modal
from adapters.slack import checkin_ids as cids
from adapters.slack.checkin_forms import chosen_user, confirmed, note_of, picked_time
from adapters.slack.checkin_views import done_view, schedule_view
from adapters.slack.dispatch import Dispatch
from adapters.slack.own_modals import OwnModals
from adapters.slack.payloads import action_value, text_of, user_of
from adapters.slack.text import clip
from bot.actors import Actor, resolve_actor
from bot.checkins import scheduling
from bot.checkins.cards import LIST, MOVE
from bot.checkins.guests import guest_by_id, reachable
from bot.checkins.people import label, may_schedule, person_of, platform_person
from bot.checkins.scheduling import NeedsConfirmation, ScheduleError
from bot.config import Person
from bot.runtime import Runtime
from bot.ui import Notice
from bot.ui.registry import all_interactions

log = logging.getLogger(__name__)
HELP = ("/debrief @person opens a form to arrange a short wellbeing check-in for them (or "
        "/debrief @person tomorrow 16:00 arranges it straight away); /debrief me for your own; "
        "/debrief list shows the check-ins you arranged, to move or cancel them.")
SORRY = Notice("Sorry, that could not be saved just now. Please try again.", tone="error")


class ArrangeHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient, dispatch: Dispatch) -> None:
        self.runtime = runtime
        self.client = client
        self.dispatch = dispatch
        self.modals = OwnModals(runtime, client)

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        text = text_of(body, "text") or ""
        user, rest = cids.mentioned_user(text)
        actor = self._actor(body)
        words = rest.lower().split()
        if words[:1] == ["help"]:
            await ack(text=HELP)
        elif words == ["list"] and user is None:
            await self.dispatch.command(ack, body, LIST)
        elif words[:1] in (["me"], ["myself"]) and user is None:
            await self._arrange(ack, body, actor, actor.user_id, " ".join(rest.split()[1:]))
        else:
            await self._arrange(ack, body, actor, user, rest)

    async def _arrange(self, ack: AsyncAck, body: dict[str, Any], actor: Actor,
                       user: str | None, phrase: str) -> None:
        """With a time phrase, schedule now; otherwise open the form (person filled in). Out
        of working hours: the form, filled in, asking to confirm."""
        if not phrase:
            await ack()
            await modal.open_new(self.client, body, schedule_view(user))
            return
        try:
            person = self._person(user)
            due = scheduling.when_from_text(self.runtime, person, phrase)
            done = await scheduling.schedule(self.runtime, actor, person, due)
        except NeedsConfirmation as asked:
            await ack()
            await modal.open_new(self.client, body, schedule_view(
                user, initial_epoch=_epoch(asked.out.due_at), asked=asked.out))
            return
        except ScheduleError as error:
            await ack(text=f"{error} {HELP if user is None else ''}".strip())
            return
        await ack(text=scheduled_text(done, actor))

    def _person(self, user: str | None) -> Person:
        person = platform_person(self.runtime.config, ids.PLATFORM, user or "")
        if person is None:
            raise ScheduleError("Choose someone from the organisation: /debrief @person "
                                "tomorrow 16:00.")
        return person

    async def on_move(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Move, on a line of the list (bot.checkins.cards.list_card): the form to move it."""
        await ack()
        number = cids.checkin_number(cards.button_args(action_value(body)).get("checkin"))
        if number is not None:
            await modal.push(self.client, body, schedule_view(moving=number))

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
            done = await self._submit(ack, actor, values, moving, due)
        except NeedsConfirmation as asked:
            await ack(response_action="update", view=schedule_view(
                chosen_user(values) or None, moving, _epoch(asked.out.due_at), note_of(values),
                asked.out))
            return
        except ScheduleError as error:
            await ack(response_action="errors", errors={cids.WHEN_BLOCK: clip(str(error), 150)})
            return
        except Exception:
            log.exception("slack: scheduling a check-in failed")
            await ack(response_action="update", view=done_view([SORRY]))
            return
        if done is not None:
            await ack(response_action="update",
                      view=done_view([Notice(scheduled_text(done, actor), tone="success")]))

    async def _submit(self, ack: AsyncAck, actor: Actor, values: dict[str, Any],
                      moving: int | None, due: datetime) -> scheduling.Scheduled | None:
        """Schedule (or move) as the form says; None when it was refused (ack sent)."""
        sure = confirmed(values)
        if moving is not None:
            return await scheduling.move(self.runtime, actor, moving, due, confirmed=sure)
        person = platform_person(self.runtime.config, ids.PLATFORM, chosen_user(values))
        if person is None or not may_schedule(self.runtime.config, person_of(actor), person):
            await ack(response_action="errors", errors={cids.PERSON_BLOCK: (
                "Choose yourself, or someone you manage (the wellbeing lead can "
                "choose anyone in the organisation).")})
            return None
        return await scheduling.schedule(self.runtime, actor, person, due, note_of(values),
                                         confirmed=sure)


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def scheduled_text(done: scheduling.Scheduled, actor: Actor) -> str:
    whose = "your own" if done.person.id == actor.person_id else f"{label(done.person)}'s"
    return f"Scheduled {whose} wellbeing check-in for {done.when}."


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient) -> None:
    """/debrief and arranging or moving a check-in (the offer, the check-in itself, the list,
    cancelling and reading an outcome are core interactions: adapters.slack.dispatch)."""
    arrange = ArrangeHandlers(runtime, client, Dispatch(runtime, client, all_interactions()))
    bolt.command(cids.COMMAND)(arrange.on_command)
    bolt.view_submission(cids.SCHEDULE_VIEW)(arrange.on_schedule)
    bolt.action(cids.SCHEDULE_FOR)(arrange.on_schedule_for)
    bolt.action(MOVE)(arrange.on_move)
