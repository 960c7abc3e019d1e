"""The fixed sentences around a report form that opens over the chat."""

from bot.form_wording import ANSWER_IN_FORM, START_TEXT, question_title, start_heading, submitted
from bot.reporting import QUICK_LABEL


def test_headings_say_which_report() -> None:
    assert start_heading() == "Make a report"
    assert start_heading(practice=True) == "Practice report"
    assert start_heading(quick=True) == QUICK_LABEL
    assert start_heading(practice=True, quick=True) == f"{QUICK_LABEL} (practice)"


def test_sentences_name_the_reference_and_never_ask_for_typed_answers() -> None:
    assert "SG-2026-0001" in submitted("SG-2026-0001") and "receipt" in submitted("X")
    assert question_title("SG-2026-0007") == "Question about SG-2026-0007"
    assert "never posted in this chat" in START_TEXT
    assert "cancel" in ANSWER_IN_FORM and "stays in the chat" in ANSWER_IN_FORM
