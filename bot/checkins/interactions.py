"""Check-in interactions, declared once for every surface: answering the offer on a receipt
(yes please / not now), the list (`/debrief list`), cancelling one, and reading an outcome.
Answered to the person only; a yes asks their manager (or the wellbeing role, never anyone a
report of theirs is about) to arrange a check-in."""

from bot.checkins import offer, scheduling, summary
from bot.checkins.cards import (
    CANCEL,
    LIST,
    OFFER_NOT_NOW,
    OFFER_YES,
    READ,
    answered_blocks,
    list_card,
    outcome_view_card,
)
from bot.checkins.people import label
from bot.checkins.wording import time_with_zone, typed
from bot.runtime import Runtime
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request, refused
from bot.ui.cards import Card

MAX_TOKEN = 64
NOT_YOURS = "That offer is not yours to answer."
NO_OFFER = "There is no check-in offer for you to answer."
ALREADY = "You have already answered this; thank you."


def _thanks(answer: offer.OfferAnswer) -> str:
    told = ", ".join(label(p) for p in answer.told) or (
        "Nobody (no manager or wellbeing lead is set up)")
    text = f"Thank you. {told} has been asked to arrange a check-in with you."
    if answer.follow_ups and answer.zone is not None:
        zone = answer.zone
        times = "; ".join(time_with_zone(moment, zone) for moment in answer.follow_ups)
        text += f" Short follow-up check-ins are scheduled for {times}."
    return text


def _not_now(platform: str) -> str:
    return ("That's fine. If you change your mind, ask your manager, or arrange one for "
            f"yourself: {typed(platform, 'debrief')} me tomorrow 10:00.")


async def _answer(runtime: Runtime, request: Request, choice: str) -> Outcome:
    token = request.arg("offer", MAX_TOKEN) or None
    answer = await offer.answer(runtime, request.actor, choice, token)
    if answer.status == "none":
        return Outcome(tell=NOT_YOURS if token else NO_OFFER, tone="error")
    if answer.status == "already":
        return Outcome(tell=ALREADY, settled=answered_blocks(ALREADY, "info"))
    if answer.status == offer.NOT_NOW:
        text = _not_now(request.actor.platform)
        return Outcome(tell=text, settled=answered_blocks(text, "info"))
    text = _thanks(answer)
    return Outcome(tell=text, tone="success", settled=answered_blocks(text, "success"))


async def _yes(runtime: Runtime, request: Request) -> Outcome:
    return await _answer(runtime, request, offer.YES)


async def _not_now_pressed(runtime: Runtime, request: Request) -> Outcome:
    return await _answer(runtime, request, offer.NOT_NOW)


def _number(request: Request) -> int | None:
    text = request.arg("checkin", 20).lstrip("#")
    return int(text) if text.isdigit() else None


def _not_a_number(request: Request) -> Outcome:
    return Outcome(tell=f"'{request.arg('checkin', 20)}' is not a check-in number (see "
                        f"{typed(request.actor.platform, 'debrief')} list).", tone="error")


async def _list(runtime: Runtime, request: Request) -> Outcome:
    return Outcome(show=list_card(await summary.arranged(runtime, request.actor),
                                  await summary.own(runtime, request.actor)))


async def _read(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    if number is None:
        return _not_a_number(request)
    found = await summary.view(runtime, request.actor, number)
    if found is None:
        return refused(f"You cannot see check-in #{number}. Only whoever arranged it (or "
                       "follows it as the person's manager) can.")
    return Outcome(show=outcome_view_card(found))


async def _cancel(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    if number is None:
        return _not_a_number(request)
    try:
        done = await scheduling.cancel(runtime, request.actor, number)
    except scheduling.ScheduleError as error:
        return Outcome(tell=str(error), tone="error")
    listed = await _list(runtime, request)
    return Outcome(tell=f"Check-in #{done.id} is cancelled.", tone="success",
                   refresh=listed.show if isinstance(listed.show, Card) else None)


INTERACTIONS = (
    Interaction(LIST, _list, ConsoleCommand("/debrief list")),
    Interaction(READ, _read, ConsoleCommand("/debrief view {checkin}")),
    Interaction(CANCEL, _cancel, ConsoleCommand("/debrief cancel {checkin}")),
    Interaction(OFFER_YES, _yes, ConsoleCommand("/checkin yes")),
    Interaction(OFFER_NOT_NOW, _not_now_pressed, ConsoleCommand("/checkin not-now")),
)
