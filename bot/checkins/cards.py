"""Check-ins as cards, written once for every surface: the offer on a report's receipt (and
what it becomes once answered), the list, an outcome read privately, and the notices. Flags
only: what a person wrote is never in a message."""

from zoneinfo import ZoneInfo

from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinNoticeMessage,
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
    CheckinTalkMessage,
)
from bot.checkins.questions import START, STOP
from bot.checkins.summary import CheckinLine, CheckinView
from bot.checkins.wording import OUTCOMES, STATES, time_with_zone
from bot.ui.cards import (
    Answer,
    Block,
    Bullets,
    Buttons,
    Card,
    Confirm,
    Facts,
    Heading,
    Panel,
    Text,
    button,
)
from bot.ui.replies import Tone

MAX_LINES = 30

OFFER_YES = "checkin.offer.yes"
OFFER_NOT_NOW = "checkin.offer.not_now"
OFFER_QUESTION = "Would you like someone to check in with you?"
OFFER_TEXT = (f"{OFFER_QUESTION} A short, voluntary wellbeing check-in, kept apart from the "
              "report.")


def offer_blocks(token: str) -> tuple[Block, ...]:
    """The offer and its two buttons: what a receipt ends with when there is an offer."""
    return (Text(OFFER_TEXT), Buttons((
        button(OFFER_YES, "Yes please", "primary", offer=token),
        button(OFFER_NOT_NOW, "Not now", offer=token))))


def offer_card(token: str) -> Card:
    """The offer on its own (where the receipt was already shown)."""
    return Card("Wellbeing check-in", OFFER_QUESTION, offer_blocks(token))


def answered_blocks(text: str, tone: Tone) -> tuple[Block, ...]:
    """What the offer's buttons become once answered: they cannot be pressed again."""
    return (Panel(tone, (Text(text),)),)


ARRANGE = "checkin.arrange"
"""Arranging a check-in: a form (bot.checkins.arrange)."""
LIST = "checkin.list"
READ = "checkin.read"
CANCEL = "checkin.cancel"
MOVE = "checkin.moveform"
"""Opens the form to move an upcoming check-in (each surface shows it)."""
LIST_VIEW = "checkin_list"
OUTCOME_VIEW = "checkin_outcome"
ARRANGED = "Check-ins you arranged or follow"
OWN = "Your own check-ins"
ONLY_FLAGS = "Only flags are shown here; anything they chose to share opens privately."
PRIVATE_TO_YOU = "Private to you. Please don't copy this into channels or messages."
TALK = {"manager": "yes, with their manager", "someone_else": "yes, with someone else"}
CANCEL_CONFIRM = Confirm("Cancel this check-in?", "They are told it was cancelled.",
                         "Cancel it", "Keep it")


def line_text(line: CheckinLine) -> str:
    """One check-in as listed: number, who, when (in their zone), state, and any flags."""
    text = (f"#{line.checkin_id} · {line.person_initials} ({line.person_id}) · "
            f"{time_with_zone(line.due_at, line.zone)} · {STATES[line.state]}")
    if line.arranged_text:
        text += f" · {line.arranged_text}"
    flags = (["asked to talk"] if line.talk else []) + (["low score"] if line.low_score else [])
    flags += ["note shared"] if line.note_shared else []
    return text + (f" · {', '.join(flags)}" if flags else "")


def _section(title: str, lines: list[CheckinLine], manage: bool) -> list[Block]:
    if not lines:
        return [Text(f"{title}: none.")]
    blocks: list[Block] = [Heading(title)]
    for line in lines:
        blocks.append(Text(line_text(line)))
        if manage and line.upcoming:
            number = str(line.checkin_id)
            blocks.append(Buttons((
                button(MOVE, f"Move #{number}", checkin=number),
                button(CANCEL, f"Cancel #{number}", "danger", CANCEL_CONFIRM, checkin=number))))
    return blocks


def list_card(arranged: list[CheckinLine], own: list[CheckinLine]) -> Card:
    """`/debrief list`: what you arranged or follow (to move or cancel), then your own."""
    blocks = [*_section(ARRANGED, arranged[:MAX_LINES], True),
              *_section(OWN, own[:MAX_LINES], False)]
    return Card("Check-ins", f"{len(arranged)} arranged, {len(own)} of your own",
                tuple(blocks), id=LIST_VIEW)


def outcome_view_card(found: CheckinView) -> Card:
    """One check-in's outcome, privately, for whoever arranged or follows it."""
    line = found.line
    pairs = [("Due", time_with_zone(line.due_at, line.zone)), ("State", STATES[line.state])]
    if found.completed_at:
        pairs.append(("Answered", time_with_zone(found.completed_at, line.zone)))
    pairs += [("Asked to talk", TALK.get(line.talk, "no")),
              ("Low score", "yes" if line.low_score else "no")]
    blocks: list[Block] = [
        Heading(f"PRIVATE: wellbeing check-in #{line.checkin_id} for {line.person_initials}"),
        Facts(tuple(pairs))]
    if found.note:  # their own words, only because they chose to share them
        blocks.append(Answer("Their note, shared with you", found.note))
    blocks.append(Text(PRIVATE_TO_YOU, subtle=True))
    return Card("Wellbeing check-in", f"Check-in #{line.checkin_id} (private)", tuple(blocks),
                "warning", id=OUTCOME_VIEW)


