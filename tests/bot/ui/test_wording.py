"""The words people read for durations and urgency: written once, never compact or technical."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ui.wording import duration_words, urgency_label


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "less than a minute"), (59, "less than a minute"), (60, "1 minute"),
    (300, "5 minutes"), (5400, "1 hour 30 minutes"), (2 * 86400 + 3600, "2 days 1 hour")])
def test_durations_read_as_words(seconds: int, expected: str) -> None:
    assert duration_words(timedelta(seconds=seconds)) == expected


@given(st.integers(min_value=0, max_value=400 * 86400))
def test_a_duration_never_reads_as_a_compact_code(seconds: int) -> None:
    said = duration_words(seconds)
    assert said and not any(said.endswith(code) for code in ("0s", "m", "h", "d"))
    assert " 0 " not in f" {said}"


def test_urgency_is_written_one_way() -> None:
    assert [urgency_label(u) for u in ("immediate_danger", "high", "normal")] == [
        "Immediate danger", "High", "Normal"]
