"""Every Slack Web API method the adapter names, and every call the Slack tests saw it make
(method and arguments), against the official Web API spec (tests/specs.py says where it is).
Missing spec: these skip, saying so, or fail when SAFEGUARD_REQUIRE_SPECS=1 (as in CI); the
behavioural tests run in full either way."""

import re

import pytest

from tests.adapters.slack.checks import SEEN_CALLS, WEB_API_SPEC, call_problems, web_api_methods
from tests.conftest import AFTER_EVERYTHING
from tests.specs import ROOT, load_spec

CLIENT_METHOD = re.compile(r"\.(chat|views|conversations|users|auth|apps|team|im)_([A-Za-z]+)\(")
NAMED_METHOD = re.compile(r"\"((?:chat|views|conversations|users|auth|apps|team|im)\.[A-Za-z]+)\"")


def _named_in_the_adapter() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "adapters" / "slack").glob("*.py"):
        code = path.read_text(encoding="utf-8")
        found |= {f"{a}.{b}" for a, b in CLIENT_METHOD.findall(code)}
        found |= set(NAMED_METHOD.findall(code))
    return found


def test_the_official_web_api_spec_is_there() -> None:
    assert "/chat.postMessage" in load_spec(WEB_API_SPEC)["paths"]


def test_the_check_catches_an_unknown_method_or_argument() -> None:
    assert call_problems("chat.postMessages", frozenset({"channel"}))
    assert call_problems("chat.postMessage", frozenset({"channel", "shout"}))
    assert call_problems("chat.postMessage", frozenset({"channel", "text", "blocks"})) == []


def test_every_method_the_adapter_names_is_in_the_spec() -> None:
    named = _named_in_the_adapter()
    assert {"chat.postMessage", "views.open", "views.update"} <= named
    assert sorted(named - web_api_methods()) == []


@pytest.mark.after_everything
def test_every_call_the_slack_tests_saw_is_in_the_spec(request: pytest.FixtureRequest) -> None:
    others = [item for item in request.session.items
              if "fake_slack" in getattr(item, "fixturenames", ())
              and item.get_closest_marker(AFTER_EVERYTHING) is None]
    if not others:
        pytest.skip("no test with the fake Web API ran in this session: no calls to check")
    assert SEEN_CALLS, "the tests with the fake Web API noted the calls they saw"
    problems = sorted(p for method, args in SEEN_CALLS for p in call_problems(method, args))
    assert problems == []
