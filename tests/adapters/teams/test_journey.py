"""The whole journey over HTTP: install, report each kind, alert, acknowledge, refusals."""

import pytest
from sqlalchemy import select

from storage.models import AuditEvent, OutboxMessage
from tests.adapters.teams.driver import (
    Filler,
    action,
    complete_report,
    dialog_card,
    opens_dialog,
    sent_bodies,
    texts,
)
from tests.adapters.teams.harness import ALERTS, Teams, personal_conversation
from tests.kinds import ReportKind

REPORTER, LEAD, DEPUTY, OUTSIDER = "29:alex", "29:lead", "29:deputy", "29:stranger"


async def install(teams: Teams) -> None:
    await teams.post(teams.install_team(LEAD))
    for user in (REPORTER, LEAD):
        await teams.post(teams.install_personal(user))


async def start_report(teams: Teams, user: str, text: str = "report") -> tuple[dict, str]:
    """Type `report` and open the form from the start card the chat gets; returns the
    dialog's first card and the start card's message id."""
    before = len(teams.connector.records)
    await teams.post(teams.message(user, text))
    posted = teams.connector.records[before:]
    assert posted and posted[-1].method == "POST"
    start = posted[-1].cards[0]
    assert not action(start, "report.answer"), "no question in the chat"
    opener = action(start, "report.open")
    assert opener and opens_dialog(opener), texts(start)
    card = dialog_card(await teams.fetch(user, opener["data"], posted[-1].new_id))
    return card, posted[-1].new_id


async def file_report(teams: Teams, kind: ReportKind, filler: Filler,
                      practice: bool = False) -> tuple[dict, str]:
    """A report of this kind, from typed `report` to the receipt that replaces the start
    card; returns the receipt and the start card's message id."""
    card, form_id = await start_report(teams, REPORTER,
                                       "report practice" if practice else "report")
    chooser = action(card, "report.answer")["data"]
    first = dialog_card(await teams.submit(REPORTER, {**chooser, "answer": kind.value}))
    finished = await complete_report(teams, REPORTER, first, filler)
    assert kind.prefix in finished.said and "receipt" in finished.said
    return finished.card, form_id


def channel_alert(teams: Teams) -> tuple[dict, str]:
    [record] = [r for r in teams.connector.sent_to(ALERTS) if r.method == "POST"
                and action(r.cards[0], "alert.ack")]
    return record.cards[0], record.new_id


@pytest.mark.parametrize("kind", list(ReportKind))
async def test_report_alert_acknowledge_journey(teams: Teams, kind: ReportKind) -> None:
    await install(teams)
    greetings = teams.connector.records[:]
    assert [r.conversation_id for r in greetings] == [
        ALERTS, personal_conversation(REPORTER), personal_conversation(LEAD)]

    filler = Filler()
    receipt, form_id = await file_report(teams, kind, filler)
    assert "Report submitted" in texts(receipt) and kind.prefix + "-2026-0001" in texts(receipt)
    replaced = teams.connector.records[-1]
    assert (replaced.method, replaced.activity_id) == ("PUT", form_id)
    assert replaced.cards[0] == receipt, "the start card itself becomes the receipt"
    private_until = len(teams.connector.records)
    for plant in filler.planted:
        assert plant not in sent_bodies(teams), "no answer in any message, posted or edited"

    await teams.deliver()
    reference = f"{kind.prefix}-2026-0001"
    alert, alert_id = channel_alert(teams)
    assert reference in texts(alert) and action(alert, "alert.view")
    lead_dm = teams.connector.sent_to(personal_conversation(LEAD))[-1]
    assert reference in texts(lead_dm.cards[0])
    receipts = [r for r in teams.connector.sent_to(personal_conversation(REPORTER))
                if "Receipt" in texts(r.cards[0])]
    assert receipts == [], "the form was already replaced by the receipt: no second one"
    thread = teams.channel(ALERTS, alert_id)

    refused = await teams.press(OUTSIDER, "alert.ack", {"reference": reference}, alert_id,
                                thread)
    assert "Not available to you" in texts(refused["value"])
    peek = await teams.press(REPORTER, "alert.view", {"reference": reference}, alert_id,
                             thread)
    assert "Not available to you" in texts(peek["value"])

    details = await teams.press(LEAD, "alert.view", {"reference": reference}, alert_id, thread)
    shown = texts(details["value"])
    assert "Private" in shown and all(p in shown for p in filler.planted)

    acked = await teams.press(LEAD, "alert.ack", {"reference": reference}, alert_id, thread)
    assert "You have acknowledged" in texts(acked["value"])
    assert not action(acked["value"], "alert.ack"), "no Acknowledge button once acknowledged"
    again = await teams.press(LEAD, "alert.ack", {"reference": reference}, alert_id, thread)
    assert "already acknowledged" in texts(again["value"])

    await teams.deliver()
    [edit] = [r for r in teams.connector.sent_to(ALERTS) if r.method == "PUT"]
    assert edit.activity_id == alert_id
    assert edit.body["summary"] == f"{reference} acknowledged by SO (safeguarding lead)"
    assert "Acknowledged by SO" in texts(edit.cards[0]) and not action(edit.cards[0],
                                                                         "alert.ack")
    told = teams.connector.sent_to(personal_conversation(REPORTER))[-1]
    assert "has been acknowledged by SO" in texts(told.cards[0])

    teams.check_all_cards()
    public = teams.connector.records[private_until:]
    for record in public:
        for plant in filler.planted:
            assert plant not in str(record.body), (record.conversation_id, plant)
    for plant in filler.planted:
        assert plant not in str(refused) + str(peek) + str(acked) + str(receipt)

    async with teams.runtime.database.sessions() as session:
        actions = (await session.scalars(select(AuditEvent.action))).all()
        rows = (await session.scalars(select(OutboxMessage))).all()
    assert actions.count("report_viewed") == 1 and actions.count("view_refused") == 1
    assert "acknowledge_refused" in actions
    deputy = [r for r in rows if r.destination == DEPUTY and r.event == "alert"]
    assert [r.status for r in deputy] == ["failed"], "never installed: only the channel has it"
    assert all(r.authorization == "Bearer bot-token-1" for r in teams.connector.records)


async def test_practice_report_alerts_only_the_reporter(teams: Teams) -> None:
    await install(teams)
    receipt, _ = await file_report(teams, ReportKind.OPERATIONAL_INCIDENT, Filler(),
                                   practice=True)
    assert "practice" in texts(receipt).lower()
    await teams.deliver()
    assert [r for r in teams.connector.sent_to(ALERTS) if r.method == "POST"][1:] == []
    alert = teams.connector.sent_to(personal_conversation(REPORTER))[-1].cards[0]
    assert "Practice alert" in texts(alert) and not alert.get("actions")
    teams.check_all_cards()


async def test_deputy_with_admin_installed_app_gets_a_new_chat(teams: Teams) -> None:
    teams.connector.installed_for.add(DEPUTY)
    await install(teams)
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    await teams.deliver()
    [dm] = teams.connector.sent_to(f"a:chat-with-{DEPUTY}")
    assert "SG-2026-0001" in texts(dm.cards[0])
