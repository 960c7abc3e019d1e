"""What a reporter is told about the private form a report is written in (a Slack modal, a
Teams dialog) when the chat itself must hold nothing of it: fixed sentences, never an answer."""

from bot.reporting import QUICK_LABEL

FORM_TITLE = "Report"
"""The form's title when it shows no question (a refusal, a notice)."""
OPEN_FORM = "Open the report form"
START_TEXT = ("The questions open in a private form over this chat. What you write there is "
              "stored securely and never posted in this chat.")
ANSWER_IN_FORM = ("Please answer in the report form rather than here: anything typed in this "
                  "chat stays in the chat. Open the form with the button below, or type "
                  "cancel to discard the report.")


def start_heading(practice: bool = False, quick: bool = False) -> str:
    """The heading of the card in the chat that opens the form."""
    if quick:
        return f"{QUICK_LABEL} (practice)" if practice else QUICK_LABEL
    return "Practice report" if practice else "Make a report"


def submitted(reference: str) -> str:
    """Said as the form closes once the report is stored."""
    return f"{reference} is stored safely. Your receipt is in your chat with the bot."


def question_title(reference: str) -> str:
    """The title of the private form that shows a lead's question to the reporter."""
    return f"Question about {reference}"
