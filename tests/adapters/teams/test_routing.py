"""The routing promise over Teams: with the lead and the deputy away (`away 3d` in their
chats), a concern about the CEO (the fallback role) is sent at once to the data-protection
lead's personal chat, and the receipt names neither the CEO nor a role nobody else holds."""

import pytest

from tests.adapters.teams.driver import Filler, texts
from tests.adapters.teams.harness import Teams, personal_conversation
from tests.adapters.teams.test_away import alerted, say
from tests.adapters.teams.test_journey import file_report, install
from tests.conftest import KNOWN_CODE
from tests.kinds import ReportKind

DPL = "29:dpl"
REFERENCE = f"SG-2026-{KNOWN_CODE}"
"""A concern about a member of staff takes a code (bot.references)."""


def _cards_to(teams: Teams, user: str) -> str:
    return " ".join(texts(card) for record in teams.connector.sent_to(personal_conversation(user))
                    for card in record.cards)


@pytest.mark.usefixtures("known_code")
async def test_with_both_leads_away_a_concern_about_the_ceo_reaches_the_data_protection_lead(
    teams: Teams,
) -> None:
    await install(teams)
    for user in (DPL, "29:ceo", "29:deputy"):
        await teams.post(teams.install_personal(user))
    for lead in ("29:lead", "29:deputy"):
        assert "You are marked away" in await say(teams, lead, "away 3d")
    receipt, _ = await file_report(teams, ReportKind.SAFEGUARDING_CONCERN,
                                   Filler({"about_staff": "yes", "about_staff_person": "ceo"}))
    await teams.deliver()
    assert await alerted(teams) == {"dpl"}
    assert REFERENCE in texts(receipt) and REFERENCE in _cards_to(teams, DPL)
    for nobody in ("29:ceo", "29:lead", "29:deputy"):
        assert REFERENCE not in _cards_to(teams, nobody)
    shown = texts(receipt)
    assert "CEO" not in shown and "data protection lead" in shown
    teams.check_all_cards()
