"""Keeping the case record's sealed content in line with the rest: retention erases it with
its report (the rows stay). Key rotation re-seals it with everything else (bot.rotation)."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.describe import seal_content
from bot.crypto import KeyRing
from storage.models import Report
from storage.repositories import cases


async def erase_case_content(session: AsyncSession, keys: KeyRing, report: Report,
                             now: datetime) -> int:
    """Empty every entry's typed content on this report's case (codes and dates stay)."""
    return await cases.erase_content(
        session, report.id,
        lambda entry: seal_content(keys, report.reference, entry.sequence, {}), now)
