"""Names shared by the views we send and the listeners that receive their interactions."""

import re

from bot.followup import cards as followup

PLATFORM = "slack"
COMMAND = "/report"

QUESTION_VIEW = "report_question"
REVIEW_VIEW = "report_review"
DONE_VIEW = "report_done"
DETAILS_VIEW = "report_details"

BACK = "report_back"
EDIT = "report_edit"
DISCARD = "report_discard"
ANSWER = "answer"
QUESTION_BLOCK = "q:"

ACKNOWLEDGE = "alert.ack"
VIEW_DETAILS = "alert.view"
"""The core's interaction ids (bot.alert_cards): pressed through adapters.slack.dispatch."""
HOME_REPORT = "home_report"
HOME_PRACTICE = "home_practice"
HOME_QUICK = "home_quick"
"""The Home tab's "Alert the lead now" button: the quick alert."""

MESSAGE_SHORTCUT = "report_message"
GLOBAL_SHORTCUT = "report_global"

_CONVERSATION = re.compile(r"^slack:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:report$")


def conversation_id(team_id: str | None, user_id: str) -> str:
    """One report in progress per person: `slack:<team>:<user>:report`."""
    return f"slack:{team_id or '-'}:{user_id}:report"


def is_conversation_id(text: str) -> bool:
    return bool(_CONVERSATION.match(text))


def question_block_id(step_id: str) -> str:
    return f"{QUESTION_BLOCK}{step_id}"


def step_of_block(block_id: str) -> str | None:
    return block_id[len(QUESTION_BLOCK) :] if block_id.startswith(QUESTION_BLOCK) else None

# -- the case record (its cards, forms and interactions are the core's: bot/cases) ----------

CASE_VIEW = "case_view"
CASE_NOTICE_VIEW = "case_notice"
CASE_EXPORT_VIEW = "case_export"
OPEN_CASE = "case.open"
CASE_ACTION = "case."
"""The case actions are the core's interaction ids: `case.note`, `case.close`, ..."""
CASE_FORM = "case."
"""A case action's form has the interaction's id as its callback id."""
CASE_FEEDBACK = "case.feedback"
CASE_EXPORT = "case.export"
CASE_DOWNLOAD = "case_download"
"""The url buttons of an export: Slack still sends their clicks, which we only acknowledge."""

VALUE = "value"
"""The action id of every input element in the case modals (their block id says which)."""

AWAY_COMMAND = "/away"
BACK_COMMAND = "/back"

# -- quick alerts (followup_handlers.py) and the follow-up (bot.followup.interactions) ------

COMPLETE = "report_complete"
"""'Complete the record' (a quick alert's full report): on the receipt, reminders, Home."""
OPEN_QUESTION = followup.OPEN
"""'Open the question': the reporter reads a lead's question privately (bot.followup)."""
ANSWER_VIEW = followup.ANSWER
ANSWER_BLOCK = followup.ANSWER_INPUT
FOLLOWUP_NOTICE_VIEW = "followup_notice"
