"""The check-in itself, for every surface: each question as a form (one input, Back and Stop
above it), and the closing screen as a card. The person answers privately (a modal, a card in
their own chat); answers are never put in a message or a log.

`START` opens it (the button on the due message), `ANSWER` takes each answer, `BACK` and
`STOP` move back or close it (nothing answered is kept)."""

from bot.checkins import conversation
from bot.flow.runner import AnswerInput, Back, FlowInput
from bot.runtime import Runtime
from bot.ui import Notice, Question, Reply
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request
from bot.ui.cards import Block, Buttons, Card, Confirm, Heading, Panel, Text, button
from bot.ui.forms import Choice, Form, Input, InputKind

START = "checkin.start"
ANSWER = "checkin.answer"
BACK = "checkin.back"
STOP = "checkin.stop"
DONE_VIEW = "checkin_done"
VALUE = "answer"
"""The one input of a question's form."""
TITLE = "Wellbeing check-in"
STOP_CONFIRM = Confirm("Stop this check-in?", "Nothing you answered is kept. That's fine.",
                       "Stop", "Carry on")
_KINDS: dict[str, InputKind] = {"single_choice": "choice", "multi_choice": "multi_choice",
                                "yes_no": "yes_no", "long_text": "long_text", "date": "date",
                                "datetime": "datetime"}
_YES_NO = (Choice("yes", "Yes"), Choice("no", "No"))


def _notice(notice: Notice) -> Block:
    """A notice may quote the note whoever arranged it wrote: always shown as plain text."""
    text = Text(notice.text, tone=notice.tone, typed=True)
    if notice.title is None:
        return text
    return Panel(notice.tone, (Heading(notice.title, notice.tone), text))


def _input(question: Question) -> Input:
    kind = _KINDS.get(question.field_type, "text")
    options = tuple(Choice(o.value, o.label) for o in question.options)
    current = question.current_value
    initial = tuple(current) if isinstance(current, list) else current
    return Input(VALUE, question.prompt, kind, question.required,
                 options or (_YES_NO if kind == "yes_no" else ()), question.placeholder,
                 question.help, question.max_length, initial, question.error)


def screen(replies: list[Reply], checkin_id: int) -> Card | Form:
    """The question to answer next (after any notices), or the closing screen."""
    notices = tuple(_notice(r) for r in replies if isinstance(r, Notice))
    question = next((r for r in replies if isinstance(r, Question)), None)
    if question is None:
        summary = next((r.text for r in replies if isinstance(r, Notice)), TITLE)
        return Card(TITLE, summary, notices or (Text(TITLE),), id=DONE_VIEW)
    number = str(checkin_id)
    moves = [button(BACK, "← Back", checkin=number)] if question.can_go_back else []
    moves.append(button(STOP, "Stop check-in", confirm=STOP_CONFIRM, checkin=number))
    intro = (*notices, Text(f"Question {question.position} of {question.total} · every "
                            "question can be skipped", subtle=True), Buttons(tuple(moves)))
    return Form(ANSWER, question.flow_title, "Next", (_input(question),),
                (("checkin", number), ("step", question.step_id)), intro, cancel="Close")


def _number(request: Request) -> int | None:
    text = request.arg("checkin", 20)
    return int(text) if text.isdigit() else None


async def _shown(runtime: Runtime, request: Request, replies: list[Reply],
                 number: int | None) -> Outcome:
    if number is None:
        found = await conversation.waiting(runtime, request.actor)
        number = found.id if found else 0
    return Outcome(show=screen(replies, number))


async def _start(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    return await _shown(runtime, request, await conversation.begin(runtime, request.actor,
                                                                   number), number)


def _given(request: Request) -> FlowInput:
    raw = request.values.get(VALUE)
    if isinstance(raw, list | tuple):
        return AnswerInput([str(item) for item in raw])
    return AnswerInput(raw if isinstance(raw, str) and raw.strip() else None)  # empty: skipped


async def _answer(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    step = request.arg("step", 80) or None
    replies = await conversation.respond(runtime, request.actor, number, _given(request), step)
    return await _shown(runtime, request, replies, number)


async def _back(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    replies = await conversation.respond(runtime, request.actor, number, Back())
    return await _shown(runtime, request, replies, number)


async def _stop(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    replies = await conversation.decline(runtime, request.actor, number)
    return Outcome(show=screen(replies, number or 0))


INTERACTIONS = (
    Interaction(START, _start, ConsoleCommand("/checkin")),
    Interaction(ANSWER, _answer),
    Interaction(BACK, _back),
    Interaction(STOP, _stop, ConsoleCommand("/checkin stop")),
)
