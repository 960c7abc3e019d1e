"""`safeguard-bot report --year 2026`: write the trustees' annual picture to a file."""

from pathlib import Path

from bot import auditing
from bot.app import StartupError, open_runtime
from bot.cases.annual import CheckinSummary, annual_figures
from bot.cases.annual_pdf import annual_pdf
from bot.cases.annual_render import annual_html
from bot.checkins.annual import checkin_summary
from bot.clock import SystemClock
from bot.private_files import target, write_private
from bot.runtime import Runtime


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2200:
        raise StartupError(f"--year {year} is not a year this bot could have records for")


async def build_annual_report(runtime: Runtime, year: int, fmt: str,
                              checkins: CheckinSummary | None = None) -> bytes:
    _check_year(year)
    figures = await annual_figures(runtime, year, checkins)
    async with runtime.database.transaction() as session:
        await auditing.record(session, runtime.clock.now(), "annual_report_generated", None,
                              year=year, format=fmt, reports=figures.total)
    return annual_pdf(figures) if fmt == "pdf" else annual_html(figures).encode()


async def annual_report(runtime: Runtime, year: int, fmt: str) -> bytes:
    """What the command writes: the year's figures, with the check-ins' when they run here."""
    _check_year(year)
    return await build_annual_report(runtime, year, fmt, await checkin_summary(runtime, year))


async def write_annual_report(config_path: Path, year: int, fmt: str, output: str | None
                              ) -> Path:
    """Write it owner-only, never over an existing file; with no --output, into the private
    exports folder (bot.private_files)."""
    path, may_rename = target(output, f"safeguarding-{year}.{fmt}")
    runtime = await open_runtime(config_path, SystemClock(), ("console",))
    try:
        data = await annual_report(runtime, year, fmt)
    finally:
        await runtime.database.dispose()
    return write_private(data, path, may_rename)
