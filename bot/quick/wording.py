"""What reporters and leads are told about quick alerts: fixed sentences with a reference,
never anything the reporter typed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.flow.answers import format_local

INCOMPLETE = ("This was a quick alert, so the record is incomplete: please write the full "
              "report as soon as you can, today if possible. It is added to this same "
              "reference; what you sent now stays as you sent it.")

LEAD_INCOMPLETE = ("The reporter sent a quick alert and has not added the full record yet; "
                   "what is shown is what they sent first. You will be told when it is "
                   "complete.")
"""On the lead's private view of a quick alert still to be written up."""


def finish_how(reference: str) -> str:
    return (f"To finish it, choose 'Complete the record' on this receipt or in your list of "
            f"reports ({reference}).")


def reminders_line(times: list[datetime], zone: ZoneInfo) -> str:
    if not times:
        return "Please finish it yourself as soon as you can."
    when = " and again ".join(format_local(moment, zone) for moment in times)
    return f"If it is still incomplete you will be reminded {when}."


def reminder_text(reference: str) -> str:
    return (f"Reminder: the full record for your quick alert {reference} is still to be "
            "written. Please complete it as soon as you can. For your privacy, no details "
            "are shared here.")


def completed_text(reference: str) -> str:
    return (f"{reference}: the reporter has added the full record to their quick alert. "
            "Open the case privately to read it; no details are shared here.")


def completed_notice(reference: str) -> str:
    return (f"Thank you: the full record is now added to {reference}. Your quick alert stays "
            "on the record exactly as you first sent it. The people it went to are being "
            "told it is complete (no details are sent in messages).")
