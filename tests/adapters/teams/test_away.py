"""`away until DATE`, `away 3d` and `back` typed in a personal chat: new alerts skip whoever is
away and reach them again once they are back. Replies name no report."""

import json

from sqlalchemy import select

from adapters.teams.package import MANIFEST_DIR
from storage.models import Absence, OutboxMessage
from tests.adapters.teams.driver import Filler, texts
from tests.adapters.teams.harness import ALERTS, Teams, personal_conversation
from tests.adapters.teams.schemas import check_manifest
from tests.adapters.teams.test_journey import file_report, install
from tests.kinds import ReportKind

LEAD, OUTSIDER = "29:lead", "29:stranger"


async def say(teams: Teams, user: str, text: str) -> str:
    """Type in the personal chat; returns the text of the one card the bot replied with."""
    before = len(teams.connector.records)
    await teams.post(teams.message(user, text))
    [reply] = teams.connector.records[before:]
    assert reply.conversation_id == personal_conversation(user) and reply.method == "POST"
    return texts(reply.cards[0])


async def alerted(teams: Teams) -> set[str]:
    """Who the latest report's alerts went to (people, not the channel)."""
    async with teams.runtime.database.sessions() as session:
        rows = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.event == "alert").order_by(OutboxMessage.id))).all()
    latest = max(row.report_id or 0 for row in rows)
    return {row.recipient_person_id or "" for row in rows
            if row.report_id == latest and row.recipient_person_id}


async def absences(teams: Teams) -> list[Absence]:
    async with teams.runtime.database.sessions() as session:
        return list((await session.scalars(select(Absence))).all())


async def test_away_skips_the_lead_and_back_ends_it(teams: Teams) -> None:
    await install(teams)
    said = await say(teams, LEAD, "away until 2026-03-20")
    assert "You are marked away until Fri 20 Mar 2026, 23:59" in said and "back" in said
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    await teams.deliver()
    assert "lead" not in await alerted(teams) and "deputy" in await alerted(teams)
    assert not any("SG-2026-0001" in texts(card)
                   for r in teams.connector.sent_to(personal_conversation(LEAD))
                   for card in r.cards), "nothing reached the lead's chat"
    assert [r for r in teams.connector.sent_to(ALERTS) if r.method == "POST"][1:], \
        "the channel is still alerted"

    assert "Welcome back" in await say(teams, LEAD, "back")
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, Filler())
    await teams.deliver()
    assert "lead" in await alerted(teams)
    assert "not marked away" in await say(teams, LEAD, "back")
    teams.check_all_cards()


async def test_a_duration_works_and_replies_carry_no_report(teams: Teams) -> None:
    await install(teams)
    await file_report(teams, ReportKind.OPERATIONAL_INCIDENT, Filler())
    said = await say(teams, LEAD, "Away 3d")
    assert "You are marked away until Tue 17 Mar 2026, 10:00" in said
    assert "OI-2026" not in said and "report" not in said.lower()
    [absence] = await absences(teams)
    assert absence.person_id == "lead"


async def test_bad_requests_are_explained_and_change_nothing(teams: Teams) -> None:
    await install(teams)
    for text, expected in (("away until 2026-02-31", "Please give a date like"),
                           ("away soon", "'soon' is not a duration"),
                           ("away", "Say how long"),
                           ("away until yesterday", "That time has already passed"),
                           ("away 400d", "longer than a year")):
        said = await say(teams, LEAD, text)
        assert expected in said and "away until 2026-12-24" in said, (text, said)
        assert "/away" not in said
    said = await say(teams, OUTSIDER, "away 3d")
    assert "Only people in the organisation's config" in said
    assert await absences(teams) == []


def test_the_manifest_lists_away_and_back() -> None:
    manifest = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    check_manifest(manifest)
    [personal] = [c for c in manifest["bots"][0]["commandLists"] if c["scopes"] == ["personal"]]
    titles = [command["title"] for command in personal["commands"]]
    assert {"away", "back"} <= set(titles) and len(titles) <= 10
