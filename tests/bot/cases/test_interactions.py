"""An interaction key makes every case write act once: a replay (same key) writes nothing,
queues nothing and audits nothing, even when replicas race; a key only sticks if what it did
committed; old keys are purged after the window."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot import interactions
from bot.actors import Actor
from bot.cases import actions, feedback
from bot.cases.entries import REPEATED, CaseResult, refusal_text
from bot.clock import ManualClock
from bot.followup.questions import ask_reporter
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import AuditEvent, InteractionKey, OutboxMessage
from tests.bot.cases.helpers import acknowledged
from tests.bot.driving import actor

Write = Callable[[Runtime, Actor, str, str], Awaitable[CaseResult]]


WRITES: dict[str, Write] = {
    "note": lambda r, a, ref, k: actions.add_note(r, a, ref, "A note", interaction=k),
    "decision": lambda r, a, ref, k: actions.record_decision(r, a, ref, "monitor", "Why",
                                                             interaction=k),
    "referral": lambda r, a, ref, k: actions.record_referral(r, a, ref, "police",
                                                             interaction=k),
    "assign": lambda r, a, ref, k: actions.assign(r, a, ref, "deputy", interaction=k),
    "question": lambda r, a, ref, k: ask_reporter(r, a, ref, "When was this?", interaction=k),
    "feedback": lambda r, a, ref, k: feedback.send_feedback(r, a, ref, interaction=k),
    "close": lambda r, a, ref, k: actions.close(r, a, ref, "no_further_action", "Done",
                                                interaction=k),
}


async def _counts(runtime: Runtime) -> tuple[int, int, int]:
    """(case entries, outbox rows, audit events)."""
    async with runtime.database.sessions() as session:
        return tuple([int(await session.scalar(select(func.count()).select_from(model)) or 0)
                      for model in (CaseEntry, OutboxMessage, AuditEvent)])  # type: ignore[return-value]


@pytest.mark.parametrize("write", list(WRITES))
async def test_a_replayed_write_acts_once(runtime: Runtime, write: str) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    first = await WRITES[write](runtime, lead, reference, "slack:abc")
    assert first.status == "done"
    once = await _counts(runtime)
    replayed = await WRITES[write](runtime, lead, reference, "slack:abc")
    assert (replayed.status, replayed.sequence) == ("repeated", None)
    assert refusal_text(replayed, "add to") == REPEATED
    assert await _counts(runtime) == once


async def test_the_other_case_writes_act_once_too(runtime: Runtime) -> None:
    reference, other = await acknowledged(runtime), await acknowledged(runtime)
    lead = actor(runtime, "lead")
    steps: list[Callable[[str], Awaitable[CaseResult]]] = [
        lambda k: actions.record_referral(runtime, lead, reference, "police", interaction=k),
        lambda k: actions.record_referral_outcome(runtime, lead, reference, 1, "advice_only",
                                                  interaction=k),
        lambda k: actions.link(runtime, lead, reference, other, interaction=k),
        lambda k: actions.close(runtime, lead, reference, "referred", "Done", interaction=k),
        lambda k: actions.reopen(runtime, lead, reference, "New information", interaction=k),
    ]
    for number, step in enumerate(steps):
        assert (await step(f"k{number}")).status == "done"
        before = await _counts(runtime)
        assert (await step(f"k{number}")).status == "repeated"
        assert await _counts(runtime) == before


async def test_different_keys_and_no_key_each_act(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    for key in ("slack:1", "slack:2", None, None):
        assert (await actions.add_note(runtime, lead, reference, "Same words",
                                       interaction=key)).status == "done"
    assert (await _counts(runtime))[0] == 4


async def test_replays_racing_on_several_replicas_act_once(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    results = await asyncio.gather(*(
        actions.add_note(runtime, lead, reference, "Raced", interaction="slack:race")
        for _ in range(4)))
    assert sorted(r.status for r in results) == ["done", "repeated", "repeated", "repeated"]
    assert (await _counts(runtime))[0] == 1


async def test_a_key_sticks_only_if_what_it_did_committed(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    real = feedback.enqueue

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(feedback, "enqueue", broken)
    with pytest.raises(RuntimeError):
        await feedback.send_feedback(runtime, lead, reference, interaction="slack:f")
    monkeypatch.setattr(feedback, "enqueue", real)
    assert (await _counts(runtime))[0] == 0
    done = await feedback.send_feedback(runtime, lead, reference, interaction="slack:f")
    assert done.status == "done"
    assert (await _counts(runtime))[0] == 1


async def test_a_refused_replay_is_audited_once(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    outsider = actor(runtime, "alex")
    first = await actions.add_note(runtime, outsider, reference, "x", interaction="slack:o")
    audited = (await _counts(runtime))[2]
    again = await actions.add_note(runtime, outsider, reference, "x", interaction="slack:o")
    assert (first.status, again.status) == ("refused", "repeated")
    assert (await _counts(runtime))[2] == audited


async def test_old_keys_and_views_are_purged_once_a_period(runtime: Runtime,
                                                           clock: ManualClock) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    await actions.add_note(runtime, lead, reference, "Old", interaction="slack:old")
    await interactions.remember_view(runtime, "slack", "U0LEAD", "VOLD", "case", reference)
    clock.advance(interactions.KEEP_KEYS_FOR + timedelta(seconds=1))
    await actions.add_note(runtime, lead, reference, "New", interaction="slack:new")
    assert await interactions.purge_if_due(runtime) == 1
    assert await interactions.purge_if_due(runtime) is None, "once a period, whoever runs it"
    async with runtime.database.sessions() as session:
        kept = list((await session.execute(select(InteractionKey.key))).scalars())
    assert kept == ["slack:new"]
    assert await interactions.view_for(runtime, "slack", "U0LEAD", "case", reference) == "VOLD"
    clock.advance(interactions.KEEP_VIEWS_FOR)
    assert await interactions.view_for(runtime, "slack", "U0LEAD", "case", reference) is None
    assert await interactions.purge_if_due(runtime) == 2


async def test_views_belong_to_whom_they_were_opened_for(runtime: Runtime) -> None:
    await interactions.remember_view(runtime, "slack", "U0LEAD", "V1", "case", "SG-2026-0001")
    await interactions.remember_view(runtime, "slack", "U0JO", "V1", "case", "SG-2026-0001")
    await interactions.remember_view(runtime, "slack", "U0LEAD", "V2", "case", "SG-2026-0002")
    assert await interactions.opened_for(runtime, "slack", "U0LEAD", "V1")
    assert not await interactions.opened_for(runtime, "slack", "U0JO", "V1"), "first owner stays"
    assert not await interactions.opened_for(runtime, "teams", "U0LEAD", "V1")
    assert not await interactions.opened_for(runtime, "slack", "U0LEAD", None)
    assert await interactions.view_for(runtime, "slack", "U0LEAD", "case") == "V2"
    assert await interactions.view_for(runtime, "slack", "U0LEAD", "case",
                                       "SG-2026-0001") == "V1"
    assert await interactions.view_for(runtime, "slack", "U0JO", "case") is None
