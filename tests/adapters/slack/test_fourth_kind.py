"""A fourth kind of report, added as its flow file plus one registry entry, over Slack:
/report by its alias, answered in the modal, submitted, and the lead alerted with its prefix."""

import json

import pytest

from bot.clock import ManualClock
from bot.flow.loader import FlowSet, load_flows
from tests.adapters.slack.checks import assert_no_content
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report
from tests.kinds import FOURTH_KIND_FLOWS


@pytest.fixture
def flows() -> FlowSet:
    return load_flows(FOURTH_KIND_FLOWS)


async def test_a_fourth_kind_runs_end_to_end_over_slack(slack: SlackApp,
                                                        clock: ManualClock) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0ALEX", "device", planted)
    assert reference == "LD-2026-0001"
    assert planted, "the journey answered the flow's free-text question"
    assert await slack.deliver() > 0
    posts = slack.fake.called("chat.postMessage")
    assert {c.args["channel"] for c in posts} == {"C0ALERTS", "U0LEAD", "U0DPL", "U0ALEX"}
    lead = next(c for c in posts if c.args["channel"] == "U0LEAD")
    assert reference in json.dumps(lead.args) and "Lost device" in json.dumps(lead.args)
    assert_no_content(slack.fake.calls, planted)

