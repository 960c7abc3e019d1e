"""Saying plainly who will see a report: the same core wording on the review, the receipt
and every platform (which roles, and people named directly, come from bot.routing)."""

CONFIDENTIAL = ("It is confidential, not anonymous: only the people named here will see it, "
                "and they will know it came from you.")
AROUND_STAFF = ("A concern about a member of staff goes around that person: they are not "
                "alerted and cannot see it, even if they would normally see reports.")
ABOUT_STAFF = ("You said it is about a member of staff or a volunteer, so it goes around "
               "them: they are not alerted and cannot see it, even if they would normally "
               "see reports.")
PRACTICE = "This is practice: nobody else sees it."


def privacy_lines(about_staff: bool, practice: bool) -> tuple[str, ...]:
    """What the reporter is told about who sees the report, besides the list of roles."""
    if practice:
        return (PRACTICE,)
    return (CONFIDENTIAL, ABOUT_STAFF if about_staff else AROUND_STAFF)
