"""Notification cards: alerts, receipts, acknowledgements. Never any report content."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from adapters.teams.card_kit import (
    Element,
    card,
    facts,
    heading,
    open_dialog,
    panel,
    plain,
    words,
)
from adapters.teams.cards import adaptive_card
from adapters.teams.followup_cards import case_notice_card, complete_action, incomplete_panel
from adapters.teams.offer import OfferOnly
from bot.alert_cards import acknowledged_card as core_acknowledged_card
from bot.alert_cards import alert_card as core_alert_card
from bot.alert_cards import refusal_card as core_refusal_card
from bot.cases.messages import CaseNotice
from bot.checkins.messages import CheckinMessage
from bot.domain import ReportKind
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage
from bot.reporting import QUICK_LABEL
from bot.ui.cards import unrenderable
from bot.ui.wording import CALL_999, WHO_WILL_SEE, urgency_label

OPEN_VERB = "report.open"
"""Opens the report form in a dialog (`task/fetch`); its data says which report."""


def message_card(message: Message | OfferOnly, zone: ZoneInfo) -> Element:
    if isinstance(message, OfferOnly | CheckinMessage) or (
            isinstance(message, ReceiptMessage) and message.checkin_offer):
        from adapters.teams.checkin_cards import message_card as checkin_card  # check-ins

        return checkin_card(message, zone)
    if isinstance(message, AlertMessage):
        return alert_card(message, zone)
    if isinstance(message, ReceiptMessage):
        return receipt_message_card(message)
    if isinstance(message, CaseNotice):
        return case_notice_card(message)
    if isinstance(message, AcknowledgedMessage):
        return acknowledged_card(message, zone)
    raise unrenderable(message)


def alert_card(a: AlertMessage, zone: ZoneInfo) -> Element:
    return adaptive_card(core_alert_card(a, zone))


def receipt_message_card(r: ReceiptMessage) -> Element:
    practice = " (practice)" if r.practice else ""
    body: list[Element] = [
        heading(f"Receipt: your report is stored{practice}", colour="good"),
        facts([("Reference", r.reference), ("Kind", r.kind_label),
               ("Urgency", urgency_label(r.urgency))]),
    ]
    if r.incomplete:
        body.append(incomplete_panel())
    if r.seen_by:
        body.append(words(f"**{WHO_WILL_SEE}:** {', '.join(r.seen_by)}."))
    body.extend(words(f"- {step}") for step in r.next_steps)  # the core's, privacy included
    return card(body, [complete_action(r.reference)] if r.incomplete else None)


def acknowledged_card(m: AcknowledgedMessage, zone: ZoneInfo) -> Element:
    return adaptive_card(core_acknowledged_card(m, zone))


def refusal_card(text: str) -> Element:
    """A refusal in the core's one wording (bot.refusals): the same for a report that does
    not exist and for one the person may not touch."""
    return adaptive_card(core_refusal_card(text))


def welcome_card(org_name: str, kinds: Iterable[ReportKind]) -> Element:
    """The greeting, with a button for each kind of report (the kinds registry's)."""
    body: list[Element] = [
        heading("Safeguarding reports"),
        plain(f"I help you record a safeguarding concern, a confidentiality breach or an "
              f"operational incident for {org_name}, and tell the safeguarding lead at once."),
        words("Only the people a report is routed to can read it. Type **report** at any "
              "time, or choose below. Type **report practice** to try it safely.", subtle=True),
        words(CALL_999, colour="attention"),
        words(f"**Short of time?** *{QUICK_LABEL}* asks a few short questions and alerts the "
              "safeguarding lead at once; you then write the full record later the same day "
              "(you will be reminded). Type **complete** to finish one.", subtle=True),
        words("Already writing a report? Any button below carries on with it.", subtle=True),
    ]
    actions = [open_dialog(kind.label, OPEN_VERB, {"kind": kind.id}) for kind in kinds]
    actions.append(open_dialog(QUICK_LABEL, OPEN_VERB, {"quick": True}, style="positive"))
    actions.append(open_dialog("Practice", OPEN_VERB, {"practice": True}))
    return card(body, actions)


def channel_greeting_card() -> Element:
    return card([
        heading("Safeguarding alerts"),
        words("If this is the alert channel, new reports are announced here: reference, kind, "
              "urgency and time only, never what happened. Safeguarding leads acknowledge "
              "them with the button on each alert."),
        words("To make a report, open a personal chat with me and type **report**.",
              subtle=True),
    ])


def text_card(text: str, tone: str = "info") -> Element:
    return card([panel([plain(text)], tone)])
