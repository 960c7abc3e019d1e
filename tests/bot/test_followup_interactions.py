"""The follow-up and quick completion as the core's interactions: the question only ever in
the reporter's private form or card (never in a line a surface may post), the answer once,
the refusal the one refusal, and the lists naming references and numbers only."""

from bot.followup.answers import no_question_to_open
from bot.followup.cards import ANSWER, ANSWER_INPUT, LIST, OPEN
from bot.followup.questions import ask_reporter
from bot.quick import cards as quick
from bot.runtime import Runtime
from bot.ui.actions import Outcome, Request, perform
from bot.ui.cards import Card, Panel, Text
from bot.ui.forms import Form
from bot.ui.registry import all_interactions
from tests.bot.cases.helpers import acknowledged, audit_actions, stored_entries
from tests.bot.driving import actor

QUESTION = "What time did the call end? Osprey-Velvet-3310"
ANSWER_TEXT = "About four, when AB logged off. Lynx-Amber-9902"


async def _do(runtime: Runtime, person: str, action: str, values: dict[str, object] | None = None,
              **args: str) -> Outcome:
    request = Request(actor(runtime, person), args, values or {})
    return await perform(runtime, all_interactions(), action, request)


def _typed(blocks: tuple[object, ...]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Panel):
            found += _typed(block.blocks)
        elif isinstance(block, Text) and block.typed:
            found.append(block.text)
    return found


async def _asked(runtime: Runtime) -> str:
    reference = await acknowledged(runtime)
    assert (await ask_reporter(runtime, actor(runtime, "lead"), reference, QUESTION)).done
    return reference


async def test_the_reporter_opens_the_question_in_a_form_and_answers_it_once(
        runtime: Runtime) -> None:
    reference = await _asked(runtime)
    listed = await _do(runtime, "alex", LIST)
    assert isinstance(listed.show, Card) and QUESTION not in str(listed.show)
    [opener] = listed.show.buttons()
    assert (opener.action, opener.arguments) == (OPEN, {"reference": reference, "number": "1"})

    opened = await _do(runtime, "alex", OPEN, **opener.arguments)
    form = opened.show
    assert isinstance(form, Form) and opened.tell is None
    assert (form.action, [i.id for i in form.inputs]) == (ANSWER, [ANSWER_INPUT])
    assert _typed(form.intro) == [QUESTION], "shown as typed, never as markup"

    blank = await _do(runtime, "alex", ANSWER, {ANSWER_INPUT: "  "}, **form.arguments)
    assert isinstance(blank.show, Form) and "answer is empty" in (blank.show.inputs[0].error or "")
    assert len(await stored_entries(runtime, reference)) == 1, "nothing written"

    done = await _do(runtime, "alex", ANSWER, {ANSWER_INPUT: ANSWER_TEXT}, **form.arguments)
    assert done.close and done.tone == "success" and "answer to question #1" in (done.tell or "")
    assert isinstance(done.show, Card) and done.show.buttons() == []
    again = await _do(runtime, "alex", ANSWER, {ANSWER_INPUT: "more"}, **form.arguments)
    assert "already answered" in (again.tell or "") and not again.close
    reopened = await _do(runtime, "alex", OPEN, **form.arguments)
    assert isinstance(reopened.show, Card) and reopened.show.buttons() == []
    for outcome in (listed, opened, blank, done, again, reopened):
        assert QUESTION not in (outcome.tell or "") and ANSWER_TEXT not in (outcome.tell or "")
        assert ANSWER_TEXT not in str(outcome.show)
    assert len(await stored_entries(runtime, reference)) == 2
    empty = await _do(runtime, "alex", LIST)
    assert isinstance(empty.show, Card) and empty.show.buttons() == []


async def test_anyone_else_is_refused_the_question_and_the_refusal_is_audited(
        runtime: Runtime) -> None:
    reference = await _asked(runtime)
    for person in ("jo", "lead"):
        opened = await _do(runtime, person, OPEN, reference=reference, number="1")
        assert opened.refused and opened.tell == no_question_to_open(reference)
        assert QUESTION not in str(opened.show)
    answered = await _do(runtime, "jo", ANSWER, {ANSWER_INPUT: ANSWER_TEXT},
                         reference=reference, number="1")
    assert answered.refused and "You cannot answer questions" in (answered.tell or "")
    assert isinstance(answered.show, Form) and answered.show.intro == ()
    assert len(await stored_entries(runtime, reference)) == 1
    actions = [e.action for e in await audit_actions(runtime)]
    assert actions.count("question_open_refused") == 2 and "answer_refused" in actions
    bad = await _do(runtime, "alex", OPEN, reference=reference, number="one")
    assert bad.show is None and bad.tone == "error"


async def test_quick_completion_is_declared_once_with_its_console_commands(
        runtime: Runtime) -> None:
    table = all_interactions()
    assert table.console_command(quick.COMPLETE, {"reference": "SG-2026-0001"}) == (
        "/complete SG-2026-0001")
    assert table.console_command(quick.LIST, {}) == "/incomplete"
    assert table.console_command(OPEN, {"reference": "SG-2026-0001", "number": "2"}) == (
        "/answer SG-2026-0001 2")
    listed = await _do(runtime, "alex", quick.LIST)
    assert isinstance(listed.show, Card) and listed.show.buttons() == []
    assert "no quick alerts waiting" in listed.show.summary
    prompt = await _do(runtime, "alex", quick.COMPLETE, reference="SG-2026-0001")
    assert isinstance(prompt.show, Card)
    assert [b.action for b in prompt.show.buttons()] == [quick.COMPLETE]
