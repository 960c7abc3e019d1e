"""Who reported, in Slack, over HTTP against the fake Web API: the lead's private details modal
and case modal name the reporter with a mention (a click opens their profile, to message
them); no message to a channel or a DM ever does."""

import json
from typing import Any

from adapters.slack import ids
from adapters.slack.details_view import details_view
from bot.clock import ManualClock
from bot.details import view_details
from tests.adapters.slack.checks import MESSAGE_METHODS, text_objects
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report
from tests.adapters.slack.test_cases import acknowledged, open_case, tick
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

LEAD = "U0LEAD"
ALEX_LINE = "*Reported by:* AT (staff), on Slack · <@U0ALEX>"
GUEST = "U0GUEST7"
GUEST_LINE = f"*Reported by:* a guest (not in the config), on Slack · <@{GUEST}>"


def facts(view: dict[str, Any]) -> str:
    """The mrkdwn of a modal, as Slack would show it (mentions become names)."""
    return "\n".join(text_objects(view, "mrkdwn"))


def assert_no_message_names_the_reporter(slack: SlackApp, user: str) -> None:
    messages = [c for c in slack.fake.calls if c.method in MESSAGE_METHODS]
    assert messages, "alerts and DMs were sent"
    for call in messages:
        said = json.dumps({k: v for k, v in call.args.items() if k not in ("channel", "user")})
        for shown in (f"<@{user}>", "Reported by", "(staff)", "not in the config), on"):
            assert shown not in said, (call.method, call.args.get("channel"), shown)


async def test_the_lead_sees_who_reported_in_the_details_and_case_modals(
    slack: SlackApp, clock: ManualClock,
) -> None:
    reference = await acknowledged(slack, clock)  # filed by U0ALEX
    case = await open_case(slack, reference)
    assert ALEX_LINE in facts(case)
    details = next(c.args["view"] for c in slack.fake.called("views.open")
                   if c.args["view"]["callback_id"] == ids.DETAILS_VIEW)
    assert ALEX_LINE in facts(details)
    shown = facts(details)
    assert shown.index("*Recorded*") < shown.index(ALEX_LINE)
    await tick(slack)
    assert_no_message_names_the_reporter(slack, "U0ALEX")


async def test_a_guest_reporter_shows_as_a_guest_with_a_mention(
    slack: SlackApp, clock: ManualClock,
) -> None:
    reference = await report(slack, clock, GUEST, "incident", [])
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS" and reference in c.args["text"])
    await slack.driver.press_on_message(LEAD, ids.VIEW_DETAILS, reference, "C0ALERTS",
                                        alert.response["ts"])
    details = slack.driver.view_of(LEAD)
    assert details["callback_id"] == ids.DETAILS_VIEW and GUEST_LINE in facts(details)
    assert_no_message_names_the_reporter(slack, GUEST)


async def test_a_reporter_from_another_platform_is_mentioned_by_their_slack_id(
    slack: SlackApp,
) -> None:
    receipt = await file_report(slack.runtime, actor(slack.runtime, "jo"),
                                ReportKind.SAFEGUARDING_CONCERN)  # at the console
    found = await view_details(slack.runtime, actor(slack.runtime, "lead"), receipt.reference)
    assert found is not None
    assert "*Reported by:* JF (staff), on the console · <@U0JO>" in facts(
        details_view(found).to_dict())
