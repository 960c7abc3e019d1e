"""The one refusal for a report someone may not touch, worded exactly as for a report that does
not exist: whoever asks learns nothing from it, least of all the person a report is about.

Every command and button that takes a reference, on every platform, words its refusal here
and each adapter only renders the sentence. Every such refusal is also recorded in the audit
trail (by the core function that refused), whether or not the report exists.
"""

from bot.access import Action
from bot.domain import normalise_reference

MAX_SHOWN = 40
"""What was typed is echoed at most this long."""

VERBS: dict[Action, str] = {
    Action.ACKNOWLEDGE: "acknowledge",
    Action.VIEW_DETAILS: "view",
    Action.VIEW_STATE: "see",
    Action.LEGAL_HOLD: "change the legal hold on",
    Action.VIEW_CASE: "view the case",
    Action.ADD_NOTE: "add a note to",
    Action.RECORD_DECISION: "record a decision on",
    Action.REFER: "record a referral on",
    Action.ASSIGN: "assign",
    Action.LINK: "link",
    Action.CLOSE: "close",
    Action.REOPEN: "reopen",
    Action.FEEDBACK: "send feedback on",
    Action.EXPORT: "export",
    Action.ASK_REPORTER: "ask the reporter about",
    Action.COMPLETE_REPORT: "complete",
    Action.ANSWER_QUESTION: "answer questions about",
}
LINK_TO = "link a case to"
"""The other report of a link: refused like any report the person may not see."""
OPEN_QUESTION = "open a question about"
RECORD_OUTCOME = "record an outcome on"
CHRONOLOGY = "see the chronology of"


def shown(reference: str | None) -> str:
    """A reference as it is echoed back: upper-case, trimmed and short ("this report" where
    the adapter echoes nothing, e.g. a button on a message)."""
    return normalise_reference(reference)[:MAX_SHOWN] if reference else "this report"


def no_such_report(reference: str | None, doing: Action | str) -> str:
    """The refusal: the same whether the report does not exist, is about the person asking,
    or is simply not theirs (only the reference differs)."""
    verb = VERBS[doing] if isinstance(doing, Action) else doing
    return (f"You cannot {verb} {shown(reference)}: it does not exist or is not open to you. "
            "The attempt has been recorded.")


def needs_reference(command: str) -> str:
    """A typed command that came without a reference."""
    return f"Type {command} and a report's reference, e.g. {command} SG-2026-0001."
