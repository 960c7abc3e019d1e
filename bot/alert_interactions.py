"""The buttons on an alert, written once for every surface: Acknowledge, View details (private,
audited) and Hide details. Who may press them is the core's access rules' to say."""

from bot import details
from bot.access import Action
from bot.acknowledgement import acknowledge
from bot.alert_cards import ACKNOWLEDGE, VIEW_DETAILS, alert_card, details_card, refusal_card
from bot.alert_state import alert_state
from bot.authorised import authorised_report
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.ui.actions import NO_REFERENCE, ConsoleCommand, Interaction, Outcome, Request, refused
from bot.ui.cards import Card

HIDE_DETAILS = "alert.hide"
SHOW = "alert.show"
"""The alert as it stands, for someone who may view its details (refused and recorded as a
view would be): what a typed `view REF` shows where a message would keep the details."""
MAX_REFERENCE = 40


async def current_alert(runtime: Runtime, request: Request, reference: str,
                        note: str | None = None) -> Card:
    """The alert as it stands now for this person (a refusal card if they may not see it);
    `note`, what they were just told, goes in its acknowledged panel."""
    state = await alert_state(runtime, request.actor, reference)
    if state is None:
        return refusal_card(no_such_report(request.shown(), Action.VIEW_STATE))
    return alert_card(state, runtime.config.organisation.zone, note)


def _reference(request: Request) -> str | None:
    """The report the button is about; None (say so, do nothing) if it names none."""
    return request.arg("reference", MAX_REFERENCE) or None


async def _acknowledge(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    result = await acknowledge(runtime, request.actor, reference)
    if result.refused:
        return refused(no_such_report(request.shown(), Action.ACKNOWLEDGE))
    told = result.text()
    return Outcome(tell=told, tone="success",
                   refresh=await current_alert(runtime, request, reference, told))


async def _view(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    found = await details.view_details(runtime, request.actor, reference)
    if found is None:
        return refused(no_such_report(request.shown(), Action.VIEW_DETAILS))
    return Outcome(show=details_card(found))


async def _hide(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    return Outcome(refresh=await current_alert(runtime, request, reference), close=True)


async def _show(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, request.actor, Action.VIEW_DETAILS,
                                         reference, runtime.clock.now(), "view_refused")
    if report is None:
        return refused(no_such_report(request.shown(), Action.VIEW_DETAILS))
    return Outcome(refresh=await current_alert(runtime, request, report.reference))


INTERACTIONS = (
    Interaction(ACKNOWLEDGE, _acknowledge, ConsoleCommand("/ack {reference}")),
    Interaction(VIEW_DETAILS, _view, ConsoleCommand("/view {reference}")),
    Interaction(HIDE_DETAILS, _hide),
    Interaction(SHOW, _show),
)
