"""A check-in typed for out of hours, over HTTP against the fake Bot Connector: `debrief alex
sunday 10:00` answers with the schedule card filled in, the core's question and a toggle; the
card's Schedule asks the same until the toggle is on; then it is scheduled for that time."""

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.teams.forms import TIME_SUFFIX as TIME
from bot.checkins.arrange import CONFIRM, CONFIRMED, WHEN
from bot.checkins.cards import ARRANGE
from bot.checkins.out_of_hours import CONFIRM_LABEL
from bot.clock import ManualClock
from bot.runtime import Runtime
from tests.adapters.teams.conftest import ENVIRON, start_teams
from tests.adapters.teams.driver import action, texts
from tests.adapters.teams.fake_connector import FakeConnector
from tests.adapters.teams.harness import Teams
from tests.adapters.teams.test_checkins import ALEX, MANAGER, cards_to, tick
from tests.bot.working_time.helpers import office

SUNDAY = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
QUESTION = "is a Sunday, outside working hours (Mon–Fri 09:00–17:00"


@pytest.fixture
async def office_teams(teams_runtime: Runtime, connector: FakeConnector
                       ) -> AsyncIterator[Teams]:
    """Teams with the example config as it ships: routine messages wait for working hours."""
    harness, client = await start_teams(dataclasses.replace(teams_runtime, config=office()),
                                        connector, ENVIRON)
    yield harness
    await client.close()


def toggle(card: dict[str, Any]) -> dict[str, Any] | None:
    found = [e for e in _walk(card.get("body", [])) if e.get("id") == CONFIRM]
    return found[0] if found else None


def _walk(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for element in elements:
        out.append(element)
        out.extend(_walk(element.get("items", [])))
    return out


def value_of(card: dict[str, Any], input_id: str) -> Any:
    return next(e.get("value") for e in _walk(card["body"]) if e.get("id") == input_id)


async def test_typed_debrief_for_a_sunday_asks_then_schedules_when_confirmed(
    office_teams: Teams, clock: ManualClock
) -> None:
    teams = office_teams
    for user in (ALEX, MANAGER):
        await teams.post(teams.install_personal(user))
    await teams.post(teams.message(MANAGER, "debrief alex sunday 10:00"))
    assert not cards_to(teams, MANAGER, text="Scheduled")
    [(form, form_id)] = cards_to(teams, MANAGER, ARRANGE)
    assert QUESTION in texts(form) and "Mon 16 Mar 2026, 09:00" in texts(form)
    switch = toggle(form)
    assert switch is not None and switch["title"] == CONFIRM_LABEL
    assert (value_of(form, WHEN), value_of(form, WHEN + TIME)) == (
        "2026-03-15", "10:00")

    schedule = action(form, ARRANGE)
    assert schedule is not None
    data = {**schedule["data"], WHEN: "2026-03-15", WHEN + TIME: "10:00",
            "note": "after the group", CONFIRM: ""}
    again = (await teams.press(MANAGER, ARRANGE, data, form_id))["value"]
    assert QUESTION in texts(again) and toggle(again) is not None
    assert value_of(again, "note") == "after the group"
    done = await teams.press(MANAGER, ARRANGE, {**data, CONFIRM: CONFIRMED}, form_id)
    assert "Scheduled AT's wellbeing check-in for Sun 15 Mar 2026, 10:00" in texts(done["value"])

    clock.advance(SUNDAY - clock.now())
    await tick(teams)
    assert len(cards_to(teams, ALEX, "checkin.start")) == 1, "confirmed: it goes on Sunday"
    teams.check_all_cards()


async def test_3am_from_the_card_asks_and_a_working_time_does_not(office_teams: Teams) -> None:
    teams = office_teams
    for user in (ALEX, MANAGER):
        await teams.post(teams.install_personal(user))
    await teams.post(teams.message(MANAGER, "debrief alex"))
    [(form, form_id)] = cards_to(teams, MANAGER, ARRANGE)
    assert toggle(form) is None, "nothing to confirm before a time is chosen"
    data = {**action(form, ARRANGE)["data"], WHEN: "2026-03-17",
            WHEN + TIME: "03:00"}
    asked = (await teams.press(MANAGER, ARRANGE, data, form_id))["value"]
    assert "before the working day starts at 09:00" in texts(asked) and toggle(asked)
    fine = {**data, WHEN + TIME: "10:30"}
    done = await teams.press(MANAGER, ARRANGE, fine, form_id)
    assert "Scheduled AT's wellbeing check-in for Tue 17 Mar 2026, 10:30" in texts(done["value"])
    await teams.post(teams.message(MANAGER, "debrief alex tuesday 11:00"))
    assert cards_to(teams, MANAGER, text="Scheduled AT's wellbeing check-in for Tue 17 Mar")
    teams.check_all_cards()
