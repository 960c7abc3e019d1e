"""An acknowledged alert: one heading that says so, and one panel (the presser's note in it)."""

import json
from zoneinfo import ZoneInfo

from bot.alert_cards import alert_card
from bot.notifications import AlertMessage
from bot.ui.cards import Heading, Panel

ZONE = ZoneInfo("Europe/London")
TOLD = ("You have acknowledged SG-2026-0001. The reporter and the others alerted are being "
        "told, and the alert will show that you have it.")
DONE = AlertMessage("SG-2026-0001", "Safeguarding concern", "high", "2026-03-14T10:00:00+00:00",
                    acknowledged_by="SO", acknowledged_at="2026-03-14T10:02:00+00:00",
                    seconds_to_acknowledge=120)


def test_an_acknowledged_alert_has_one_heading_and_one_panel() -> None:
    shown = alert_card(DONE, ZONE, TOLD)
    headings = [b for b in shown.blocks if isinstance(b, Heading)]
    panels = [b for b in shown.blocks if isinstance(b, Panel)]
    assert [h.text for h in headings] == ["Safeguarding concern SG-2026-0001: acknowledged"]
    assert len(panels) == 1 and panels[0].tone == "success"
    assert "Acknowledged by SO" in json.dumps(str(panels[0])) and TOLD in str(panels[0])
    assert "acknowledged" in shown.summary and "needs" not in shown.summary
    assert not shown.buttons()
