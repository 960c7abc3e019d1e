"""What every Slack view the tests send is checked for beyond Block Kit (checks.py): an optional
input whose label says "(optional)" itself is caught (Slack adds its own). And the receipt
mentions the check-in nowhere: the receipt message offers it, once, in the core's words."""

import json
from zoneinfo import ZoneInfo

import pytest

from adapters.slack.views import flow_view
from bot.ui import Receipt
from tests.adapters.slack.checks import check_view, optional_marked_twice


def _view(label: str, optional: bool) -> dict[str, object]:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Report a concern"},
            "blocks": [{"type": "input", "block_id": "b", "optional": optional,
                        "label": {"type": "plain_text", "text": label},
                        "element": {"type": "plain_text_input", "action_id": "a"}}]}


def test_an_optional_input_marked_optional_again_is_caught() -> None:
    bad = _view("Anything else? (optional)", optional=True)
    assert optional_marked_twice(bad) == ["Anything else? (optional)"]
    with pytest.raises(AssertionError):
        check_view(bad)
    check_view(_view("Anything else?", optional=True))
    assert optional_marked_twice(_view("Anything else? (optional)", optional=False)) == []


def test_the_receipt_view_leaves_the_check_in_to_the_receipt_message() -> None:
    receipt = Receipt("SG-2026-0001", "Safeguarding concern", "normal", False,
                      ("Safeguarding lead",))
    view = flow_view([receipt], "", ZoneInfo("Europe/London")).to_dict()
    check_view(view)
    assert "Report submitted" in json.dumps(view)
    assert "check-in" not in json.dumps(view).lower()
