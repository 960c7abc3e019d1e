"""Keeping the case record's sealed content in line with the rest: retention erases it with
its report (the rows stay), and key rotation re-seals it with the current key."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.describe import entry_label, seal_content
from bot.crypto import KeyRing
from storage.engine import Database
from storage.models import Report
from storage.repositories import cases

BATCH = 200


async def erase_case_content(session: AsyncSession, keys: KeyRing, report: Report,
                             now: datetime) -> int:
    """Empty every entry's typed content on this report's case (codes and dates stay)."""
    return await cases.erase_content(
        session, report.id,
        lambda entry: seal_content(keys, report.reference, entry.sequence, {}), now)


async def rotate_case_entries(database: Database, keys: KeyRing) -> int:
    """Re-seal entries not yet under the current key, in small committed batches."""
    done = 0
    while True:
        async with database.transaction() as session:
            rows = await cases.not_under_key(session, keys.current, BATCH)
            for entry, reference in rows:
                label = entry_label(reference, entry.sequence)
                entry.content_sealed = keys.seal(keys.open(entry.content_sealed, label), label)
        if not rows:
            return done
        done += len(rows)
