"""Completing a quick alert, declared once: `quick.complete` (the 'Complete the record' button
on the receipt, the reminder and the list; `/complete REF` in the console) and `quick.list`
(the reporter's quick alerts still to complete; `/incomplete`, typed `incomplete` in Teams).

The full questions themselves are the report flow (bot.quick.completion.start_completion),
which each surface shows the way it shows any report; a press that reaches the table instead
answers with the way to them."""

from bot.quick.cards import COMPLETE, LIST, incomplete_card, prompt_card
from bot.quick.completion import incomplete_reports
from bot.runtime import Runtime
from bot.ui.actions import NO_REFERENCE, ConsoleCommand, Interaction, Outcome, Request

MAX_REFERENCE = 40


async def _complete(runtime: Runtime, request: Request) -> Outcome:
    reference = request.arg("reference", MAX_REFERENCE)
    if not reference:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    return Outcome(show=prompt_card(reference))


async def _list(runtime: Runtime, request: Request) -> Outcome:
    lines = await incomplete_reports(runtime, request.actor)
    return Outcome(show=incomplete_card(lines, runtime.config.organisation.zone))


INTERACTIONS = (
    Interaction(COMPLETE, _complete, ConsoleCommand("/complete {reference}")),
    Interaction(LIST, _list, ConsoleCommand("/incomplete")),
)
