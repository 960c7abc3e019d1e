"""Check-in interactions, declared once for every surface: answering the offer on a receipt
(yes please / not now). Answered to the person only; a yes asks their manager (or the
wellbeing role, never anyone a report of theirs is about) to arrange a check-in."""

from bot.checkins import offer
from bot.checkins.cards import OFFER_NOT_NOW, OFFER_YES, answered_blocks
from bot.checkins.people import label
from bot.checkins.wording import time_with_zone, typed
from bot.runtime import Runtime
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request

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


INTERACTIONS = (
    Interaction(OFFER_YES, _yes, ConsoleCommand("/checkin yes")),
    Interaction(OFFER_NOT_NOW, _not_now_pressed, ConsoleCommand("/checkin not-now")),
)
