"""Plain-text rendering of check-in notifications, lists and outcomes for the terminal."""

from zoneinfo import ZoneInfo

from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinMessage,
    CheckinNoticeMessage,
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
    CheckinTalkMessage,
)
from bot.checkins.summary import CheckinLine, CheckinView
from bot.checkins.wording import STATES, time_with_zone
from bot.config import OrgConfig
from bot.ui.cards import unrenderable

OFFER = ("Would you like someone to check in with you? It is voluntary and kept apart from "
         "the report: /checkin yes, or /checkin not-now")
TALK = {"manager": "asked to talk to their manager", "someone_else": "asked to talk to "
        "someone else (the wellbeing lead has been told)"}



def render_checkin_message(message: CheckinMessage, config: OrgConfig) -> str:
    if isinstance(message, CheckinRequestedMessage):
        return _requested(message, config)
    if isinstance(message, CheckinNoticeMessage):
        return _notice(message)
    if isinstance(message, CheckinDueMessage):
        return _due(message)
    if isinstance(message, CheckinTalkMessage):
        return _talk(message)
    if isinstance(message, CheckinOutcomeMessage):
        return _outcome(message)
    raise unrenderable(message)


def _requested(m: CheckinRequestedMessage, config: OrgConfig) -> str:
    text = (f"Check-in requested: {m.person_initials} would like someone to check in with them "
            f"after a difficult session. Arrange it: /debrief {m.person_id} tomorrow 10:00 "
            "(any time phrase works).")
    if m.follow_ups:
        zone = ZoneInfo(m.zone) if m.zone else config.organisation.zone
        times = "; ".join(time_with_zone(moment, zone) for moment in m.follow_ups)
        text += f" Follow-up check-ins are already scheduled for {times}."
    return text


def _notice(m: CheckinNoticeMessage) -> str:
    moment = time_with_zone(m.due_at, ZoneInfo(m.zone))
    if m.change == "cancelled":
        return f"{m.by_initials} cancelled your wellbeing check-in (#{m.checkin_id}) for {moment}."
    verb = "moved your wellbeing check-in to" if m.change == "moved" else (
        "arranged a short wellbeing check-in for you on")
    return (f"{m.by_initials} {verb} {moment} (#{m.checkin_id}). It is voluntary, and kept "
            "apart from any report.")


def _due(m: CheckinDueMessage) -> str:
    who = f"{m.arranged_by} asked" if m.arranged_by else "You asked"
    if m.reminder:
        return ("A gentle reminder: your wellbeing check-in is still open, if you would like "
                "to answer it. /checkin to start, /checkin stop to close it.")
    return (f"Wellbeing check-in: {who} to see how you are doing. It takes about a minute and "
            "every question can be skipped. /checkin to start, /checkin stop to close it.")


def _talk(m: CheckinTalkMessage) -> str:
    whom = "you" if m.asked_for == "manager" else "someone other than their manager"
    return (f"{m.person_initials} would like to talk to {whom} after their wellbeing check-in "
            f"(#{m.checkin_id}). Please get in touch soon.")


def _outcome(m: CheckinOutcomeMessage) -> str:
    head = "NEEDS ATTENTION · " if m.needs_attention else ""
    text = f"{head}Check-in #{m.checkin_id} for {m.person_initials}: {STATES[m.outcome]}"
    if m.late:
        text += " (after the no-response note)"
    details = [TALK[m.talk]] if m.talk else []
    if m.low_score:
        details.append("they may be having a hard time (low score)")
    if m.note_shared:
        details.append(f"they shared a note: /debrief view {m.checkin_id}")
    if m.outcome == "undeliverable":
        details.append("it could not be delivered to them; please check in another way")
    return f"{text}{': ' + '; '.join(details) if details else ''}."


def render_lines(lines: list[CheckinLine], heading: str) -> str:
    if not lines:
        return f"{heading}: none."
    rows = [f"{heading}:"]
    for line in lines:
        row = (f"  #{line.checkin_id} · {line.person_initials} ({line.person_id}) · "
               f"{time_with_zone(line.due_at, line.zone)} · {STATES[line.state]}")
        if line.arranged_text:
            row += f" · {line.arranged_text}"
        flags = [TALK[line.talk].split(" (")[0]] if line.talk else []
        flags += ["low score"] if line.low_score else []
        flags += ["note shared"] if line.note_shared else []
        rows.append(row + (f" · {', '.join(flags)}" if flags else ""))
    return "\n".join(rows)


def render_view(view: CheckinView) -> str:
    line = view.line
    text = [f"PRIVATE: wellbeing check-in #{line.checkin_id} for {line.person_initials}",
            f"  Due: {time_with_zone(line.due_at, line.zone)} · {STATES[line.state]}"]
    if view.completed_at:
        text.append(f"  Answered: {time_with_zone(view.completed_at, line.zone)}")
    text.append(f"  Asked to talk: {TALK[line.talk] if line.talk else 'no'}")
    text.append(f"  Low score: {'yes' if line.low_score else 'no'}")
    if view.note:
        text.append(f"  Their note (shared with you): {view.note}")
    return "\n".join(text)
