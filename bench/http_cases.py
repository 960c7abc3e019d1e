"""Request-path cases over loopback HTTP: the floors, Slack /report, Slack submission, Teams
turns, Slack under Teams load, and the server's memory."""

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import slack_requests as sr
from bench.context import CONFIG, Run, tag
from bench.load import LoadResult, Request
from bench.tools import Proc
from bot.app import open_runtime
from bot.clock import SystemClock
from storage.engine import open_database
from storage.migrate import upgrade_to_head

CONNECTIONS = (1, 32)


def row(name: str, result: LoadResult, floor: LoadResult | None = None,
        floor_name: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"case": name, **result.as_dict()}
    if floor is not None and floor.rps:
        data.update(ratio=round(result.rps / floor.rps, 3), floor=floor_name)
    return data


def target(name: str, value: str, met: bool, goal: str) -> dict[str, Any]:
    return {"target": name, "value": value, "goal": goal, "met": met}


def teams_messages(port: int, count: int, text: str = "hello") -> Iterator[Request]:
    for n in range(count):
        who = f"29:bench{n % 200}"
        body = json.dumps({
            "type": "message", "id": f"f:{n}", "channelId": "msteams", "text": text,
            "serviceUrl": f"http://127.0.0.1:{port}/", "timestamp": "2026-03-14T10:00:00.000Z",
            "from": {"id": who}, "recipient": {"id": "28:bot", "name": "bot"},
            "conversation": {"id": f"a:{who}", "conversationType": "personal",
                             "tenantId": "t"},
            "channelData": {"tenant": {"id": "t"}},
        }).encode()
        yield "/api/messages", {"Content-Type": "application/json"}, body


def measure(run: Run, server: Proc, data: Path, connections: int, limit: int = 10**9,
            warm: bool = False, priority: bool = False) -> LoadResult:
    assert server.port is not None
    if warm:
        run.loader.run(data, server.port, 8, 1.0, limit=max(1, min(limit, 2000)))
    return run.loader.run(data, server.port, connections, run.seconds, limit, priority)


def floors(run: Run) -> dict[str, dict[int, LoadResult]]:
    """Bare aiohttp and bare Bolt on /report requests; stock CloudAdapter on Teams messages."""
    reports = run.loader.prepare("floor-report", sr.report_commands(tag(), 30_000))
    teams = run.loader.prepare("teams-hello", teams_messages(run.fake_connector_port, 20_000))
    found: dict[str, dict[int, LoadResult]] = {}
    rows = []
    for role, data, name in (("aiohttp", reports, "bare aiohttp handler"),
                             ("bolt", reports, "bare Bolt AsyncApp, ack only"),
                             ("stock-teams", teams, "stock botbuilder CloudAdapter")):
        with run.serve_floor(role) as server:
            found[role] = {c: measure(run, server, data, c, warm=c == CONNECTIONS[0])
                           for c in CONNECTIONS}
        rows += [row(name, found[role][c]) for c in CONNECTIONS]
    run.results["floors"] = {"rows": rows, "targets": []}
    return found


def sample_rss(server: Proc, stop: threading.Event, peaks: list[float]) -> None:
    while not stop.wait(0.2):
        peaks.append(server.rss_mb())


