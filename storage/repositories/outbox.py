"""The outbox: notifications waiting to be sent, claimed with leases by delivery workers."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage
from storage.repositories.leases import Claim, claim, next_due

WRITTEN = "safeguard_outbox_written"
"""Set in the connection's info by enqueue; a commit listener can wake a delivery worker."""


ROW_KEYS = ("dedupe_key", "report_id", "event", "platform", "destination_kind", "destination",
            "recipient_person_id", "payload", "replaces_key")
"""What a caller gives for each row (enqueue_many); the rest is filled in here."""
_INSERTS: dict[str, Any] = {}


def _insert(dialect: str) -> Any:
    """One prebuilt INSERT … ON CONFLICT DO NOTHING per dialect (its compiled form is cached,
    so each call only binds parameters)."""
    if dialect not in _INSERTS:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = cast(Table, OutboxMessage.__table__)
        _INSERTS[dialect] = insert(table).on_conflict_do_nothing(
            index_elements=[table.c.dedupe_key])
    return _INSERTS[dialect]


async def enqueue(session: AsyncSession, now: datetime, **values: Any) -> None:
    """Add a message; a second one with the same dedupe key is ignored."""
    await enqueue_many(session, now, [values])


async def enqueue_many(session: AsyncSession, now: datetime,
                       rows: Sequence[dict[str, Any]]) -> None:
    """Add messages in one statement (each row gives ROW_KEYS); a row whose dedupe key is
    already there is ignored."""
    if not rows:
        return
    (await session.connection()).info[WRITTEN] = True
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    params = [{**{key: row.get(key) for key in ROW_KEYS}, "status": "pending", "attempts": 0,
               "next_attempt_at": now, "created_at": now, "outcome_unknown": False}
              for row in rows]
    await session.execute(_insert(dialect), params)


async def claim_due(
    session: AsyncSession, now: datetime, lease: timedelta, limit: int
) -> Claim[OutboxMessage]:
    return await claim(session, OutboxMessage, OutboxMessage.next_attempt_at, now, lease, limit)


async def next_attempt(session: AsyncSession, now: datetime) -> datetime | None:
    """When the next pending message nobody holds is due (None: nothing pending)."""
    return await next_due(session, OutboxMessage, OutboxMessage.next_attempt_at, now)


async def hold(session: AsyncSession, platform: str, destination: str, until: datetime) -> int:
    """Nothing more to this destination before `until` (it answered 429 Retry-After): pending
    messages nobody holds are put back to then, so every replica waits too."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.platform == platform,
               OutboxMessage.destination == destination, OutboxMessage.lease_token.is_(None),
               OutboxMessage.next_attempt_at < until)
        .values(next_attempt_at=until)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def sent_message_id(session: AsyncSession, dedupe_key: str) -> tuple[str, str | None] | None:
    """(status, platform message id) of an earlier message, or None if there is none."""
    result = await session.execute(
        select(OutboxMessage.status, OutboxMessage.platform_message_id).where(
            OutboxMessage.dedupe_key == dedupe_key
        )
    )
    row = result.one_or_none()
    return (row[0], row[1]) if row else None


async def finish(
    session: AsyncSession, message_id: int, token: str, **values: Any
) -> bool:
    """Record the outcome of a send, only if our lease still holds."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.lease_token == token)
        .values(lease_token=None, lease_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


_OURS: dict[bool, Any] = {}
_FINISH: dict[tuple[str, ...], Any] = {}


def _ours(postgres: bool) -> Any:
    """Which of some rows our lease still holds (on PostgreSQL locked: ours until commit,
    nobody can take them meanwhile); prebuilt."""
    if postgres not in _OURS:
        query = select(OutboxMessage.id).where(
            OutboxMessage.id.in_(bindparam("ids", expanding=True)),
            OutboxMessage.lease_token == bindparam("token"))
        _OURS[postgres] = query.with_for_update() if postgres else query
    return _OURS[postgres]


def _finish(columns: tuple[str, ...]) -> Any:
    """Release a row under our lease, setting these columns; prebuilt per set of columns."""
    if columns not in _FINISH:
        table = cast(Table, OutboxMessage.__table__)
        _FINISH[columns] = (
            update(table)
            .where(table.c.id == bindparam("row_id"),
                   table.c.lease_token == bindparam("token", type_=table.c.lease_token.type))
            .values(lease_token=None, lease_until=None,
                    **{c: bindparam(f"new_{c}", type_=table.c[c].type) for c in columns})
        )
    return _FINISH[columns]


async def finish_many(
    session: AsyncSession, token: str, outcomes: Sequence[tuple[int, dict[str, Any]]]
) -> set[int]:
    """Record many outcomes, each only if our lease on its row still holds; returns the ids
    recorded. Outcomes setting the same columns go in one executemany statement."""
    if not outcomes:
        return set()
    postgres = session.bind is not None and session.bind.dialect.name == "postgresql"
    found = await session.execute(_ours(postgres), {
        "ids": [row_id for row_id, _ in outcomes], "token": token})
    ours = set(found.scalars())
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_id, values in outcomes:
        if row_id in ours:
            bound = {"row_id": row_id, "token": token,
                     **{f"new_{k}": v for k, v in values.items()}}
            groups.setdefault(tuple(sorted(values)), []).append(bound)
    for columns, params in groups.items():
        await session.execute(_finish(columns), params)
    return ours


async def count_by_status(session: AsyncSession) -> dict[str, int]:
    result = await session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {status: int(count) for status, count in result.all()}


async def alerted_people(session: AsyncSession, report_id: int) -> list[str]:
    """The ids of everyone an alert for this report was addressed to, in order."""
    result = await session.execute(
        select(OutboxMessage.recipient_person_id)
        .where(
            OutboxMessage.report_id == report_id,
            OutboxMessage.event == "alert",
            OutboxMessage.recipient_person_id.is_not(None),
        )
        .order_by(OutboxMessage.id)
    )
    return list(dict.fromkeys(pid for pid in result.scalars() if pid))


async def posted_alerts(session: AsyncSession, report_id: int) -> list[tuple[str, int]]:
    """(dedupe key, step) of every alert queued for this report, to a channel or a person."""
    result = await session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.payload)
        .where(OutboxMessage.report_id == report_id, OutboxMessage.event == "alert")
        .order_by(OutboxMessage.id)
    )
    return [(key, int(payload.get("step", 0))) for key, payload in result.all()]
