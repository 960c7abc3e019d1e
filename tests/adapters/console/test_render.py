"""Console rendering: what a person reads, and what a notification line never contains."""

from datetime import UTC, datetime

from adapters.console.render import render, render_message
from bot.config import OrgConfig
from bot.notifications import AcknowledgedMessage, AlertMessage
from bot.ui import Notice, Option, Question


def test_a_question_shows_its_options_hint_and_whether_it_can_be_skipped() -> None:
    text = render(Question(flow_title="T", step_id="s", prompt="Which?", field_type="multi_choice",
                           required=False, position=2, total=5,
                           options=(Option("a", "Apple"), Option("b", "Banana")),
                           error="Pick one.", current_display="Apple"))
    lines = text.splitlines()
    assert lines[0] == "x Pick one." and lines[1] == "[2/5] Which?"
    assert "    1) Apple" in lines and "    2) Banana" in lines
    assert "Optional: press Enter to skip." in text and "type 'keep'" in text


def test_emergency_notices_stand_out() -> None:
    assert render(Notice("Call 999 now.", title="Emergency", tone="emergency")).startswith("!!! ")


def test_alerts_carry_reference_kind_urgency_and_time_only(example_config: OrgConfig) -> None:
    alert = AlertMessage("SG-2026-0004", "Safeguarding concern", "high",
                         datetime(2026, 7, 1, 12, 0, tzinfo=UTC).isoformat())
    text = render_message(alert, example_config)
    assert "SG-2026-0004" in text and "Urgency: High" in text
    assert "Wed 01 Jul 2026, 13:00" in text  # shown in the organisation's time zone
    assert "/ack SG-2026-0004" in text


def test_the_reporter_is_told_who_acknowledged_and_how_long_it_took(
    example_config: OrgConfig,
) -> None:
    note = AcknowledgedMessage("SG-2026-0004", "Safeguarding concern", "SO (safeguarding lead)",
                               "2026-07-01T12:00:00+00:00", 754, to_reporter=True)
    text = render_message(note, example_config)
    assert "acknowledged by SO (safeguarding lead)" in text and "12 minutes after" in text


def test_the_console_teaches_how_to_type_a_date_even_when_the_flow_gives_help() -> None:
    text = render(Question(flow_title="T", step_id="when", prompt="When?", field_type="datetime",
                           required=True, position=1, total=3, help="Your best estimate is fine."))
    assert "Your best estimate is fine." in text and "today 14:30" in text
