"""Property-based: any answer text, and any sequence of moves, through the pure flow core."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from bot.flow.answers import AnswerError, Raw, parse_answer
from bot.flow.definition import FlowDefinition
from bot.flow.hooks import HookContext
from bot.flow.loader import load_flows
from bot.flow.progress import REVIEW, FlowProgress
from bot.flow.runner import AnswerInput, Back, Edit, FlowInput, FlowRunner, Keep, Repeat, Submit
from tests.security.strategies import PURE, RAW, TEXT

FLOWS: dict[str, FlowDefinition] = load_flows()
QUESTIONS = [(f.id, s.id) for f in FLOWS.values() for s in f.steps if s.is_question]
CONTEXT = HookContext(datetime(2026, 3, 14, 10, 0, tzinfo=UTC), ZoneInfo("Europe/London"),
                      staff=(("alex", "AT (alex)"), ("lead", "SO (lead)")))
PLAUSIBLE = st.sampled_from(["no", "yes", "now", "yesterday 10:00", "today", "1", "2", "JS",
                             "1,2", "", "the session ran as usual"])
"""Answers that pass, so that random walks get past the first questions."""
MOVES: st.SearchStrategy[FlowInput] = st.one_of(
    PLAUSIBLE.map(AnswerInput), PLAUSIBLE.map(AnswerInput), RAW.map(AnswerInput),
    st.just(Back()), st.just(Keep()), st.just(Submit()), st.just(Repeat()), TEXT.map(Edit),
    st.integers(-2, 30).map(lambda n: Edit(str(n))))


@PURE
@given(where=st.sampled_from(QUESTIONS), raw=RAW)
@example(where=("safeguarding_concern", "platform"), raw="²")  # isdigit() yet not int()
@example(where=("safeguarding_concern", "platform"), raw="1" * 5000)  # over int's digit limit
def test_any_answer_is_parsed_or_refused_with_a_reason(where: tuple[str, str], raw: Raw
                                                       ) -> None:
    step = FLOWS[where[0]].step(where[1])
    try:
        value = parse_answer(step, raw, CONTEXT)
    except AnswerError as error:
        assert str(error).strip(), "a refusal says why"
        return
    assert value is None or isinstance(value, str | list)
    limit = step.length_limit
    if isinstance(value, str) and limit is not None:
        assert len(value) <= limit


@PURE
@given(flow_id=st.sampled_from(sorted(FLOWS)), moves=st.lists(MOVES, max_size=25))
@example(flow_id="safeguarding_concern", moves=[Edit("²")])
def test_any_sequence_of_moves_keeps_the_flow_consistent(flow_id: str,
                                                         moves: list[FlowInput]) -> None:
    flow = FLOWS[flow_id]
    runner = FlowRunner(flow)
    result = runner.start(CONTEXT)
    ids = {s.id for s in flow.steps if s.is_question} | {REVIEW}
    for move in moves:
        result = runner.handle(result.progress, move, CONTEXT)
        assert result.replies or result.outcome == "submit"
        assert result.progress.current in ids
        assert set(result.progress.answers) <= ids
        again = FlowProgress.from_json(result.progress.to_json())
        assert again == result.progress, "progress survives a restart unchanged"
        if result.outcome == "submit":
            assert result.progress.reviewing


TEXT_QUESTIONS = [(f.id, s.id) for f in FLOWS.values() for s in f.steps
                  if s.is_question and s.type and s.type.value in ("short_text", "long_text")]


@PURE
@given(where=st.sampled_from(TEXT_QUESTIONS), text=TEXT)
@example(where=("safeguarding_concern", "what_happened"), text="a\ud800b")
def test_any_text_at_a_free_text_question_is_kept_or_refused(where: tuple[str, str],
                                                             text: str) -> None:
    flow, step = FLOWS[where[0]], FLOWS[where[0]].step(where[1])
    progress = FlowProgress(flow.id, flow.version, current=step.id)
    result = FlowRunner(flow).handle(progress, AnswerInput(text), CONTEXT)
    assert result.replies
