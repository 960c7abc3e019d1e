"""Who reported, in Teams, over HTTP against the fake Bot Connector: the lead's private details
and case cards name the reporter and mention them (a click opens their profile, to chat with
them); no activity sent to a channel or a chat ever does."""

import json
from typing import Any

from jsonschema import Draft6Validator

from adapters.teams.cards import adaptive_card
from bot.alert_cards import details_card as core_details_card
from bot.reporter import reporter_info
from bot.ui import ReportDetails
from storage.models import Report
from tests.adapters.teams.driver import Filler, action, complete_report, texts
from tests.adapters.teams.harness import ALERTS, Teams
from tests.adapters.teams.schemas import check_card, spec_activity
from tests.adapters.teams.test_journey import (
    LEAD,
    REPORTER,
    channel_alert,
    file_report,
    install,
    start_report,
)
from tests.kinds import ReportKind

BOT_FRAMEWORK = "microsoft__botframework-sdk/schemas/protocol/botframework.json"
GUEST = "29:guest-sam"
CARD = "application/vnd.microsoft.card.adaptive"


def assert_mentions(card: dict[str, Any], user: str, name: str) -> None:
    """One mention of `user`, valid as a Bot Framework Mention, whose <at> text the card shows."""
    entities = card["msteams"]["entities"]
    assert entities == [{"type": "mention", "text": f"<at>{name}</at>",
                         "mentioned": {"id": user, "name": name}}]
    schema = spec_activity(BOT_FRAMEWORK)
    validator = Draft6Validator({"$ref": "#/definitions/Mention",
                                 "definitions": schema["definitions"]})
    assert not list(validator.iter_errors(entities[0]))
    assert card["msteams"]["width"] == "Full"
    assert f"**Contact:** <at>{name}</at>" in texts(card)
    check_card(card)


async def view_and_open(teams: Teams, reference: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The lead presses View details on the channel alert, then Open case."""
    await teams.deliver()
    _, alert_id = channel_alert(teams)
    thread = teams.channel(ALERTS, alert_id)
    data = {"reference": reference}
    details = await teams.press(LEAD, "alert.view", data, alert_id, thread)
    await teams.press(LEAD, "alert.ack", data, alert_id, thread)
    case = await teams.press(LEAD, "case.open", data, alert_id, thread)
    assert details["type"] == case["type"] == CARD
    return details["value"], case["value"]


def assert_nothing_sent_names_the_reporter(teams: Teams, user: str) -> None:
    assert teams.connector.records
    for record in teams.connector.records:
        sent = json.dumps(record.body)
        for shown in ("Reported by", "<at>", "(staff)", "(not in the config), on"):
            assert shown not in sent, (record.conversation_id, shown)
        assert '"mention"' not in sent, record.conversation_id
    assert not any(user in json.dumps(card) for r in teams.connector.records
                   for card in r.cards), "no card sent to Teams carries the reporter's id"


async def test_the_lead_sees_and_can_mention_who_reported(teams: Teams) -> None:
    await install(teams)
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    details, case = await view_and_open(teams, "SG-2026-0001")
    for card in (details, case):
        shown = texts(card)
        assert "Reported by: \nAT (staff), on Microsoft Teams" in shown, shown
        assert_mentions(card, REPORTER, "AT")
    assert action(details, "case.open") is not None
    await teams.deliver()
    assert_nothing_sent_names_the_reporter(teams, REPORTER)


async def test_a_guest_reporter_shows_as_a_guest_and_is_mentioned(teams: Teams) -> None:
    await install(teams)
    await teams.post(teams.install_personal(GUEST))
    card, _ = await start_report(teams, GUEST, "report incident")
    await complete_report(teams, GUEST, card, Filler())
    details, case = await view_and_open(teams, "OI-2026-0001")
    for shown in (details, case):
        assert "a guest (not in the config), on Microsoft Teams" in texts(shown)
        assert_mentions(shown, GUEST, "guest")
    await teams.deliver()
    assert_nothing_sent_names_the_reporter(teams, GUEST)


def _details(report: Report, config: Any) -> ReportDetails:
    return ReportDetails("SG-2026-0001", "Safeguarding concern", "submitted", "normal", False,
                         "Sat 14 Mar", None, None, reporter=reporter_info(config, report))


def test_reporters_from_elsewhere_are_mentioned_by_their_teams_id_or_named_plainly(
    example_config: Any,
) -> None:
    from_slack = Report(reporter_platform="slack", reporter_user_id="U0JO",
                        reporter_person_id="jo")
    card = teams_details_card(_details(from_slack, example_config), [])
    assert "JF (staff), on Slack" in texts(card)
    assert_mentions(card, "29:jo", "JF")
    slack_guest = Report(reporter_platform="slack", reporter_user_id="U0GUEST7",
                         reporter_person_id=None)
    card = teams_details_card(_details(slack_guest, example_config), [])
    assert "entities" not in card["msteams"] and "<at>" not in json.dumps(card)
    assert "Contact: \nSlack user U0GUEST7" in texts(card)
    check_card(card)


def teams_details_card(details: ReportDetails, top: list[Any]) -> dict[str, Any]:
    """The private details card as Teams shows it."""
    assert not top
    return adaptive_card(core_details_card(details))
