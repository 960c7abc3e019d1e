"""A fourth kind of report, added as its flow file plus one registry entry, in Teams: its
button on the welcome card, `report` and its alias, answered in the dialog, submitted, and
the lead alerted with its prefix."""

import json

import pytest

from bot.flow.loader import FlowSet, load_flows
from tests.adapters.teams.driver import Filler, complete_report, sent_bodies, texts
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.test_journey import LEAD, REPORTER, channel_alert, install, start_report
from tests.kinds import FOURTH_KIND_FLOWS


@pytest.fixture
def flows() -> FlowSet:
    return load_flows(FOURTH_KIND_FLOWS)


async def test_a_fourth_kind_runs_end_to_end_in_teams(teams: Teams) -> None:
    await install(teams)
    welcome = teams.connector.sent_to(personal_conversation(REPORTER))[0]
    assert '"kind": "lost_device"' in json.dumps(welcome.cards[0]), "a button for the kind"
    card, _ = await start_report(teams, REPORTER, "report device")
    assert "When did you last have it?" in texts(card), "the alias opened the kind's flow"
    filler = Filler()
    finished = await complete_report(teams, REPORTER, card, filler)
    assert "LD-2026-0001" in finished.said and "Lost device" in texts(finished.card)
    await teams.deliver()
    alert, _ = channel_alert(teams)
    assert "LD-2026-0001" in texts(alert)
    lead_dm = teams.connector.sent_to(personal_conversation(LEAD))[-1]
    assert "LD-2026-0001" in texts(lead_dm.cards[0])
    for plant in filler.planted:
        assert plant not in sent_bodies(teams)
