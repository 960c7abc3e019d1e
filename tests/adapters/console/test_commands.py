"""What typed lines mean at the console."""

import pytest

from adapters.console.commands import (
    UsageError,
    parse_command,
    parse_flow_input,
    parse_report_args,
)
from bot.flow.runner import AnswerInput, Back, Edit, Keep, Submit
from bot.kinds import load_kinds
from tests.kinds import ReportKind


def test_slash_lines_are_commands_and_others_are_answers() -> None:
    command = parse_command("  /ACK sg-2026-0001 ")
    assert command is not None and (command.name, command.args) == ("ack", ("sg-2026-0001",))
    assert parse_command("yesterday 4pm") is None


@pytest.mark.parametrize(("words", "kind", "practice"), [
    ((), None, False),
    (("breach",), ReportKind.CONFIDENTIALITY_BREACH, False),
    (("practice", "incident"), ReportKind.OPERATIONAL_INCIDENT, True),
    (("SG", "practise"), ReportKind.SAFEGUARDING_CONCERN, True),
])
def test_report_arguments(words: tuple[str, ...], kind: ReportKind | None,
                          practice: bool) -> None:
    request = parse_report_args(words, load_kinds())
    assert (request.kind, request.practice) == (kind, practice)


def test_unknown_report_kinds_are_refused_with_the_choices() -> None:
    with pytest.raises(UsageError, match="safeguarding, breach or incident"):
        parse_report_args(("theft",), load_kinds())
    with pytest.raises(UsageError, match="Usage"):
        parse_report_args(("breach", "incident"), load_kinds())


@pytest.mark.parametrize(("line", "expected"), [
    ("back", Back()), (" KEEP ", Keep()), ("submit", Submit()), ("edit 3", Edit("3")),
    ("cancel", "cancel"), ("edit the time", AnswerInput("edit the time")),
    ("I went back to check", AnswerInput("I went back to check")),
])
def test_flow_words(line: str, expected: object) -> None:
    assert parse_flow_input(line) == expected
