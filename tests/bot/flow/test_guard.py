"""The initials-only guard: what it flags, and ordinary report text it leaves alone."""

import pytest

from bot.flow.guard import scan, warning_text


@pytest.mark.parametrize(("text", "kind"), [
    ("Jane Smith said her dad hits her", "a full name"),
    ("Mr Jones was in the room", "a full name"),
    ("Her number is 07700 900123", "a phone number"),
    ("ring +44 (0)20 7946 0018", "a phone number"),
    ("she emailed jo.b@example.org", "an email address"),
    ("they live near SW1A 1AA", "a postcode"),
    ("DOB 03/05/2012", "a date of birth"),
    ("born on 3 May 2012", "a date of birth"),
])
def test_identifying_details_are_flagged(text: str, kind: str) -> None:
    assert kind in [finding.kind for finding in scan(text)]


@pytest.mark.parametrize("text", [
    "AB said they had not eaten since Monday.",
    "Then Mum said no.",
    "On Thursday the Art Group met on Zoom at 14:30 on 14/03/2026.",
    "The call dropped for everyone for ten minutes; I called 999.",
    "Told the lead about SG-2026-0001 and case 123456.",
    "In 2026 we ran 15 sessions for 200 people.",
])
def test_ordinary_report_text_passes(text: str) -> None:
    assert scan(text) == []


def test_the_warning_lists_what_was_found_and_how_to_keep_it() -> None:
    text = warning_text(scan("Jane Smith, 07700 900123, jane@example.org"))
    assert "a full name, a phone number and an email address" in text
    assert "send it again unchanged" in text
