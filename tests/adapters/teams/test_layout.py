"""The layout rules every card the Teams tests send is checked against (layout.py), and the
row rule the adapter follows (card_kit.button_rows): each rule catches a bad card."""

from adapters.teams.card_kit import (
    BUTTON_ALLOWANCE,
    ROW_BUDGET,
    action_sets,
    button_rows,
    card,
    execute,
)
from adapters.teams.notification_cards import welcome_card
from bot.kinds import load_kinds
from tests.adapters.teams.driver import all_actions
from tests.adapters.teams.layout import layout_problems

WELCOME_TITLES = ["Safeguarding concern", "Confidentiality breach", "Operational incident",
                  "Alert the lead now, write it up later", "Practice"]


def _buttons(*titles: str) -> list[dict[str, object]]:
    return [execute(title, "x.y", {}) for title in titles]


def test_a_row_too_wide_for_its_titles_is_caught() -> None:
    bad = card([{"type": "ActionSet", "actions": _buttons(*WELCOME_TITLES)}])
    assert any("row of buttons" in problem for problem in layout_problems(bad))
    own_row = {"type": "AdaptiveCard", "version": "1.5", "body": [],
               "actions": _buttons("Add a note", "Record a decision", "Record a referral")}
    assert layout_problems(own_row)
    inside = card([{"type": "Container", "items": [
        {"type": "ActionSet", "actions": _buttons("Download the PDF", "Download the JSON",
                                                  "Refresh")}]}])
    assert layout_problems(inside)


def test_a_list_of_options_without_a_placeholder_is_caught() -> None:
    choice = {"type": "Input.ChoiceSet", "id": "agency", "label": "Agency",
              "choices": [{"title": "Police", "value": "police"}]}
    assert layout_problems(card([choice])) == [
        "a list of options without a placeholder: agency"]
    in_a_form = card([], [{"type": "Action.ShowCard", "title": "Record referral",
                           "card": {"type": "AdaptiveCard", "body": [choice]}}])
    assert layout_problems(in_a_form)
    assert layout_problems(card([{**choice, "placeholder": "Choose one"}])) == []


def test_rows_keep_the_order_and_fit_the_budget() -> None:
    titles = ["Add note", "Record decision", "Record referral", "Referral outcome", "Assign"]
    rows = button_rows(_buttons(*titles))
    assert [a["title"] for row in rows for a in row] == titles
    assert len(rows) > 1
    for row in rows:
        width = sum(len(a["title"]) + BUTTON_ALLOWANCE for a in row)
        assert len(row) == 1 or width <= ROW_BUDGET
    assert [len(row) for row in button_rows(_buttons("Yes please", "Not now"))] == [2]
    assert layout_problems(card(action_sets(_buttons(*titles)))) == []


def test_a_card_whose_buttons_do_not_fit_one_row_puts_them_in_rows() -> None:
    fits = card([], _buttons("Yes please", "Not now"))
    assert [a["title"] for a in fits["actions"]] == ["Yes please", "Not now"]
    welcome = welcome_card("Example", load_kinds())
    assert "actions" not in welcome and layout_problems(welcome) == []
    assert [a["title"] for a in all_actions(welcome)] == WELCOME_TITLES
