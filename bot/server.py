"""The HTTP server (`safeguard-bot serve`): health, and the workers that deliver and escalate.

Platform endpoints (`POST /slack/events`, `POST /api/messages`) are mounted here by their
adapters; each adapter is imported inside the function that mounts it.
"""

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot import workers
from bot.app import StartupError, open_runtime
from bot.cases.export_links import ExportLinkError, export_links_from
from bot.cases.export_route import mount_exports
from bot.chain_watch import watch_chain_heads
from bot.clock import SystemClock
from bot.delivery import Transport
from bot.health import check_delivery
from bot.runtime import Runtime
from bot.signed_links import redact

log = logging.getLogger(__name__)
RUNTIME = web.AppKey("runtime", Runtime)
WORKERS = web.AppKey("workers", list)


async def _worker_loop(runtime: Runtime, transports: dict[str, Transport]) -> None:
    await workers.run(runtime, transports)


class AccessLog(AbstractAccessLogger):
    """aiohttp's access line, with signed links (export tokens and the like) cut out of the
    path, the query and the Referer (bot.signed_links.redact)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float
            ) -> None:
        version = request.version
        self.logger.info('%s "%s %s HTTP/%s.%s" %s %s %.3fs "%s" "%s"', request.remote,
                         request.method, redact(request.raw_path), version.major,
                         version.minor, response.status, response.body_length, time,
                         redact(request.headers.get("Referer", "-")),
                         request.headers.get("User-Agent", "-"))


RUNNER_OPTIONS: dict[str, Any] = {"access_log_class": AccessLog}
"""How `serve` runs the app (tests start theirs the same way)."""


async def healthz(request: web.Request) -> web.Response:
    runtime = request.app[RUNTIME]
    problems = []
    try:
        health = await check_delivery(runtime.database, runtime.clock.now())
        problems.extend(health.problems())
    except Exception as error:
        problems.append(f"database: unreachable ({type(error).__name__})")
    if any(task.done() for task in request.app[WORKERS]):
        problems.append("workers: stopped")
    status = 503 if problems else 200
    return web.json_response({"ok": not problems, "problems": problems}, status=status)


async def metrics(request: web.Request) -> web.Response:
    runtime = request.app[RUNTIME]
    try:
        await runtime.metrics.refresh(runtime.database, runtime.clock.now())
    except Exception as error:  # still serve the in-memory counters
        log.warning("metrics refresh failed: %s", type(error).__name__)
    return web.Response(body=runtime.metrics.render(),
                        headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})


def build_app(runtime: Runtime, transports: dict[str, Transport]) -> web.Application:
    app = web.Application(client_max_size=256 * 1024)
    app[RUNTIME] = runtime
    app[WORKERS] = []
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)

    async def workers(app: web.Application) -> AsyncIterator[None]:
        app[WORKERS].append(asyncio.create_task(_worker_loop(runtime, transports)))
        app[WORKERS].append(asyncio.create_task(watch_chain_heads(runtime)))
        yield
        for task in app[WORKERS]:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await runtime.database.dispose()

    app.cleanup_ctx.append(workers)
    return app


def enabled_platforms(environ: Mapping[str, str]) -> tuple[str, ...]:
    """Slack when its secrets are set; Teams when an app id (or the local switch) is set."""
    platforms = []
    if environ.get("SLACK_SIGNING_SECRET") or environ.get("SLACK_BOT_TOKEN"):
        platforms.append("slack")
    if environ.get("MICROSOFT_APP_ID") or environ.get("SAFEGUARD_TEAMS_NO_AUTH") == "1":
        platforms.append("teams")
    if not platforms:
        raise StartupError(
            "no platform is configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN for "
            "Slack, and/or MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and "
            "MICROSOFT_APP_TENANT_ID for Teams (to try the bot without either, use "
            "`safeguard-bot console`)"
        )
    return tuple(platforms)


def create_server_app(runtime: Runtime, environ: Mapping[str, str], host: str
                      ) -> web.Application:
    """The aiohttp app with every platform in runtime.platforms mounted on it."""
    transports: dict[str, Transport] = {}
    app = build_app(runtime, transports)
    try:
        links = export_links_from(environ, runtime.keys)
    except ExportLinkError as error:
        raise StartupError(str(error)) from None
    if links is not None:
        mount_exports(app, runtime, links)
    if "slack" in runtime.platforms:
        from adapters.slack.mount import mount_slack

        transports["slack"] = mount_slack(app, runtime, environ)
    if "teams" in runtime.platforms:
        from adapters.teams.mount import mount_teams

        transports["teams"] = mount_teams(app, runtime, environ, host)
    return app


async def serve(config_path: Path, host: str, port: int) -> int:
    platforms = enabled_platforms(os.environ)
    runtime = await open_runtime(config_path, SystemClock(), platforms)
    try:
        app = create_server_app(runtime, os.environ, host)
    except BaseException:
        await runtime.database.dispose()
        raise
    runner = web.AppRunner(app, **RUNNER_OPTIONS)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1] if runner.addresses else port
    print(f"listening on http://{host}:{bound}", flush=True)  # --port 0 picks a free port
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0
