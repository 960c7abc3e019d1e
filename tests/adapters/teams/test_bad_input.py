"""Bad input never reaches a 500: malformed bodies, odd activities, tampered card data."""

import copy
import json

import pytest

from tests.adapters.teams.driver import (
    action,
    closing,
    dialog_card,
    inputs,
    opens_dialog,
    texts,
    walk,
)
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.schemas import spec_activity

ALEX = "29:alex"


@pytest.mark.parametrize("body, status", [
    ("{not json", 400), ("[1, 2]", 400), ('"text"', 400), ("{}", 400),
    ('{"type": "somethingNew", "id": "1"}', 400),
    ('{"type": "message", "text": "hi"}', 400),
    ('{"type": "message", "from": "nobody", "conversation": 7}', 400),
    ('{"type": ["message"], "from": {"id": 5}}', 400),
])
async def test_malformed_bodies_get_4xx(teams: Teams, body: str, status: int) -> None:
    try:
        parsed = json.loads(body)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):  # authenticated, so that the parsing is what is tested
        parsed.update(channelId="msteams", serviceUrl=teams.connector.service_url)
        body = json.dumps(parsed)
    token = teams.connector.token()
    response = await teams.client.post("/api/messages", data=body, headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    assert response.status == status
    assert teams.connector.records == []


async def test_wrong_content_type(teams: Teams) -> None:
    response = await teams.client.post("/api/messages", data="type=message",
                                       headers={"Content-Type": "text/plain"})
    assert response.status == 415


async def test_known_but_unhandled_activities_are_ignored(teams: Teams) -> None:
    for kind in ("typing", "messageReaction", "event", "endOfConversation"):
        await teams.post(teams.base(kind, ALEX, teams.personal(ALEX)))
    assert teams.connector.records == []


async def test_odd_invokes_get_an_error_body_not_500(teams: Teams) -> None:
    other = teams.base("invoke", ALEX, teams.personal(ALEX))
    other["name"] = "composeExtension/query"
    assert (await teams.post(other))["statusCode"] == 400
    broken = teams.invoke(ALEX, "report.answer", {}, "m1")
    broken["value"] = {"action": "nope"}
    assert (await teams.post(broken))["statusCode"] == 400
    unknown = await teams.press(ALEX, "launch.rockets", {}, "m1")
    assert unknown["type"] == "application/vnd.microsoft.activity.message"


async def test_alert_buttons_with_missing_or_foreign_references(teams: Teams) -> None:
    missing = await teams.press("29:lead", "alert.ack", {}, "m1")
    assert missing["type"] == "application/vnd.microsoft.activity.message"
    for reference in ("SG-2026-0099", "x" * 300, "' OR 1=1 --"):
        refused = await teams.press("29:lead", "alert.view", {"reference": reference}, "m1")
        body = json.dumps(refused)
        assert "Not available" in body or "no valid report reference" in body


async def open_form(teams: Teams, text: str = "report") -> tuple[dict, str]:
    """Type `report` and open the dialog from the start card: (first card, start card id)."""
    await teams.post(teams.message(ALEX, text))
    start = teams.connector.records[-1]
    opener = action(start.cards[0], "report.open")
    return dialog_card(await teams.fetch(ALEX, opener["data"], start.new_id)), start.new_id


async def test_a_redelivered_activity_is_a_no_op(teams: Teams) -> None:
    card, _ = await open_form(teams)
    first = action(card, "report.answer")
    press = teams.task(ALEX, "task/submit", {**first["data"], "answer": "safeguarding_concern"})
    answered = await teams.post(press)
    assert "Question 1 of" in texts(dialog_card(answered))
    again = await teams.post(copy.deepcopy(press))
    assert again == {"task": {"type": "message", "value": "Already handled."}}
    retried_message = teams.message(ALEX, "report")
    await teams.post(retried_message)
    count = len(teams.connector.records)
    await teams.post(retried_message)
    assert len(teams.connector.records) == count


async def test_an_old_card_changes_nothing(teams: Teams) -> None:
    form, _ = await open_form(teams)
    chooser = action(form, "report.answer")["data"]
    card = dialog_card(await teams.submit(ALEX, {**chooser, "answer": "operational_incident"}))
    current = action(card, "report.answer")["data"]["step"]
    stale = dialog_card(await teams.submit(ALEX, {**chooser, "answer": "yes"}))
    assert "out of date" in texts(stale)
    assert action(stale, "report.answer")["data"]["step"] == current
    forged = dialog_card(await teams.submit(ALEX, {"verb": "report.answer", "step": 7,
                                                   "answer": "x"}))
    assert "out of date" in texts(forged)
    early = dialog_card(await teams.submit(ALEX, {"verb": "report.submit"}))
    assert "remaining questions" in texts(early)


async def test_typed_text_is_never_read_as_markdown(teams: Teams) -> None:
    card, _ = await open_form(teams, "report incident")
    tricky = "**bold** [click](https://evil.example) <at>Everyone</at> _x_"
    for _ in range(30):
        button = action(card, "report.answer")
        if button is None:
            break
        data = dict(button["data"])
        for element in inputs(card):
            if element["type"] == "Input.ChoiceSet":
                options = [c["value"] for c in element["choices"]]
                data[element["id"]] = "no" if "no" in options else options[0]
            elif element["type"] == "Input.Date":
                data[element["id"]] = "2026-03-13"
            elif element["type"] == "Input.Time":
                data[element["id"]] = "09:30"
            elif data["field"] == "initials":
                data[element["id"]] = "AB"
            else:
                data[element["id"]] = tricky
        card = dialog_card(await teams.submit(ALEX, data))
    assert action(card, "report.submit"), texts(card)
    for element in walk(card["body"]):
        if element.get("type") in ("TextBlock", "FactSet"):
            assert "evil.example" not in json.dumps(element), element
    assert "evil.example" in json.dumps(card), "shown, but only as plain TextRuns"
    assert all("evil.example" not in json.dumps(r.body) for r in teams.connector.records)


async def test_typing_during_a_report_shows_the_start_card_again(teams: Teams) -> None:
    card, _ = await open_form(teams)
    chooser = action(card, "report.answer")["data"]
    await teams.submit(ALEX, {**chooser, "answer": "operational_incident"})
    await teams.post(teams.message(ALEX, "my secret answer typed here"))
    reply = teams.connector.records[-1]
    assert "Please answer in the report form" in texts(reply.cards[0])
    assert "my secret answer" not in json.dumps(reply.body), "typed text is not echoed"
    opener = action(reply.cards[0], "report.resume")
    assert opener and opens_dialog(opener) and not inputs(reply.cards[0])
    resumed = dialog_card(await teams.fetch(ALEX, opener["data"], reply.new_id))
    assert action(resumed, "report.answer")["data"]["step"] != "kind", "where it stopped"
    await teams.post(teams.message(ALEX, "cancel"))
    assert "discarded" in texts(teams.connector.records[-1].cards[0])


async def test_reports_are_never_started_in_a_channel(teams: Teams) -> None:
    response = await teams.press("29:alex", "report.start", {}, "m1", teams.channel())
    assert "personal chat" in response["value"]
    for name in ("task/fetch", "task/submit"):
        dialog = await teams.post(teams.task(ALEX, name, {"verb": "report.open"}, "m1",
                                             teams.channel()))
        assert "personal chat" in closing(dialog)
    mention = teams.base("message", ALEX, teams.channel(message_id="m9"))
    mention["text"] = "<at>Safeguarding</at> report"
    await teams.post(mention)
    [reply] = teams.connector.records
    assert "personal chat" in texts(reply.cards[0]) and not action(reply.cards[0],
                                                                     "report.answer")


@pytest.mark.parametrize("fixture", [
    "microsoft__teams.net/activities/teams_message_channel_mention.json",
    "microsoft__teams.net/activities/teams_invoke_adaptiveCard_action.json",
    "microsoft__teams.net/activities/teams_conversationUpdate_fixture.json",
    "MicrosoftDocs__msteams-docs/activities/teams_conversationUpdate_bot_added_personal.json",
    "MicrosoftDocs__msteams-docs/activities/teams_conversationUpdate_bot_added_to_team.json",
])
async def test_real_teams_activities_are_understood(teams: Teams, fixture: str) -> None:
    activity = spec_activity(fixture)
    activity["serviceUrl"] = teams.connector.service_url
    activity.setdefault("channelData", {})["tenant"] = {"id": teams_tenant()}
    activity.setdefault("id", "f:fixture")
    response = await teams.post(activity)
    if activity["type"] == "invoke":
        assert response["type"] == "application/vnd.microsoft.error"  # it has no verb
    teams.check_all_cards()
    assert personal_conversation("29:x")  # the helper stays importable for other tests


def teams_tenant() -> str:
    from tests.adapters.teams.fake_connector import TENANT

    return TENANT
