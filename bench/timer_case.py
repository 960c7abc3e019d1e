"""Timers: how late due timers fire (10,000 on SQLite, one process), and whether three replicas
on one PostgreSQL database ever deliver anything twice (real escalations and outbox)."""

import asyncio
import json
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bench.context import Run
from bench.pg import fresh_database
from bench.tools import ALL_CPUS, SERVER_CPU, Proc, module, percentile
from bot.crypto import parse_key_ring
from storage.engine import open_database
from storage.migrate import upgrade_to_head
from storage.models import Report, Timer

BOOT = 3.0
"""Seconds between seeding and the first timer falling due (the workers start meanwhile)."""


async def seed(url: str, run: Run, timers: int, spread: float, reports: bool
               ) -> tuple[float, float]:
    """Timers due from BOOT seconds from now over `spread` seconds; with `reports`, each is a
    real escalation of a submitted report. Returns (first due, last due) as epoch seconds."""
    database = open_database(url)
    try:
        await upgrade_to_head(database)
        start = datetime.now(UTC) + timedelta(seconds=BOOT)
        sealed = parse_key_ring(run.keys).seal_json({"description": "x"}, "bench")
        async with database.transaction() as session:
            ids: list[int | None] = [None] * timers
            if reports:
                values = [submitted_report(n, sealed, datetime.now(UTC)) for n in range(timers)]
                result = await session.execute(insert(Report).returning(Report.id), values)
                ids = list(result.scalars())
            await session.execute(insert(Timer), [
                {"kind": "escalation" if reports else "bench", "report_id": ids[n],
                 "step": 1 if reports else n, "due_at": start + timedelta(
                     seconds=spread * n / timers), "status": "pending", "payload": {},
                 "created_at": datetime.now(UTC)} for n in range(timers)])
    finally:
        await database.dispose()
    return start.timestamp(), start.timestamp() + spread


def submitted_report(n: int, sealed: str, now: datetime) -> dict[str, Any]:
    """An operational incident waiting for acknowledgement (its content one sealed value)."""
    return {"reference": f"OI-{now.year}-B{n:06d}", "kind": "operational_incident",
            "state": "submitted", "urgency": "normal", "is_practice": False,
            "flow_id": "operational_incident", "flow_version": 1, "reporter_platform": "slack",
            "reporter_user_id": f"UB{n:06d}", "about_staff": False, "started_at": now,
            "recorded_at": now, "answers_sealed": sealed, "context_sealed": sealed,
            "routed_roles": ["safeguarding_lead", "deputy_safeguarding_lead", "ceo"],
            "version": 1}


def workers(run: Run, url: str, replicas: int, last_due: float, limit: float
            ) -> list[dict[str, Any]]:
    outs = [run.folder / f"worker-{n}-{time.monotonic_ns()}.json" for n in range(replicas)]
    cpus = SERVER_CPU if replicas == 1 else ALL_CPUS
    procs = [Proc(module("bench.worker", url, str(out), str(limit), str(last_due + 0.5)),
                  cpus=cpus, env={"SAFEGUARD_KEYS": run.keys}, log=run.log("workers"))
             for out in outs]
    try:
        for proc in procs:
            proc.process.wait(timeout=limit + 30)
    finally:
        for proc in procs:
            proc.stop()
    return [json.loads(Path(out).read_text()) for out in outs if Path(out).exists()]


def lateness(results: list[dict[str, Any]]) -> dict[str, float]:
    late = [max(0.0, at - due) * 1000 for r in results for _id, due, at in r["fired"]]
    return {"fired": len(late), "p50_ms": round(percentile(late, 50), 1),
            "p99_ms": round(percentile(late, 99), 1), "max_ms": round(max(late, default=0), 1)}


def timers(run: Run) -> None:
    count, spread = (2_000, 4.0) if run.quick else (10_000, 10.0)
    url = run.sqlite_url("timers")
    _first, last = asyncio.run(seed(url, run, count, spread, reports=False))
    single = lateness(workers(run, url, 1, last, spread + 60))
    rows_out: list[dict[str, Any]] = [{
        "case": f"{count:,} timers due over {spread:.0f} s, 1 process (sqlite)",
        "timers": count, **single}]
    targets = [{"target": f"timer lateness p99 ({count:,} due, sqlite)",
                "value": f"{single['p99_ms']:.0f} ms", "goal": "< 1 s",
                "met": single["p99_ms"] < 1000 and single["fired"] == count}]
    if run.postgres_admin:
        replicas = 3
        escalations = 300 if run.quick else 600
        spread_pg = 4.0 if run.quick else 6.0

        async def on_postgres() -> list[dict[str, Any]]:
            async with fresh_database(run.postgres_admin) as pg:  # type: ignore[arg-type]
                _f, last_pg = await seed(pg, run, escalations, spread_pg, reports=True)
                return await asyncio.to_thread(workers, run, pg, replicas, last_pg,
                                               spread_pg + 90)

        results = asyncio.run(on_postgres())
        keys = Counter(k for r in results for k in r["sent"])
        runs = Counter(i for r in results for i, _d, _a in r["fired"])
        duplicates = sum(n - 1 for n in keys.values() if n > 1)
        late = lateness(results)
        rows_out.append({"case": f"{escalations:,} escalations, {replicas} replicas "
                                 "(postgres)", "timers": escalations, **late,
                         "deliveries": sum(keys.values()), "duplicates": duplicates,
                         "handler_reruns": sum(n - 1 for n in runs.values() if n > 1)})
        targets.append({"target": "duplicate deliveries, 3 replicas on postgres",
                        "value": str(duplicates), "goal": "0",
                        "met": duplicates == 0 and late["fired"] >= escalations})
    run.results["timers"] = {"rows": rows_out, "targets": targets}

