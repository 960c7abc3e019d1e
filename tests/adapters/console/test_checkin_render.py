"""Every check-in notification renders for the terminal: flags only, times in the right zone."""

from adapters.console.render import render_message
from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinNoticeMessage,
    CheckinOutcomeMessage,
    CheckinRequestedMessage,
    CheckinTalkMessage,
)
from bot.config import OrgConfig
from bot.notifications import ReceiptMessage, from_payload, to_payload

MESSAGES = [
    CheckinRequestedMessage("alex", "AT", ("2026-03-14T14:00:00+00:00",), "Europe/London"),
    CheckinNoticeMessage(3, "moved", "2026-03-15T20:00:00+00:00", "America/New_York", "DP"),
    CheckinDueMessage(3, "MH"),
    CheckinDueMessage(3, "", reminder=True),
    CheckinOutcomeMessage(3, "AT", "completed", talk="someone_else", low_score=True,
                          note_shared=True),
    CheckinOutcomeMessage(4, "AT", "undeliverable"),
    CheckinTalkMessage(3, "alex", "AT", "manager"),
]


def test_each_message_survives_the_outbox_and_reads_sensibly(example_config: OrgConfig) -> None:
    shown = [render_message(from_payload(to_payload(m)), example_config) for m in MESSAGES]
    assert "Sat 14 Mar 2026, 14:00 (Europe/London)" in shown[0] and "/debrief alex" in shown[0]
    assert "DP moved your wellbeing check-in to Sun 15 Mar 2026, 16:00 (America/New_York)" in \
        shown[1]
    assert "MH asked" in shown[2] and "gentle reminder" in shown[3]
    assert shown[4].startswith("NEEDS ATTENTION") and "/debrief view 3" in shown[4]
    assert "someone else" in shown[4] and "low score" in shown[4]
    assert "could not be delivered" in shown[5] and shown[5].startswith("NEEDS ATTENTION")
    assert "AT would like to talk to you" in shown[6]


def test_the_receipt_offers_a_check_in_only_when_there_is_an_offer(
    example_config: OrgConfig,
) -> None:
    plain = ReceiptMessage("OI-2026-0001", "Operational incident", "normal", False, ("lead",))
    offered = ReceiptMessage("OI-2026-0001", "Operational incident", "normal", False,
                             ("lead",), checkin_offer="tok")
    assert "/checkin yes" not in render_message(plain, example_config)
    assert "/checkin yes" in render_message(offered, example_config)
