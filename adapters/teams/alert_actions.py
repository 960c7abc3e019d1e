"""Buttons on alerts: Acknowledge, View details (private, audited) and Hide details."""

from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.alert_state import alert_state
from adapters.teams.card_kit import Element, panel, plain
from adapters.teams.details_cards import details_card
from adapters.teams.invoke import card_response, message_response
from adapters.teams.notification_cards import alert_card, refusal_card, text_card
from adapters.teams.turn import Turn
from bot import details
from bot.access import Action
from bot.acknowledgement import acknowledge
from bot.authorised import authorised_report
from bot.refusals import needs_reference, no_such_report

MAX_REFERENCE = 40


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    reference = action.data.get("reference")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return message_response("That button has no valid report reference; nothing was done.")
    if action.verb == "alert.ack":
        return card_response(await acknowledge_card(turn, reference))
    if action.verb == "alert.view":
        found = await details.view_details(turn.runtime, turn.actor, reference)
        card = details_card(found, []) if found else refusal_card(
            no_such_report(reference, Action.VIEW_DETAILS))
        return card_response(card)
    if action.verb == "alert.hide":
        card = await current_alert_card(turn, reference)
        if turn.personal and turn.activity.reply_to_id:
            await turn.replace(turn.activity.reply_to_id, card)  # details posted in 1:1 chat
        return card_response(card)
    return message_response("That button could not be understood; nothing was changed.")


async def acknowledge_card(turn: Turn, reference: str) -> Element:
    result = await acknowledge(turn.runtime, turn.actor, reference)
    if result.refused:
        return refusal_card(result.text())
    return await current_alert_card(turn, reference, panel([plain(result.text())], "success"))


async def current_alert_card(turn: Turn, reference: str, note: Element | None = None
                             ) -> Element:
    state = await alert_state(turn.runtime, turn.actor, reference)
    if state is None:
        return refusal_card(no_such_report(reference, Action.VIEW_STATE))
    return alert_card(state, turn.bot.zone, note)


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `ack REF` or `view REF` in a personal chat."""
    if len(words) != 2:
        await turn.reply(text_card(needs_reference(words[0] if words else "view"), "warning"))
        return
    verb, reference = words
    if len(reference) > MAX_REFERENCE:
        reference = reference[:MAX_REFERENCE]
    if verb == "ack":
        await turn.reply(await acknowledge_card(turn, reference))
        return
    await turn.reply(await typed_view_card(turn, reference))


async def typed_view_card(turn: Turn, reference: str) -> Element:
    """A typed `view REF` would leave the details in the chat as a message, so it answers
    with the alert card instead: its View details button shows them privately (audited).
    A refusal is recorded here, as it would be on pressing the button."""
    runtime = turn.runtime
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, turn.actor, Action.VIEW_DETAILS,
                                         reference, runtime.clock.now(), "view_refused")
    if report is None:
        return refusal_card(no_such_report(reference, Action.VIEW_DETAILS))
    return await current_alert_card(turn, report.reference)
