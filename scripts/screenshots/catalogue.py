"""Every card the screenshots show, made by the Teams adapter's own card builders from the core's
models (on samples.py's invented data), in the order someone meets them: the reporter's
greeting, questions, review and receipt; the lead's alert, private details and case record;
the wellbeing check-in."""

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from adapters.teams.cards import adaptive_card
from adapters.teams.checkin_cards import message_card as checkin_message_card
from adapters.teams.checkin_cards import offer_card
from adapters.teams.dialog_cards import dialog_cards, start_card
from adapters.teams.flow_cards import render
from adapters.teams.notification_cards import (
    OPEN_VERB,
    acknowledged_card,
    alert_card,
    welcome_card,
)
from bot.access import RECORD_KEEPERS
from bot.alert_cards import details_card
from bot.cases.case_cards import case_card
from bot.checkins.messages import CheckinRequestedMessage
from bot.config import OrgConfig
from bot.flow.loader import FlowSet
from bot.form_wording import start_heading
from bot.notifications import AcknowledgedMessage, AlertMessage
from bot.ui import Receipt, Reply, ReportDetails
from bot.ui.wording import local_time
from scripts.screenshots import samples

Card = dict[str, Any]
REFERENCE = "SG-2026-0014"
KIND = "Safeguarding concern"
DIALOG = {"form": "1:start-card"}
"""What the dialog's buttons carry in Teams (the start card the receipt replaces)."""


@dataclass(frozen=True)
class Shot:
    name: str
    """The PNG's file name, without .png (shots() numbers them)."""
    title: str
    """What it is and who sees it where, for the index."""
    card: Card
    expand: str | None = None
    """The title of an Action.ShowCard button to press first (a form shown in place)."""
    tags: frozenset[str] = field(default_factory=frozenset)
    """Which kinds of card it shows (the test checks every kind is there)."""


def shots(config: OrgConfig, flows: FlowSet) -> list[Shot]:
    """Every shot, numbered in this order (01-welcome, 02-…)."""
    found = [*reporter_shots(config, flows), *lead_shots(config, flows), *checkin_shots(config)]
    return [replace(shot, name=f"{number:02d}-{shot.name}")
            for number, shot in enumerate(found, 1)]


def _dialog(replies: list[Reply], config: OrgConfig) -> Card:
    card, _posted = dialog_cards(replies, config.organisation.zone, DIALOG)
    if card is None:
        raise ValueError(f"nothing to show for {replies}")
    return card


def reporter_shots(config: OrgConfig, flows: FlowSet) -> list[Shot]:
    walk = samples.walk(config, flows)
    q = walk.questions
    receipt = Receipt(REFERENCE, KIND, walk.review.urgency, False, walk.review.seen_by,
                      privacy=walk.review.privacy)
    return [
        Shot("welcome", "Welcome: the reporter's personal chat with the bot, after install",
             welcome_card(config.organisation.name, flows.kinds), tags=frozenset({"welcome"})),
        Shot("report-start", "After typing report: the start card in the chat (the questions "
             "open in a private dialog)", start_card(OPEN_VERB, {}, start_heading()),
             tags=frozenset({"start"})),
        Shot("question-immediate-danger", "Report form (dialog): the first question",
             _dialog([q["immediate_danger"]], config), tags=frozenset({"question"})),
        Shot("emergency-guidance", "Report form (dialog): after answering yes to immediate "
             "danger", _dialog(walk.danger, config), tags=frozenset({"question", "emergency"})),
        Shot("question-choice-menu", "Report form (dialog): a question with a menu of "
             "options", _dialog([q["platform"]], config), tags=frozenset({"question"})),
        Shot("question-choose-all", "Report form (dialog): choose all that apply",
             _dialog([q["concern_type"]], config), tags=frozenset({"question"})),
        Shot("question-long-text", "Report form (dialog): a written answer",
             _dialog([q["what_happened"]], config), tags=frozenset({"question"})),
        Shot("review", "Report form (dialog): the review before sending",
             _dialog([walk.review], config), tags=frozenset({"review"})),
        Shot("receipt", "The receipt in the reporter's chat (replaces the start card)",
             render(receipt, config.organisation.zone), tags=frozenset({"receipt"})),
    ]


def lead_shots(config: OrgConfig, flows: FlowSet) -> list[Shot]:
    zone = config.organisation.zone
    recorded = samples.RECORDED.isoformat()
    acknowledged = (samples.RECORDED + timedelta(minutes=9)).isoformat()
    new = AlertMessage(REFERENCE, KIND, "high", recorded)
    danger = AlertMessage(samples.DANGER_REFERENCE, KIND, "immediate_danger", recorded)
    done = AlertMessage(REFERENCE, KIND, "high", recorded, acknowledged_by="SO",
                        acknowledged_at=acknowledged, seconds_to_acknowledge=540)
    told = AcknowledgedMessage(REFERENCE, KIND, "SO", acknowledged, 540, to_reporter=True)
    walk = samples.walk(config, flows)
    details = ReportDetails(REFERENCE, KIND, "acknowledged", "high", False,
                            local_time(recorded, zone), local_time("2026-03-13T16:30:00+00:00",
                                                                   zone),
                            f"SO, {local_time(acknowledged, zone)}", walk.review.items,
                            reporter=samples.reporter(config))
    view = samples.case_view(config)
    people = tuple((p.id, f"{p.initials} ({', '.join(r.label for r in p.roles)})")
                   for p in config.people
                   if p.has_any_role(RECORD_KEEPERS | {config.escalation.fallback_role}))
    case = adaptive_card(case_card(view, zone, people))
    return [
        Shot("alert-in-channel", "A new report's alert in the alert channel (no content)",
             alert_card(new, zone), tags=frozenset({"alert"})),
        Shot("alert-immediate-danger", "An immediate-danger alert in the alert channel",
             alert_card(danger, zone), tags=frozenset({"alert", "emergency"})),
        Shot("alert-acknowledged", "The same alert once a lead has acknowledged it",
             alert_card(done, zone), tags=frozenset({"acknowledged"})),
        Shot("acknowledged-to-reporter", "The reporter is told it has been acknowledged",
             acknowledged_card(told, zone), tags=frozenset({"acknowledged"})),
        Shot("details-private", "View details: the full report, shown only to the lead "
             "who pressed it", adaptive_card(details_card(details)),
             tags=frozenset({"details"})),
        Shot("case-record", "Open case: the private case record, with the ICO's clock",
             case, tags=frozenset({"case"})),
        Shot("case-form", "Record decision: a case form, shown in place on the case card",
             case, expand="Record decision", tags=frozenset({"case", "form"})),
    ]


def checkin_shots(config: OrgConfig) -> list[Shot]:
    zone = config.organisation.zone
    follow_up = (samples.NOW + timedelta(days=7)).isoformat()
    asked = CheckinRequestedMessage("alex", "AT", (follow_up,), "Europe/London")
    return [
        Shot("checkin-offer", "The wellbeing check-in offer to the reporter",
             offer_card("sample-offer-token"), tags=frozenset({"checkin"})),
        Shot("checkin-request", "The manager is asked to arrange a check-in",
             checkin_message_card(asked, zone), tags=frozenset({"checkin"})),
    ]
