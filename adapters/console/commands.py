"""Parsing what is typed at the console into commands and flow inputs."""

from dataclasses import dataclass

from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, Keep, Submit
from bot.kinds import KindRegistry

HELP = """Commands:
  /report [safeguarding|breach|incident]   start a report (asks which kind if not given)
  /report practice [kind]                  practise: the real flow, but only you are alerted
  /quick (or /report quick)   alert the lead now, write it up later (a few questions); the
                              record stays incomplete until you /complete it
  /complete REF     write the full record of your quick alert (added to the same record)
  /incomplete       your quick alerts still to complete
  /answer REF [N]   read a lead's question about your report privately, then type the answer
                    (or /answer REF [N]: ANSWER)       /questions   your unanswered questions
  /guest NAME       act as a guest or volunteer who is not in the config
  /as ID            act as someone from the config (/people lists them)
  /whoami, /people  who you are; everyone in the config
  /ack REF          acknowledge a report you were alerted to
  /view REF         read a report in full (authorised roles only; every view is recorded)
  /open             open reports (leads)      /mine   your own reports (reference and state)
  /away until DATE  you are away (or /away 3d): alerts skip you; /back ends it
  /hold REF, /release REF   legal hold: retention never erases a held record (leads)
  /advance 45m      move the clock forward so escalation timers can be watched
After acknowledging (record keepers; closed cases are read-only; nothing is ever edited):
  /case REF         the case: holder, statutory clocks, every entry (private; recorded)
  /note REF: TEXT   add a note            /feedback REF   tell the reporter it was looked at
  /ask REF: TEXT    ask the reporter a question privately (they are told only that there is
                    one; you are told when they answer; both stay on the record)
  /decide REF DECISION [AGENCY]: REASONS  refer, no-referral, serious-incident, monitor, other
  /refer REF AGENCY [DATE] [ref=THEIRS]: NOTE   mash, asc, police, lado, ico, cc, host, other
  /outcome REF N OUTCOME: NOTE   what referral #N led to (accepted, advice-only, ...)
  /assign REF PERSON [: REASON]  /link REF OTHER-REF [: WHY]  /reopen REF: REASON
  /close REF OUTCOME: REASON     referred, action-taken, advice-given, no-further-action,
                                 duplicate (refused while a statutory clock is running)
  /chronology REF|INITIALS       every event on a case, or on every case naming the initials
  /export REF pdf|json [FILE]    /register [YEAR] [FILE]   the register as CSV (no narrative)
Wellbeing check-ins (voluntary; kept apart from reports; only the person's manager or the
wellbeing lead can arrange one for them, anyone for themselves):
  /debrief PERSON WHEN [-- NOTE]   e.g. /debrief alex tomorrow 16:00, /debrief me friday 2pm
  /debrief list, /debrief move N WHEN, /debrief cancel N, /debrief view N (the outcome)
  /checkin          answer your check-in ('stop' closes it)   /checkin yes|not-now  the offer
  /help, /quit
While answering: type the answer, or 'back', 'keep', 'edit N' (at the review), 'submit',
'cancel'. Optional questions can be skipped with an empty line."""


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class ReportRequest:
    kind: str | None
    """The id of the kind named by one of its aliases (the kinds registry's), if any."""
    practice: bool
    quick: bool = False


class UsageError(ValueError):
    """The command was not understood; the message says how to use it."""


def parse_command(line: str) -> Command | None:
    """A slash command, or None when the line is an answer."""
    stripped = line.strip()
    if not stripped.startswith("/"):
        return None
    words = stripped[1:].split()
    if not words:
        raise UsageError("Type a command after the slash, e.g. /report, or /help for the list.")
    return Command(words[0].lower(), tuple(words[1:]))


def parse_report_args(args: tuple[str, ...], kinds: KindRegistry) -> ReportRequest:
    words = [a.lower() for a in args]
    practice = "practice" in words or "practise" in words
    rest = [w for w in words if w not in {"practice", "practise"}]
    if len(rest) > 1:
        raise UsageError(f"Usage: /report [practice] [{kinds.first_words()}|quick]")
    if not rest:
        return ReportRequest(None, practice)
    if rest[0] == "quick":
        return ReportRequest(None, practice, quick=True)
    kind = kinds.by_word(rest[0])
    if kind is None:
        raise UsageError(f"'{rest[0]}' is not a kind of report; use {_either(kinds)}.")
    return ReportRequest(kind.id, practice)


def _either(kinds: KindRegistry) -> str:
    """'safeguarding, breach or incident': one word per kind."""
    words = kinds.first_words().split("|")
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def parse_flow_input(line: str) -> FlowInput | str:
    """A flow input, or 'cancel'."""
    text = line.strip()
    word = text.lower()
    if word == "cancel":
        return "cancel"
    if word == "back":
        return Back()
    if word == "keep":
        return Keep()
    if word == "submit":
        return Submit()
    if word.startswith("edit ") and len(word.split()) == 2:
        return Edit(word.split()[1])
    return AnswerInput(line.rstrip("\n"))
