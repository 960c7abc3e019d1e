"""The case actions, declared once in the core: each opens its own form, a problem is shown
under the input it concerns (the same on every surface), a replay adds nothing, and the case
record card offers exactly the actions its state allows."""

from bot.cases import case_forms as forms
from bot.cases.case_cards import CASE_VIEW
from bot.cases.interactions import CASE_ACTIONS, NOT_UNDERSTOOD
from bot.runtime import Runtime
from bot.ui.actions import Outcome, Request, perform
from bot.ui.cards import Card
from bot.ui.forms import Form
from bot.ui.registry import all_interactions
from tests.bot.cases.helpers import acknowledged, stored_entries
from tests.bot.driving import actor


async def _do(runtime: Runtime, action: str, reference: str, key: str | None = None,
              person: str = "lead", opening: bool = False, **values: str) -> Outcome:
    request = Request(actor(runtime, person), {"reference": reference}, values, key)
    return await perform(runtime, all_interactions(), action, request, opening)


def _error(outcome: Outcome) -> dict[str, str]:
    assert isinstance(outcome.show, Form), outcome
    return {i.id: i.error for i in outcome.show.inputs if i.error}


async def test_each_case_action_opens_its_own_form(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    table = all_interactions()
    for action in CASE_ACTIONS:
        assert action.id in table
        opened = await _do(runtime, action.id, reference, opening=True)
        assert isinstance(opened.show, Form) and opened.show.action == action.id
        assert opened.show.arguments == {"reference": reference}


async def test_problems_are_errors_under_the_input_they_concern(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    empty = await _do(runtime, "case.note", reference, case_note="  ")
    assert _error(empty) == {forms.NOTE: "The note is needed."}
    assert empty.tone == "error" and isinstance(empty.refresh, Card)
    outcome = await _do(runtime, "case.outcome", reference, case_outcome_referral="x1",
                        case_outcome="accepted")
    assert _error(outcome) == {forms.OUTCOME_REFERRAL: forms.CHOOSE_REFERRAL}
    day = await _do(runtime, "case.refer", reference, case_referral_agency="police",
                    case_referral_date="31/02/2026")
    assert list(_error(day)) == [forms.REFERRAL_DATE]
    assert _error(day)[forms.REFERRAL_DATE].startswith("The referral's date: ")
    forged = await _do(runtime, "case.note", "{not a reference", case_note="A note")
    assert isinstance(forged.show, Card) and forged.tell == NOT_UNDERSTOOD
    assert await stored_entries(runtime, reference) == []


async def test_done_refused_and_replayed(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    done = await _do(runtime, "case.note", reference, "key-1", case_note="A note")
    assert done.tone == "success" and done.tell == f"Note #1 added to {reference}."
    assert isinstance(done.refresh, Card) and done.refresh.id == CASE_VIEW
    again = await _do(runtime, "case.note", reference, "key-1", case_note="A note")
    assert "already recorded" in _error(again)[forms.NOTE]
    refused = await _do(runtime, "case.note", reference, person="alex", case_note="A note")
    assert refused.refused and "You cannot add a note to" in (refused.tell or "")
    assert len(await stored_entries(runtime, reference)) == 1


async def test_the_case_card_offers_what_its_state_allows(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    opened = await _do(runtime, "case.open", reference)
    assert isinstance(opened.show, Card)
    actions = {b.action for b in opened.show.buttons()}
    assert {"case.note", "case.close", "case.feedback", "case.export"} <= actions
    assert "case.outcome" not in actions and "case.reopen" not in actions
    await _do(runtime, "case.refer", reference, case_referral_agency="police")
    await _do(runtime, "case.close", reference, case_close_outcome="referred",
              case_close_reason="Done")
    closed = await _do(runtime, "case.open", reference)
    assert isinstance(closed.show, Card)
    assert {b.action for b in closed.show.buttons()} == {"case.reopen", "case.export", "alert.hide"}
