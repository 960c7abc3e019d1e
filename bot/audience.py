"""Saying plainly who will see a report and whether anyone could be alerted: the same core
wording on the review, the receipt and every platform (which roles, and people named
directly, come from bot.routing.seen_by_labels)."""

CONFIDENTIAL = ("It is confidential, not anonymous: only the people named here will see it "
                "(or, if none of them can be reached, the next senior person the "
                "organisation has chosen), and they will know it came from you.")
AROUND_STAFF = ("A concern about a member of staff goes around that person: they are not "
                "alerted and cannot see it, even if they would normally see reports.")
ABOUT_STAFF = ("You said it is about a member of staff or a volunteer, so it goes around "
               "them: they are not alerted and cannot see it, even if they would normally "
               "see reports.")
PRACTICE = "This is practice: nobody else sees it."

ALERTING = "The right people are being alerted now."
"""The receipt's status line when an available person was alerted."""
NOT_ALERTED = "Nobody could be alerted through the bot: please read what to do now."
"""The receipt's status line when nobody available could be alerted (never claim one)."""
ALERTED = "The safeguarding team has been alerted."
NOBODY_REACHED = ("Nobody who handles reports can be reached through the bot right now: "
                  "everyone who would see it is away, or it is about them.")
WAITING = "An alert is waiting for them, and it is repeated until someone acknowledges it."
NOTHING_SENT = "Nothing could be sent to anyone through the bot."


def privacy_lines(about_staff: bool, practice: bool) -> tuple[str, ...]:
    """What the reporter is told about who sees the report, besides the list of roles."""
    if practice:
        return (PRACTICE,)
    return (CONFIDENTIAL, ABOUT_STAFF if about_staff else AROUND_STAFF)


def phone_now(reference: str, phone: str | None) -> str:
    """Who to phone when the bot could reach nobody."""
    if phone:
        return f"Please phone {phone} now and give them the reference {reference}."
    return (f"Please phone someone senior in the organisation now (not the person it is "
            f"about) and give them the reference {reference}.")


def unreached(reference: str, phone: str | None, waiting: bool) -> tuple[str, ...]:
    """The receipt's next steps when nobody available could be alerted."""
    return (NOBODY_REACHED, phone_now(reference, phone), WAITING if waiting else NOTHING_SENT)
