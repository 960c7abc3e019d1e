"""Every timer and notification kind is classified once (a new one must be added), and the
classification holds at any time of any day: routine deliveries land in working time, alerts
and escalations are never held."""

import ast
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checkins.messages import CHECKIN_MESSAGES
from bot.config import OrgConfig
from bot.workers import default_handlers
from bot.working_time.timing import (
    NOTIFICATIONS,
    TIMERS,
    Timing,
    calendar_for,
    hold_until,
    notification_kind,
    place,
    timer_due,
)
from tests.bot.working_time.helpers import office

BOT = Path(__file__).resolve().parents[3] / "bot"
URGENT = {"alert", "alert_update", "acknowledged", "receipt", "case_clock_reminder",
          "case_clock_overdue"}


def _constants(node: ast.expr) -> list[str]:
    """The strings an argument can be: a constant, or either side of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    raise AssertionError(f"line {node.lineno}: a notification kind that is not a plain string "
                         "cannot be checked; classify it in bot/working_time/timing.py")


def _sent_kinds() -> set[str]:
    """Every notification kind the core can write: batches' events, case notices, check-ins."""
    found = {message.type for message in CHECKIN_MESSAGES} | {"checkin_reminder"}
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr == "add"
                    and isinstance(func.value, ast.Name) and func.value.id == "batch"):
                found.update(_constants(node.args[0]))
            if isinstance(func, ast.Name) and func.id == "CaseNotice":
                notice = next((k.value for k in node.keywords if k.arg == "notice"), None)
                if notice is None and len(node.args) > 2:
                    notice = node.args[2]
                if notice is not None:
                    found.update(f"case_{kind}" for kind in _constants(notice))
    return found - {"case_probe"}  # bot/cases/notices.py: a probe, never sent


def test_every_timer_kind_is_classified() -> None:
    assert set(default_handlers()) == set(TIMERS)


def test_every_notification_kind_is_classified_and_none_is_stale() -> None:
    sent = _sent_kinds()
    assert sent - set(NOTIFICATIONS) == set(), "classify these in bot/working_time/timing.py"
    assert set(NOTIFICATIONS) - sent == set(), "no longer sent: remove them"


def test_safeguarding_messages_are_never_held() -> None:
    for kind in URGENT:
        assert NOTIFICATIONS[kind] is Timing.AT_ONCE
    assert TIMERS["escalation"] is Timing.AT_ONCE and TIMERS["case_clock"] is Timing.AT_ONCE
    assert notification_kind("checkin_due", {"reminder": True}) == "checkin_reminder"
    assert notification_kind("checkin_due", {"reminder": False}) == "checkin_due"


def test_an_unknown_kind_is_sent_at_once_rather_than_held() -> None:
    config = office()
    saturday = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    assert hold_until(config, "something_new", {}, None, saturday) is None
    assert timer_due(config, "something_new", saturday) == saturday


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                       timezones=st.just(UTC))
PEOPLE = [None, "alex", "jo", "guest-0123456789abcdef"]
"""The organisation's zone, a person, a person in New York, a guest."""


def _payload(kind: str) -> tuple[str, dict[str, object]]:
    if kind == "checkin_reminder":
        return "checkin_due", {"reminder": True}
    return kind, {}


@settings(max_examples=300, deadline=None)
@given(now=moments, person=st.sampled_from(PEOPLE))
def test_routine_deliveries_land_in_working_time_and_urgent_ones_are_not_held(
    now: datetime, person: str | None
) -> None:
    config = office(new_york=("jo",))
    calendar = calendar_for(config, person)
    for kind, timing in NOTIFICATIONS.items():
        event, payload = _payload(kind)
        held = hold_until(config, event, payload, person, now)
        if timing is Timing.WORKING_HOURS:
            delivered = held or now
            assert delivered >= now and calendar.is_working_time(delivered), (kind, now)
            assert (held is None) == calendar.is_working_time(now)
        else:
            assert held is None, (kind, now)
    for kind, timing in TIMERS.items():
        due = timer_due(config, kind, now, person)
        if timing is Timing.WORKING_HOURS:
            assert due >= now and calendar.is_working_time(due), (kind, now)
        else:
            assert due == now, (kind, now)


@settings(max_examples=100, deadline=None)
@given(now=moments)
def test_with_routine_waits_off_nothing_is_held(now: datetime) -> None:
    config: OrgConfig = office(routine_waits=False)
    for kind in NOTIFICATIONS:
        event, payload = _payload(kind)
        assert hold_until(config, event, payload, "alex", now) is None
    assert place(config, Timing.WORKING_HOURS, now) == now


def test_a_notice_about_a_check_in_goes_no_later_than_the_check_in() -> None:
    config = office()
    saturday = datetime(2026, 3, 14, 18, 0, tzinfo=UTC)
    sunday = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
    notice = {"due_at": sunday.isoformat()}
    assert hold_until(config, "checkin_notice", notice, "alex", saturday) == sunday
    monday = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    assert hold_until(config, "checkin_outcome", {}, "alex", saturday) == monday