def slack_and_teams(run: Run, floor: dict[str, dict[int, LoadResult]]) -> None:
    """/report, Teams turns and both together, on one `bot serve` (SQLite), plus memory."""
    bolt, stock = floor["bolt"], floor["stock-teams"]
    reports = run.loader.prepare("report", sr.report_commands(tag(), 40_000))
    teams = run.loader.prepare("teams-ours", teams_messages(run.fake_connector_port, 20_000))
    with run.serve_bot(run.sqlite_url("serve-main"), "serve-main", teams=True) as server:
        idle = server.rss_mb()
        peaks: list[float] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample_rss, args=(server, stop, peaks), daemon=True)
        sampler.start()
        report = {c: measure(run, server, reports, c, warm=c == CONNECTIONS[0])
                  for c in CONNECTIONS}
        stop.set()
        sampler.join()
        ours = {c: measure(run, server, teams, c, warm=c == CONNECTIONS[0]) for c in CONNECTIONS}
        # The Slack load runs ahead of the Teams load generator on the load CPUs, so that
        # what is measured is the server's isolation, not the load generators'.
        alone = measure(run, server, reports, 32, priority=True)
        assert server.port is not None
        busy_teams = run.loader.start(teams, server.port, 32, run.seconds + 1, 10**9)
        together = measure(run, server, reports, 32, priority=True)
        teams_meanwhile = run.loader.finish(busy_teams, 32, run.seconds + 1)
        loaded = max(peaks, default=server.rss_mb())
    rows = [row("Slack /report", report[c], bolt[c], "bare Bolt") for c in CONNECTIONS]
    run.results["slack_report"] = {"rows": rows, "targets": [
        target("/report throughput vs bare Bolt (32 conns)",
               f"{report[32].rps / bolt[32].rps:.0%}", report[32].rps >= 0.8 * bolt[32].rps,
               ">= 80%"),
        target("/report p99 at 32 connections", f"{report[32].p99_ms:.1f} ms",
               report[32].p99_ms < 10, "< 10 ms"),
    ]}
    rows = [row("Teams message turn", ours[c], stock[c], "stock CloudAdapter")
            for c in CONNECTIONS]
    rows += [row("Slack /report alone (32)", alone),
             row("Slack /report + Teams load (32+32)", together, alone, "Slack alone"),
             row("  the Teams load meanwhile", teams_meanwhile)]
    p99_ratio = together.p99_ms / alone.p99_ms if alone.p99_ms else float("inf")
    run.results["teams"] = {"rows": rows, "targets": [
        target("Teams turn throughput vs stock CloudAdapter (32 conns)",
               f"{ours[32].rps / stock[32].rps:.1f}x", ours[32].rps >= 5 * stock[32].rps,
               ">= 5x"),
        target("Slack /report p99 under Teams load vs alone", f"{p99_ratio:.2f}x",
               p99_ratio <= 2, "<= 2x"),
    ]}
    run.results["memory"] = {"rows": [
        {"case": "RSS idle (after start)", "rss_mb": round(idle, 1)},
        {"case": "RSS peak under /report load", "rss_mb": round(loaded, 1)},
    ], "targets": [target("RSS idle", f"{idle:.0f} MB", idle <= 150, "<= 150 MB")]}


async def _seed(url: str, who: str, count: int, migrate: bool) -> None:
    if migrate:
        database = open_database(url)
        try:
            await upgrade_to_head(database)
        finally:
            await database.dispose()
    runtime = await open_runtime(Path(CONFIG), SystemClock(), ("slack",), url=url)
    try:
        await sr.seed_reviews(runtime, who, count)
    finally:
        await runtime.database.dispose()


def submission(run: Run, label: str, url: str, floor_url: str) -> None:
    """view_submission → report committed, against Bolt doing one INSERT+COMMIT."""
    count = 3000 if run.quick else 6000
    who = tag()
    asyncio.run(_seed(url, who, count * 2, migrate=not url.startswith("sqlite")))
    data = {c: run.loader.prepare(f"submit-{label}-{c}", _slice(who, count * (c > 1), count))
            for c in CONNECTIONS}
    results = {}
    with run.serve_bot(url, f"serve-{label}") as server:
        for c in CONNECTIONS:
            results[c] = measure(run, server, data[c], c, limit=count)
    with run.serve_floor("bolt-insert", floor_url) as server:
        floor = {c: measure(run, server, data[c], c, warm=c == CONNECTIONS[0])
                 for c in CONNECTIONS}
    rows = [row(f"Bolt + one INSERT/COMMIT ({label})", floor[c]) for c in CONNECTIONS]
    rows += [row(f"Slack submission ({label})", results[c], floor[c], "Bolt+INSERT")
             for c in CONNECTIONS]
    ratio = results[32].rps / floor[32].rps if floor[32].rps else 0.0
    run.results[f"submission_{label}"] = {"rows": rows, "targets": [
        target(f"submission vs Bolt+INSERT on {label} (32 conns)", f"{ratio:.0%}",
               ratio >= 0.7, ">= 70%")]}


def _slice(who: str, start: int, count: int) -> Iterator[Request]:
    import time

    stamp = int(time.time())
    for n in range(start, start + count):
        yield sr.signed("/slack/events", sr.submission_body(who, n), stamp=stamp)
