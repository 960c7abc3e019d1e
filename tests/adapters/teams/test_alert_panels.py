"""The lead who pressed Acknowledge on Teams sees the alert with one green panel: the core's
note goes in the alert's own acknowledged panel, never in a second one under it."""

import json

from adapters.teams.dispatch import outcome_card
from bot.alert_cards import alert_card
from bot.ui.actions import Outcome
from tests.bot.test_alert_cards import DONE, TOLD, ZONE


def test_the_lead_who_pressed_sees_one_green_panel_on_teams() -> None:
    card = outcome_card(Outcome(tell=TOLD, tone="success", refresh=alert_card(DONE, ZONE, TOLD)))
    panels = [e for e in card["body"] if e.get("type") == "Container" and e.get("style") == "good"]
    assert len(panels) == 1 and TOLD in json.dumps(panels[0])
