"""Driving quick alerts, their completion and the follow-up in-process, and reading back what
was stored and queued."""

from sqlalchemy import select

from bot import reporting
from bot.actors import Actor
from bot.quick.completion import start_completion
from bot.runtime import Runtime
from bot.ui import Notice, Receipt, Reply
from storage.models import OutboxMessage, Timer
from tests.bot.driving import answer_and_submit, last_question
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

QUICK_PLANT = "Heron-Cobalt-5529"
"""Planted in the quick alert's one line: it must stay in private views."""
QUICK_ANSWERS = {
    "immediate_danger": "no", "kind": "safeguarding_concern",
    "what_happened_briefly": f"AB upset at the end of the art group {QUICK_PLANT}",
    "occurred_at": "today 9:00", "discovered_at": "today 9:30", "about_staff": "no",
}


def conversation(reporter: Actor) -> str:
    return f"test:{reporter.platform}:{reporter.user_id}"


async def answer_all(runtime: Runtime, reporter: Actor, replies: list[Reply],
                     answers: dict[str, str]) -> list[Reply]:
    """Answer every question shown (by step id), then submit; the replies to submitting."""
    return await answer_and_submit(runtime, reporter, conversation(reporter), replies, answers)


async def quick_alert(runtime: Runtime, reporter: Actor, **overrides: str) -> Receipt:
    replies = await reporting.start(runtime, reporter, conversation(reporter), None,
                                    quick=True)
    done = await answer_all(runtime, reporter, replies, {**QUICK_ANSWERS, **overrides})
    receipt = next((r for r in done if isinstance(r, Receipt)), None)
    assert receipt is not None, done
    return receipt


async def complete(runtime: Runtime, reporter: Actor, reference: str,
                   kind: ReportKind = ReportKind.SAFEGUARDING_CONCERN, **overrides: str
                   ) -> list[Reply]:
    """Run the full flow that completes a quick alert; the replies to submitting it."""
    replies = await start_completion(runtime, reporter, conversation(reporter), reference)
    if last_question(replies) is None:
        return replies
    return await answer_all(runtime, reporter, replies, {**ANSWERS[kind], **overrides})


def notice_text(replies: list[Reply]) -> str:
    return " ".join(r.text for r in replies if isinstance(r, Notice))


async def outbox_rows(runtime: Runtime, event: str | None = None) -> list[OutboxMessage]:
    async with runtime.database.sessions() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if event is not None:
            query = query.where(OutboxMessage.event == event)
        return list((await session.execute(query)).scalars())


async def timer_rows(runtime: Runtime, kind: str) -> list[Timer]:
    async with runtime.database.sessions() as session:
        rows = await session.execute(select(Timer).where(Timer.kind == kind)
                                     .order_by(Timer.step))
        return list(rows.scalars())


def payload_text(rows: list[OutboxMessage]) -> str:
    return " ".join(str(row.payload) for row in rows)


def destinations(rows: list[OutboxMessage]) -> set[tuple[str, str]]:
    return {(row.destination_kind, row.destination) for row in rows}
