"""The chain heads are told outside the database: a log line (held at INFO even when all
else is at WARNING) whose `--head` values `audit verify` accepts, and gauges in /metrics."""

import logging

import pytest

from bot.acknowledgement import acknowledge
from bot.audit_chain import ExportedHead, verify_chain
from bot.cases import actions
from bot.chain_watch import LOGGER, log_heads
from bot.cli import configure_logging
from bot.runtime import Runtime
from storage.repositories.chain import AUDIT, CASE_ENTRIES
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind


async def test_the_head_line_names_both_heads_and_the_command_that_checks_them(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    reference = (await file_report(runtime, actor(runtime, "alex"),
                                   ReportKind.SAFEGUARDING_CONCERN)).reference
    await acknowledge(runtime, actor(runtime, "lead"), reference)
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, "n")).done
    caplog.set_level(logging.INFO, logger=LOGGER)
    heads = await log_heads(runtime)
    line = next(r.getMessage() for r in caplog.records if r.name == LOGGER)
    audit_head = f"{heads[AUDIT].count}:{heads[AUDIT].last_hash}"
    case_head = f"{heads[CASE_ENTRIES].count}:{heads[CASE_ENTRIES].last_hash}"
    assert f"audit verify --head {audit_head} --case-head {case_head}" in line
    assert heads[CASE_ENTRIES].count == 1 and heads[AUDIT].count >= 3
    assert (await verify_chain(runtime.database, expected=ExportedHead.parse(audit_head))).ok
    gauge = runtime.metrics.chain_entries.labels(AUDIT)._value.get()
    assert gauge == heads[AUDIT].count


def test_the_head_line_is_logged_under_the_default_logging() -> None:
    configure_logging()
    assert logging.getLogger(LOGGER).isEnabledFor(logging.INFO)
    assert not logging.getLogger("bot.delivery").isEnabledFor(logging.INFO)
