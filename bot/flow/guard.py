"""The initials-only guard: spots what looks like names, phone numbers, emails, postcodes and
dates of birth in free text, so the reporter can change them. It warns; it never blocks."""

import itertools
import re
from dataclasses import dataclass

import phonenumbers

UK_SHAPED_PHONE = re.compile(r"(?<![\w-])(?:\+44\s?\(?0?\)?|0)\d(?:[\s-]?\d){8,9}(?![\w-])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
BIRTH = re.compile(
    r"\b(?:born|dob|d\.o\.b\.?|date of birth|birthday)\b\W{0,3}(?:on\s+|is\s+|was\s+)?"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\b")
_COMMON_CAPITALISED = """
I A The Then There They Their Them This That These Those He She We You It Its His Her Our
My Your After Before When While During At In On Of For From With Without To Into And But Or
So If As Also Because Later Earlier Today Yesterday Tomorrow Tonight Morning Afternoon
Evening Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December Zoom Microsoft Teams Google
Meet Slack WhatsApp Facebook Instagram Snapchat TikTok Discord YouTube Mum Dad Mother
Father Nan Gran Grandma Grandad Auntie Uncle Sister Brother Carer Teacher School Police
Social Care Services Children Adult Adults Team Group Session Art Music Youth Club Charity
Trust Church Council NHS GP Hospital Ambulance Safeguarding Lead Deputy Officer Manager
Staff Volunteer Host Yes No Not None Nobody Someone Everyone Please Thanks Thank After Home
Online Call Chat
"""
NOT_NAMES = frozenset(_COMMON_CAPITALISED.split())
"""Capitalised words that are not names: sentence openers, days, months, platforms, roles."""


@dataclass(frozen=True)
class Finding:
    kind: str
    """What it looks like: a full name, a phone number, an email address, ..."""


def _names(text: str) -> bool:
    if TITLE_NAME.search(text):
        return True
    words = list(CAPITALISED.finditer(text))
    for first, second in itertools.pairwise(words):
        gap = text[first.end():second.start()]
        if gap.strip() == "" and first.group() not in NOT_NAMES and (
            second.group() not in NOT_NAMES
        ):
            return True
    return False


def _phone(text: str, region: str) -> bool:
    """A valid number for the region, or anything shaped like a UK one (incl. drama ranges)."""
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    return matcher.has_next() or bool(UK_SHAPED_PHONE.search(text))


def scan(text: str, region: str = "GB") -> list[Finding]:
    """What in this text looks like identifying detail, most serious first."""
    found = []
    if _names(text):
        found.append(Finding("a full name"))
    if _phone(text, region):
        found.append(Finding("a phone number"))
    if EMAIL.search(text):
        found.append(Finding("an email address"))
    if POSTCODE.search(text):
        found.append(Finding("a postcode"))
    if BIRTH.search(text):
        found.append(Finding("a date of birth"))
    return found


def warning_text(findings: list[Finding]) -> str:
    kinds = [f.kind for f in findings]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (f"This answer seems to contain {listed}. Records should use initials only and "
            "leave out contact details. Please change it, or send it again unchanged to "
            "keep it as it is.")
