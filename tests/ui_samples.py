"""One example of every card block, form input kind and message type the core defines, for the
tests that render each on every surface (tests/test_architecture.py)."""

from dataclasses import dataclass
from typing import get_args

from bot.cases.messages import CaseNotice
from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinNoticeMessage,
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
    CheckinTalkMessage,
)
from bot.notifications import AcknowledgedMessage, AlertMessage, Message, ReceiptMessage
from bot.ui import cards
from bot.ui.forms import Choice, Form, Input, InputKind

WHEN = "2026-07-01T12:00:00+00:00"
BLOCKS: dict[type, cards.Block] = {
    cards.Heading: cards.Heading("Heading words", tone="warning"),
    cards.Text: cards.Text("Text words", tone="success"),
    cards.Facts: cards.Facts((("Reference", "SG-2026-0001"),)),
    cards.Answer: cards.Answer("Answer label", "Typed answer"),
    cards.Bullets: cards.Bullets(("First bullet", "Second bullet")),
    cards.Divider: cards.Divider(),
    cards.Buttons: cards.Buttons((cards.button("alert.ack", "Acknowledge",
                                               reference="SG-2026-0001"),)),
    cards.Contact: cards.Contact("Reported by", "AB (staff)", "Contact", "Slack user U0AB",
                                 "AB", (("slack", "U0AB123"),)),
    cards.Panel: cards.Panel("emergency", (cards.Text("Panel words"),)),
}
"""A block of each type, keyed by its type."""

SEEN_IN_BLOCK: dict[type, str] = {
    cards.Heading: "Heading words", cards.Text: "Text words", cards.Facts: "SG-2026-0001",
    cards.Answer: "Typed answer", cards.Bullets: "Second bullet", cards.Buttons: "Acknowledge",
    cards.Contact: "AB (staff)", cards.Panel: "Panel words",
}
"""What each rendering must show (a divider shows no words)."""

OPTIONS = (Choice("one", "First option"), Choice("two", "Second option"))
INPUT_KINDS: tuple[str, ...] = get_args(InputKind)
INPUTS: dict[str, Input] = {
    kind: Input(f"in_{kind}", f"Label for {kind}", kind,  # type: ignore[arg-type]
                options=OPTIONS if kind in ("choice", "multi_choice", "yes_no", "person",
                                            "checkbox") else ())
    for kind in INPUT_KINDS
}
FORM = Form("case.note", "A form title", "Send", tuple(INPUTS.values()),
            args=(("reference", "SG-2026-0001"),), intro=(cards.Text("Intro words"),))

MESSAGES: dict[type, Message] = {
    AlertMessage: AlertMessage("SG-2026-0001", "Safeguarding concern", "high", WHEN),
    ReceiptMessage: ReceiptMessage("SG-2026-0001", "Safeguarding concern", "high", False),
    AcknowledgedMessage: AcknowledgedMessage("SG-2026-0001", "Safeguarding concern",
                                             "SO (safeguarding lead)", WHEN, 60),
    CheckinRequestedMessage: CheckinRequestedMessage("p1", "AB"),
    CheckinNoticeMessage: CheckinNoticeMessage(1, "scheduled", WHEN, "Europe/London", "CD"),
    CheckinDueMessage: CheckinDueMessage(1, "CD"),
    CheckinOutcomeMessage: CheckinOutcomeMessage(1, "AB", "completed"),
    CheckinTalkMessage: CheckinTalkMessage(1, "p1", "AB", "manager"),
    CaseNotice: CaseNotice("SG-2026-0001", "Safeguarding concern", "assigned",
                           "SG-2026-0001 was assigned to you."),
}
"""A message of each type, keyed by its type."""


@dataclass(frozen=True)
class Stranger:
    """A type no surface knows: every renderer must refuse it."""

    text: str = "Stranger words"
