"""Wellbeing check-ins over HTTP against the fake Bot Connector: the offer after a report →
a manager schedules from the request card (date and time inputs) → delivered on time in the
person's zone → answered on cards → what the manager sees; the reminder and no-response path."""

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from adapters.teams.forms import TIME_SUFFIX as TIME
from bot.checkins.arrange import WHEN
from bot.checkins.cards import ARRANGE, OFFER_NOT_NOW, OFFER_YES
from bot.checkins.settings import WellbeingSettings
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.adapters.teams.conftest import ENVIRON, start_teams
from tests.adapters.teams.driver import Filler, action, texts
from tests.adapters.teams.fake_connector import FakeConnector
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.test_journey import file_report
from tests.kinds import ReportKind

ALEX, MANAGER, LEAD, DEPUTY, JO = "29:alex", "29:manager", "29:lead", "29:deputy", "29:jo"
NOTE = "Shared with my manager: Curlew-8841"


@pytest.fixture
async def teams_ny(teams_runtime: Runtime, connector: FakeConnector) -> AsyncIterator[Teams]:
    """Teams where Jo works in New York."""
    merged = {**teams_runtime.config.wellbeing.model_dump(),
              "timezones": {"jo": "America/New_York"}}
    config = teams_runtime.config.model_copy(update={"wellbeing": WellbeingSettings(**merged)})
    harness, client = await start_teams(dataclasses.replace(teams_runtime, config=config),
                                        connector, ENVIRON)
    yield harness
    await client.close()


async def tick(teams: Teams) -> None:
    for _ in range(10):
        fired = await run_due_timers(teams.runtime, default_handlers())
        if not fired and not await teams.deliver():
            return


def cards_to(teams: Teams, user: str, verb: str | None = None, text: str = ""
             ) -> list[tuple[dict[str, Any], str]]:
    """(card, message id) of everything posted to this person's chat, optionally filtered."""
    found = []
    for record in teams.connector.sent_to(personal_conversation(user)):
        for card in record.cards:
            if (verb is None or action(card, verb)) and text in texts(card) and record.new_id:
                found.append((card, record.new_id))
    return found


async def answer_cards(teams: Teams, user: str, card: dict[str, Any], form: str,
                       answers: dict[str, Any]) -> dict[str, Any]:
    for _ in range(12):
        button = action(card, "checkin.answer")
        if button is None:
            return card
        step = button["data"]["step"]
        data = {**button["data"], "answer": answers.get(step)}
        card = (await teams.press(user, "checkin.answer", data, form))["value"]
    raise AssertionError("the check-in never ended")


async def test_offer_schedule_deliver_answer_and_what_the_manager_sees(
    teams: Teams, clock: ManualClock
) -> None:
    for user in (ALEX, MANAGER, LEAD):
        await teams.post(teams.install_personal(user))
    await file_report(teams, ReportKind.OPERATIONAL_INCIDENT, Filler())
    await tick(teams)
    [(offer, offer_id)] = cards_to(teams, ALEX, OFFER_YES)
    assert "Report submitted" not in texts(offer), "the receipt was already on the form card"
    yes = action(offer, OFFER_YES)
    answer = await teams.press(ALEX, OFFER_YES, yes["data"], offer_id)
    assert "MH has been asked" in texts(answer["value"])
    assert not action(answer["value"], OFFER_NOT_NOW), "answered: the offer is replaced"
    await tick(teams)
    [(request, request_id)] = cards_to(teams, MANAGER, ARRANGE)
    assert "AT would like someone to check in" in texts(request)

    opened = await teams.press(MANAGER, ARRANGE, action(request, ARRANGE)["data"], request_id)
    schedule = action(opened["value"], ARRANGE)  # one click: the form, the person filled in
    data = {**schedule["data"], WHEN: "2026-03-16", WHEN + TIME: "15:30",
            "note": "After the Tuesday group"}
    done = await teams.press(MANAGER, ARRANGE, data, request_id)
    assert "Scheduled AT's wellbeing check-in for Mon 16 Mar 2026, 15:30" in texts(done["value"])
    await tick(teams)
    clock.advance(datetime(2026, 3, 16, 15, 29, tzinfo=UTC) - clock.now())
    await tick(teams)
    assert not cards_to(teams, ALEX, "checkin.start", "MH asked")
    clock.advance(timedelta(minutes=1))
    await tick(teams)
    [(due, due_id)] = cards_to(teams, ALEX, "checkin.start", "MH asked")

    first = await teams.press(ALEX, "checkin.start", action(due, "checkin.start")["data"], due_id)
    assert "After the Tuesday group" in texts(first["value"])
    end = await answer_cards(teams, ALEX, first["value"], due_id, {
        "how_are_you": "2", "talk_to": "manager", "add_note": "yes", "note": NOTE,
        "share_note": "yes"})
    assert "Samaritans" in texts(end)
    await tick(teams)
    [(outcome, outcome_id)] = cards_to(teams, MANAGER, "checkin.read")
    shown = texts(outcome)
    assert "asked to talk to you" in shown and "low score" in shown and NOTE not in shown

    read = action(outcome, "checkin.read")["data"]
    refused = await teams.press(LEAD, "checkin.read", read, outcome_id)
    assert NOTE not in texts(refused["value"]) and "Only whoever arranged" in texts(
        refused["value"])
    private = await teams.press(MANAGER, "checkin.read", read, outcome_id)
    assert NOTE in texts(private["value"])
    for record in teams.connector.records:
        assert all(NOTE not in texts(card) for card in record.cards)
    teams.check_all_cards()


