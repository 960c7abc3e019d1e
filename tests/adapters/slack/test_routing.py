"""The routing promise over Slack: with the lead and the deputy away (`/away`), a concern about
the CEO (the fallback role) is sent at once as a direct message to the data-protection lead,
and the receipt names neither the CEO nor the roles nobody available holds."""

from adapters.slack import ids
from bot.clock import ManualClock
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report
from tests.adapters.slack.test_away import alerted, command


async def test_with_both_leads_away_a_concern_about_the_ceo_reaches_the_data_protection_lead(
    slack: SlackApp, clock: ManualClock,
) -> None:
    for lead in ("U0LEAD", "U0DEPUTY"):
        assert "marked away" in (await command(slack, lead, ids.AWAY_COMMAND, "3d"))["text"]
    before = len(slack.fake.calls)
    await report(slack, clock, "U0ALEX", "safeguarding", [],
                 {"about_staff": "yes", "about_staff_person": "ceo"})
    view = slack.driver.view_of("U0ALEX")
    assert view["callback_id"] == ids.DONE_VIEW
    receipt = str(view["blocks"])
    await slack.deliver()
    assert alerted(slack, before) == {"U0DPL"}
    assert "CEO" not in receipt and "data protection lead" in receipt
    assert "The right people are being alerted now." in receipt
    dms = [c for c in slack.fake.calls[before:] if c.method == "chat.postMessage"]
    assert not [c for c in dms if c.args["channel"] in ("U0CEO", "U0LEAD", "U0DEPUTY")]
