"""Immediate danger in Teams over HTTP against the fake Bot Connector: yes on the first
question of the dialog alerts the leads at once (the alert reaches them before any other
answer), the dialog says so after the 999 guidance, and the rest completes the same case.
Cancel asks before it discards answers, and after an alert discards only the draft."""

import pytest
from sqlalchemy import func, select

from storage.models import Report
from tests.adapters.teams.driver import (
    Filler,
    action,
    closing,
    complete_report,
    dialog_card,
    texts,
)
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.test_checkins import cards_to, tick
from tests.adapters.teams.test_journey import channel_alert, install, start_report
from tests.conftest import KNOWN_CODE

REPORTER, LEAD, DEPUTY, CEO = "29:alex", "29:lead", "29:deputy", "29:ceo"
REFERENCE = f"SG-2026-{KNOWN_CODE}"
"""An immediate-danger alert is filed as a quick alert, so it takes a code (bot.references)."""
pytestmark = pytest.mark.usefixtures("known_code")


async def danger_yes(teams: Teams) -> tuple[dict, str]:
    """`report safeguarding`, then yes on the first card: (the card shown next, form id)."""
    await install(teams)
    for user in (DEPUTY, CEO):  # reachable: an undelivered alert would escalate at once
        await teams.post(teams.install_personal(user))
    card, form_id = await start_report(teams, REPORTER, "report safeguarding")
    step = action(card, "report.answer")
    assert step is not None and step["data"]["step"] == "immediate_danger"
    shown = dialog_card(await teams.submit(REPORTER, {**step["data"], "answer": "yes"}))
    return shown, form_id


async def reports_stored(teams: Teams) -> int:
    async with teams.runtime.database.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(Report)))
                   .scalar_one())


async def test_yes_alerts_the_lead_before_the_rest_of_the_answers(teams: Teams) -> None:
    card, _ = await danger_yes(teams)
    shown = texts(card)
    told = shown.index(f"The safeguarding lead has been alerted, {REFERENCE}")
    assert shown.index("999") < told
    step = action(card, "report.answer")
    assert step is not None and step["data"]["step"] == "occurred_at"

    await tick(teams)  # before any other answer
    alert, _ = channel_alert(teams)
    assert REFERENCE in texts(alert)
    [(to_lead, _)] = cards_to(teams, LEAD, verb="alert.ack")
    assert REFERENCE in texts(to_lead)

    filler = Filler({"immediate_danger": "yes"})
    done = await complete_report(teams, REPORTER, card, filler)
    assert f"the full record is now added to {REFERENCE}" in done.said
    await tick(teams)
    assert len(cards_to(teams, LEAD, verb="alert.ack")) == 1, "no second alert"
    assert cards_to(teams, LEAD, text="has added the full record")
    assert await reports_stored(teams) == 1
    posted = str([r.body for r in teams.connector.records
                  if r.conversation_id != personal_conversation(REPORTER)])
    assert not any(plant in posted for plant in filler.planted)


@pytest.mark.parametrize("how", ["typed", "button"])
async def test_cancel_asks_first_then_discards_only_the_draft(teams: Teams, how: str) -> None:
    card, _ = await danger_yes(teams)
    step = action(card, "report.answer")
    assert step is not None
    answered = dialog_card(await teams.submit(REPORTER, {
        **step["data"], "answer_date": "2026-03-13", "answer_time": "09:30"}))
    shown = [answered]

    async def cancel() -> str:
        if how == "typed":
            await teams.post(teams.message(REPORTER, "cancel"))
            return texts(teams.connector.records[-1].cards[0])
        pressed = await teams.submit(REPORTER, action(shown[-1], "report.cancel")["data"])
        if pressed["task"]["type"] == "continue":
            shown.append(dialog_card(pressed))
            return texts(shown[-1])
        return closing(pressed)

    asked = await cancel()
    assert f"Discard the draft of the full record for {REFERENCE} (1 answer)?" in asked
    assert "platform" in str(action(answered, "report.answer"))
    gone = await cancel()
    assert f"The draft of the full record was discarded. {REFERENCE} still stands" in gone
    assert "Your report was discarded" not in gone
    assert await reports_stored(teams) == 1
