"""What reporters and leads are told about quick alerts: fixed sentences with a reference,
never anything the reporter typed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.flow.answers import format_local
from bot.ui import Notice

INCOMPLETE = ("This alert went ahead of the full report, so the record is incomplete: please "
              "write the full report as soon as you can, today if possible. It is added to "
              "this same reference; what you sent first stays as you sent it.")

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
    return (f"Thank you: the full record is now added to {reference}. The alert stays on the "
            "record exactly as you first sent it. The people it went to are being told it is "
            "complete (no details are sent in messages).")


def alerted_notice(reference: str, practice: bool, unreached: tuple[str, ...] = ()
                   ) -> Notice:
    """After yes to the danger question (and its 999 guidance): the alert is stored and
    queued, and the rest of the flow completes it. `unreached`: what the receipt says when
    nobody available could be alerted (who to phone); the notice then never claims an alert."""
    carry_on = (f"Carry on below with the full record; it is added to {reference}. If you have "
                f"to stop, {reference} stands and you will be reminded to finish it.")
    if unreached and not practice:
        return Notice(f"{' '.join(unreached)} {carry_on}", title="Nobody could be alerted",
                      tone="emergency")
    if practice:
        first = (f"Practice: a real report would have alerted the safeguarding lead now. "
                 f"Only you were alerted ({reference}).")
    else:
        first = (f"The safeguarding lead has been alerted, {reference}. The alert says only "
                 "that someone may be in immediate danger; it carries no details.")
    return Notice(f"{first} {carry_on}", title="Alert sent", tone="success")


def alert_stands(reference: str) -> str:
    return (f"{reference} was already sent to the safeguarding lead: changing this answer "
            "does not withdraw it. Your full record will show the answer you give now.")


def draft_discarded(reference: str) -> str:
    """Cancelling the full record of an alert or quick alert: only the draft goes."""
    return (f"The draft of the full record was discarded. {reference} still stands: the "
            "safeguarding lead has it, and it is still incomplete. To finish it later, choose "
            "'Complete the record' on its receipt or a reminder, or in your list of reports.")


def discard_draft_question(reference: str, answers: int) -> str:
    return (f"Discard the draft of the full record for {reference} ({_answers(answers)})? "
            f"{reference} itself stays as sent. To discard the draft, cancel again; to keep "
            "it, answer the question below.")


def _answers(count: int) -> str:
    return "1 answer" if count == 1 else f"{count} answers"



COMPLETE_LABEL = "Complete the record"
SORRY = ("Sorry, that could not be opened just now; please try again in a moment. If anyone is "
         "in immediate danger, call 999 now.")
RECORD_INCOMPLETE = "Record incomplete"
TO_COMPLETE = "Quick alerts to complete"
WRITE_IT_UP = ("Write the full record as soon as you can. It is added to the same reference; "
               "what you sent first stays as it is.")
NONE_TO_COMPLETE = "You have no quick alerts waiting for their full record."