async def test_typed_debrief_then_a_reminder_then_no_response(teams: Teams,
                                                              clock: ManualClock) -> None:
    for user in (ALEX, MANAGER):
        await teams.post(teams.install_personal(user))
    await teams.post(teams.message(MANAGER, "debrief alex in 1 hour"))
    assert cards_to(teams, MANAGER, text="Scheduled AT's wellbeing check-in")
    clock.advance(timedelta(hours=1))
    await tick(teams)
    clock.advance(timedelta(days=1))
    await tick(teams)
    assert len(cards_to(teams, ALEX, "checkin.start")) == 2
    assert cards_to(teams, ALEX, "checkin.start", "gentle reminder")
    clock.advance(timedelta(days=1))
    await tick(teams)
    assert len(cards_to(teams, MANAGER, text="no response")) == 1
    teams.check_all_cards()


async def test_refusals_are_clear_and_the_list_cancels(teams: Teams, clock: ManualClock) -> None:
    for user in (ALEX, MANAGER, LEAD):
        await teams.post(teams.install_personal(user))
    await teams.post(teams.message(LEAD, "debrief alex tomorrow 10:00"))
    assert cards_to(teams, LEAD, text="Only AT's manager or the wellbeing lead")
    await teams.post(teams.message(MANAGER, "debrief bob tomorrow"))
    assert cards_to(teams, MANAGER, text="'bob' is not someone")
    await teams.post(teams.message(MANAGER, "debrief alex yesterday 10:00"))
    assert cards_to(teams, MANAGER, text="has already passed")
    await teams.post(teams.message(MANAGER, "debrief alex tomorrow 16:00"))
    await teams.post(teams.message(MANAGER, "debrief list"))
    [(listed, list_id)] = cards_to(teams, MANAGER, "checkin.cancel")
    cancelled = await teams.press(MANAGER, "checkin.cancel",
                                  action(listed, "checkin.cancel")["data"], list_id)
    assert "cancelled" in texts(cancelled["value"])
    await tick(teams)
    assert cards_to(teams, ALEX, text="MH cancelled your wellbeing check-in")


async def test_date_and_time_are_read_in_the_persons_own_time_zone(
    teams_ny: Teams, clock: ManualClock
) -> None:
    for user in (JO, DEPUTY):
        await teams_ny.post(teams_ny.install_personal(user))
    await teams_ny.post(teams_ny.message(DEPUTY, "debrief jo"))
    [(form, form_id)] = cards_to(teams_ny, DEPUTY, ARRANGE)
    assert "America/New_York" in texts(form)
    data = {**action(form, ARRANGE)["data"], WHEN: "2026-03-15", WHEN + TIME: "16:00"}
    await teams_ny.press(DEPUTY, ARRANGE, data, form_id)
    clock.advance(datetime(2026, 3, 15, 19, 59, tzinfo=UTC) - clock.now())
    await tick(teams_ny)
    assert not cards_to(teams_ny, JO, "checkin.start")
    clock.advance(timedelta(minutes=1))  # 16:00 in New York is 20:00 UTC
    await tick(teams_ny)
    assert len(cards_to(teams_ny, JO, "checkin.start")) == 1
