"""The core's forms as Adaptive Cards: valid against the schema, and read back by input id."""

from adapters.teams.cards import form_card
from adapters.teams.forms import SUBMITTED, TIME_SUFFIX, submitted
from tests.adapters.teams.schemas import card_problems, check_card
from tests.ui_samples import FORM


def test_a_form_with_every_input_kind_is_a_valid_adaptive_card() -> None:
    shown = form_card(FORM)
    check_card(shown)
    assert card_problems(shown) == []
    [send] = shown["actions"]
    assert send["verb"] == "case.note" and send["data"]["reference"] == "SG-2026-0001"
    assert send["associatedInputs"] == "auto" and send["data"][SUBMITTED]


def test_what_was_sent_comes_back_by_input_id() -> None:
    data = {"in_text": "words", "in_multi_choice": "one,two", "in_date": "2026-07-01",
            "in_datetime": "2026-07-02", "in_datetime" + TIME_SUFFIX: "09:30",
            "in_choice": "two", SUBMITTED: "1"}
    found = submitted(data)
    assert found["in_text"] == "words" and found["in_choice"] == "two"
    assert found["in_multi_choice"] == "one,two" and found["in_date"] == "2026-07-01"
    assert found["in_datetime"] == "2026-07-02 09:30"
    assert SUBMITTED not in found and "in_datetime" + TIME_SUFFIX not in found
