"""Re-sealing every record with the current key, in small committed batches (resumable)."""

from dataclasses import dataclass

from sqlalchemy import not_, or_, select

from bot.cases.upkeep import rotate_case_entries
from bot.crypto import KeyRing
from bot.records import answers_label, context_label, flow_label
from storage.engine import Database
from storage.models import FlowSession, Report

BATCH = 200


@dataclass(frozen=True)
class Rotated:
    reports: int
    flows: int
    case_entries: int = 0


def _reseal(keys: KeyRing, sealed: str, label: str) -> str:
    return keys.seal(keys.open(sealed, label), label)


async def _rotate_reports(database: Database, keys: KeyRing) -> int:
    current = f"v1.{keys.current}.%"
    done = 0
    while True:
        async with database.transaction() as session:
            rows = list((await session.execute(
                select(Report).where(or_(not_(Report.answers_sealed.like(current)),
                                         not_(Report.context_sealed.like(current))))
                .order_by(Report.id).limit(BATCH).with_for_update())).scalars())
            for row in rows:
                row.answers_sealed = _reseal(keys, row.answers_sealed,
                                             answers_label(row.reference))
                row.context_sealed = _reseal(keys, row.context_sealed,
                                             context_label(row.reference))
        if not rows:
            return done
        done += len(rows)


async def _rotate_flows(database: Database, keys: KeyRing) -> int:
    current = f"v1.{keys.current}.%"
    done = 0
    while True:
        async with database.transaction() as session:
            rows = list((await session.execute(
                select(FlowSession).where(not_(FlowSession.state_sealed.like(current)))
                .order_by(FlowSession.id).limit(BATCH).with_for_update())).scalars())
            for row in rows:
                row.state_sealed = _reseal(keys, row.state_sealed,
                                           flow_label(row.platform, row.conversation_id))
        if not rows:
            return done
        done += len(rows)


async def rotate_keys(database: Database, keys: KeyRing) -> Rotated:
    """Re-seal whatever is not yet under the current key; safe to stop and run again."""
    return Rotated(await _rotate_reports(database, keys), await _rotate_flows(database, keys),
                   await rotate_case_entries(database, keys))
