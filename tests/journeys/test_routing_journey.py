"""A concern always reaches an available person who is not its subject, typed as a person
would: lead and deputy away, a quick alert about the CEO (the fallback role)."""

import re

from bot.domain import CODE_ALPHABET
from tests.journeys.console import run_console

AWAY_LEADS = ["/as lead", "/away 3d", "/as deputy", "/away 3d"]
QUICK_ABOUT_THE_CEO = ["/as alex", "/report quick", "no", "1", "something", "now", "yes", "ceo",
                       "submit"]


def test_with_both_leads_away_a_concern_about_the_ceo_reaches_the_data_protection_lead(
    journey_db: str,
) -> None:
    run = run_console([*AWAY_LEADS, *QUICK_ABOUT_THE_CEO, "/advance 16m"], journey_db)
    review, rest = run.stdout.split("> submit", 1)
    filed, later = rest.split("> /advance 16m", 1)
    seen = [line for line in review.splitlines() if line.startswith("Who will see it:")][-1]
    assert "CEO" not in seen and "ceo" not in seen and "data protection lead" in seen
    alerts = [line for line in filed.splitlines()
              if "Acknowledge: /ack" in line and "Escalation" not in line]
    assert len(alerts) == 1 and "direct message to PL (dpl" in alerts[0], filed
    assert "The safeguarding team has been alerted." in filed
    assert "direct message to CE (ceo" not in run.stdout
    escalations = [line for line in later.splitlines() if "Escalation" in line]
    assert escalations and all("direct message to PL (dpl" in line for line in escalations)
    assert not any(who in later for who in ("direct message to SO (lead",
                                            "direct message to DP (deputy"))


def test_with_everyone_away_the_receipt_says_so_and_who_to_phone(journey_db: str) -> None:
    everyone_away = [*AWAY_LEADS, "/as dpl", "/away 3d", "/as ceo", "/away 3d"]
    about_the_lead = [*QUICK_ABOUT_THE_CEO[:-2], "lead", "submit"]
    run = run_console([*everyone_away, *about_the_lead], journey_db)
    filed = run.stdout.split("> submit", 1)[1]
    assert "The safeguarding team has been alerted" not in filed
    assert "Nobody could be alerted through the bot" in filed
    [reference] = re.findall(rf"Your reference is (SG-2026-[{CODE_ALPHABET}]{{5}})\.", filed)
    assert f"Please phone 020 7946 0000 now and give them the reference {reference}." in filed
    assert "direct message to SO (lead" not in filed
    assert "Acknowledge: /ack" in "".join(run.to("direct message to CE (ceo")), (
        "it waits for the CEO")
