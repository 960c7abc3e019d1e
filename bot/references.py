"""Which reference a new report gets, so that no list, register or alert a person sees has a
gap that tells them a report about them exists.

Most reports are numbered in order per kind and year (`SG-2026-0007`): the general register.
None of them is about a named member of staff, so everyone who handles that kind sees every
number. A report about a member of staff (an allegation: kept apart, as practice expects) gets
a non-sequential code instead (`SG-2026-K7QMX`): random, unique, never reused, so a lead who
sees allegations about other staff sees no order and no gap that could point at them. A quick
alert gets a code too: its full record, written later, may be the first to name the member of
staff it is about, and a reference never changes once given (the reporter holds it, and the
record is sealed to it).
"""

import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import CODE_ALPHABET, CODE_LENGTH, Reference, ReportKind, is_code
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowRunner
from storage.repositories import reports

MAX_DRAWS = 20
"""Codes tried before giving up (27^5 codes a kind and year: a clash is already rare)."""


def coded(runner: FlowRunner, progress: FlowProgress) -> bool:
    """Does this report take a code rather than the next number?"""
    names_someone = runner.filled_value(progress, "subject_person") not in (None, "")
    return runner.about_staff(progress) or names_someone or runner.flow.completes_later


def draw_code() -> str:
    """A random code with at least one letter (so it never reads as a number)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if is_code(code):
            return code


async def new_reference(session: AsyncSession, kind: ReportKind, year: int, practice: bool,
                        code: bool) -> Reference:
    """The next number in the series, or a code claimed for this report alone (atomically,
    across processes; a code already taken is drawn again)."""
    series = Reference(kind, year, 0, practice).series
    if not code:
        return Reference(kind, year, await reports.next_reference_number(session, series, year),
                         practice)
    for _ in range(MAX_DRAWS):
        drawn = draw_code()
        if await reports.claim_reference_code(session, f"{series}-{drawn}", year):
            return Reference(kind, year, 0, practice, drawn)
    raise RuntimeError("no free reference code after several draws")