def notice_card(m: CheckinNoticeMessage) -> Card:
    """To the person: a check-in was arranged for them, moved or cancelled."""
    moment = time_with_zone(m.due_at, ZoneInfo(m.zone))
    if m.change == "cancelled":
        text = f"{m.by_initials} cancelled your wellbeing check-in (#{m.checkin_id}) for {moment}."
    else:
        verb = "moved your wellbeing check-in to" if m.change == "moved" else (
            "arranged a short wellbeing check-in for you on")
        text = (f"{m.by_initials} {verb} {moment} (#{m.checkin_id}). It is voluntary, and kept "
                "apart from any report.")
    return Card("Wellbeing check-in", text, (Text(text),))


def talk_card(m: CheckinTalkMessage) -> Card:
    whom = "you" if m.asked_for == "manager" else "someone other than their manager"
    text = (f"{m.person_initials} would like to talk to {whom} after their wellbeing check-in "
            f"(#{m.checkin_id}). Please get in touch soon.")
    return Card("Wellbeing check-in", text, (Text(text),))


def outcome_card(m: CheckinOutcomeMessage) -> Card:
    """To whoever arranged it: how it ended, and flags only (a shared note opens privately)."""
    head = f"Check-in #{m.checkin_id} for {m.person_initials}: {OUTCOMES[m.outcome]}"
    if m.late:
        head += " (after the no-response note)"
    details = m.details()
    said: list[Block] = [Heading(f"NEEDS ATTENTION · {head}" if m.needs_attention else head)]
    if details:
        said.append(Bullets(tuple(details)))
    blocks: list[Block] = [Panel("warning", tuple(said)) if m.needs_attention else said[0],
                           *([] if m.needs_attention else said[1:])]
    if m.note_shared:
        blocks.append(Buttons((button(READ, "Read their note", checkin=str(m.checkin_id)),)))
    blocks.append(Text(ONLY_FLAGS, subtle=True))
    summary = f"Wellbeing check-in for {m.person_initials}: {OUTCOMES[m.outcome]}"
    if details:
        summary += f": {'; '.join(details)}"
    return Card("Wellbeing check-in", summary, tuple(blocks),
                "warning" if m.needs_attention else "info")


CLOSE_CONFIRM = Confirm("Close this check-in?", "Nothing you answered is kept. That's fine.",
                        "Close it", "Keep it")


def due_card(m: CheckinDueMessage) -> Card:
    """To the person at the due time (or the one gentle reminder): start it, or close it."""
    if m.reminder:
        text = ("A gentle reminder: your wellbeing check-in is still open, if you would like "
                "to answer it.")
    else:
        who = f"{m.arranged_by} asked" if m.arranged_by else "You asked"
        text = (f"{who} to see how you are doing. It takes about a minute, and every question "
                "can be skipped.")
    said = f"Wellbeing check-in: {text}"
    number = str(m.checkin_id)
    return Card("Wellbeing check-in", said, (Text(said), Buttons((
        button(START, "Start check-in", "primary", checkin=number),
        button(STOP, "No thanks", confirm=CLOSE_CONFIRM, checkin=number)))))


def requested_card(m: CheckinRequestedMessage, zone: ZoneInfo) -> Card:
    """To the manager (or the wellbeing role): this person would like a check-in."""
    text = (f"Check-in requested: {m.person_initials} would like someone to check in with them "
            "after a difficult session.")
    blocks: list[Block] = [Text(text)]
    if m.follow_ups:
        shown = ZoneInfo(m.zone) if m.zone else zone
        blocks += [Text("Follow-up check-ins are already scheduled:"),
                   Bullets(tuple(time_with_zone(moment, shown) for moment in m.follow_ups))]
    blocks.append(Buttons((button(ARRANGE, "Schedule a check-in", "primary",
                                  person=m.person_id),)))
    return Card("Wellbeing check-in", text, tuple(blocks))


def message_card(message: object, zone: ZoneInfo) -> Card | None:
    """The card for any check-in message (None for other messages); `zone`: the
    organisation's, for times of someone without a zone of their own."""
    if isinstance(message, CheckinRequestedMessage):
        return requested_card(message, zone)
    if isinstance(message, CheckinDueMessage):
        return due_card(message)
    if isinstance(message, CheckinNoticeMessage):
        return notice_card(message)
    if isinstance(message, CheckinTalkMessage):
        return talk_card(message)
    if isinstance(message, CheckinOutcomeMessage):
        return outcome_card(message)
    return None
