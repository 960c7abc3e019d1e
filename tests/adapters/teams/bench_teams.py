"""Benchmark (not a test): Teams message turns, ours against stock botbuilder CloudAdapter,
and Slack's /report p99 with and without concurrent Teams load on the same process.

    .venv/bin/python -m tests.adapters.teams.bench_teams [--seconds 8] [--connections 32]

Each server runs in its own process; fakes (Bot Connector, Slack Web API) in another; the load
comes from this process. Authentication is off for both Teams stacks (stock botbuilder would
fetch Microsoft's OpenID metadata over the network otherwise); ours then skips only the JWT
check, which costs one cached-key RS256 verification.
"""

import argparse
import asyncio
import functools
import hashlib
import hmac
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[3]
SECRET = "bench-signing-secret"
CARD = {"type": "AdaptiveCard", "version": "1.5",
        "body": [{"type": "TextBlock", "text": "Hello"}]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- processes ------------------------------------------------------------------------------

def run_fakes(port: int) -> None:
    ids = itertools.count(1)

    async def activity(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response({"id": f"m{next(ids)}"}, status=201)

    async def slack(request: web.Request) -> web.Response:
        await request.read()
        method = request.match_info["method"]
        body = {"ok": True, "ts": f"{time.time():.6f}", "channel": "C0ALERTS"}
        if method.startswith("views."):
            body["view"] = {"id": f"V{next(ids)}", "hash": "h"}
        if method == "auth.test":
            body.update(user_id="UBOT", bot_id="BBOT", team_id="T1")
        return web.json_response(body)

    app = web.Application()
    app.router.add_route("*", "/v3/conversations/{c}/activities", activity)
    app.router.add_route("*", "/v3/conversations/{c}/activities/{a}", activity)
    app.router.add_route("*", "/api/{method}", slack)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def run_stock(port: int) -> None:
    from botbuilder.core import ActivityHandler, CardFactory, MessageFactory, TurnContext
    from botbuilder.integration.aiohttp import (
        CloudAdapter,
        ConfigurationBotFrameworkAuthentication,
    )

    class Config:
        APP_ID = ""
        APP_PASSWORD = ""
        APP_TYPE = "MultiTenant"
        APP_TENANTID = ""

    class Bot(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            await turn_context.send_activity(
                MessageFactory.attachment(CardFactory.adaptive_card(CARD)))

    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(Config()))
    bot = Bot()

    async def messages(request: web.Request) -> web.StreamResponse:
        return await adapter.process(request, bot)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def run_ours(port: int, fakes: int, database: str) -> None:
    os.environ.update({"SAFEGUARD_TEAMS_NO_AUTH": "1", "SLACK_SIGNING_SECRET": SECRET,
                       "SLACK_BOT_TOKEN": "xoxb-bench", "DATABASE_URL": database,
                       "SLACK_API_URL": f"http://127.0.0.1:{fakes}/api/"})
    from bot.app import open_runtime
    from bot.clock import SystemClock
    from bot.server import create_server_app

    async def build() -> web.Application:
        runtime = await open_runtime(ROOT / "examples" / "organisation.toml", SystemClock(),
                                     ("slack", "teams"))
        return create_server_app(runtime, os.environ, "127.0.0.1")

    web.run_app(build(), host="127.0.0.1", port=port, print=None, access_log=None)


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tests.adapters.teams.bench_teams",
                             "--serve", *args], cwd=ROOT)


async def wait_up(port: int) -> None:
    for _ in range(200):
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


# -- load -----------------------------------------------------------------------------------

def teams_activity(number: int, fakes: int, text: str = "hello") -> bytes:
    user = f"29:bench{number % 50}"
    return json.dumps({
        "type": "message", "id": f"f:{number}", "channelId": "msteams", "text": text,
        "serviceUrl": f"http://127.0.0.1:{fakes}/", "timestamp": "2026-03-14T10:00:00.000Z",
        "from": {"id": user}, "recipient": {"id": "28:bot", "name": "bot"},
        "conversation": {"id": f"a:{user}", "conversationType": "personal", "tenantId": "t"},
        "channelData": {"tenant": {"id": "t"}},
    }).encode()


def slack_report(number: int) -> tuple[bytes, dict[str, str]]:
    body = urlencode({"command": "/report", "text": "", "user_id": f"UB{number}",
                      "user_name": "bench", "team_id": "T1", "channel_id": "D1",
                      "trigger_id": f"trigger.{number}", "response_url":
                      "http://127.0.0.1:1/r"}).encode()
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    return body, {"Content-Type": "application/x-www-form-urlencoded",
                  "X-Slack-Request-Timestamp": stamp,
                  "X-Slack-Signature": f"v0={digest.hexdigest()}"}


async def load(url: str, make, seconds: float, connections: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    counter = itertools.count((os.getpid() * 7919 + int(time.time() * 1000)) % 10**9 * 1000)
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            body, headers = make(next(counter))
            started = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status >= 300:
                    errors += 1
            latencies.append(time.perf_counter() - started)

    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        began = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(connections)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000}


def teams_request(fakes: int, text: str, number: int) -> tuple[bytes, dict[str, str]]:
    return teams_activity(number, fakes, text), {"Content-Type": "application/json"}


def load_in_process(url: str, kind: str, fakes: int, seconds: float, connections: int
                    ) -> dict[str, float]:
    """One load generator in its own process, so that two loads do not share a loop."""
    texts = {"teams": "hello", "teams-text": "what happens now"}
    make = (functools.partial(teams_request, fakes, texts[kind]) if kind in texts
            else slack_report)
    return asyncio.run(load(url, make, seconds, connections))


def show(name: str, result: dict[str, float]) -> None:
    print(f"{name:<44} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:7.1f} ms  "
          f"p99 {result['p99_ms']:7.1f} ms  ({result['requests']:.0f} requests, "
          f"{result['errors']:.0f} errors)", flush=True)


async def main(seconds: float, connections: int) -> None:
    fakes, slack_fake, stock, ours = free_port(), free_port(), free_port(), free_port()
    loop = asyncio.get_running_loop()
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(2) as pool:
        database = f"sqlite+aiosqlite:///{folder}/bench.db"
        processes = [spawn("fakes", str(fakes)), spawn("fakes", str(slack_fake)),
                     spawn("stock", str(stock)),
                     spawn("ours", str(ours), str(slack_fake), database)]

        def run(port: int, path: str, kind: str, span: float, width: int):  # type: ignore[no-untyped-def]
            return loop.run_in_executor(pool, load_in_process, f"http://127.0.0.1:{port}{path}",
                                        kind, fakes, span, width)

        try:
            for port in (fakes, slack_fake, stock, ours):
                await wait_up(port)
            await run(ours, "/api/messages", "teams", 1, 4)  # warm up
            await run(stock, "/api/messages", "teams", 1, 4)
            await run(ours, "/slack/events", "slack", 1, 4)
            base = await run(stock, "/api/messages", "teams", seconds, connections)
            show("Teams turn, stock CloudAdapter", base)
            mine = await run(ours, "/api/messages", "teams", seconds, connections)
            show("Teams turn, this adapter ('hello': no database)", mine)
            text = await run(ours, "/api/messages", "teams-text", seconds, connections)
            show("Teams turn, this adapter (free text: a read)", text)
            quiet = await run(ours, "/slack/events", "slack", seconds, 4)
            show("Slack /report alone (4 connections)", quiet)
            busy, teams_busy = await asyncio.gather(
                run(ours, "/slack/events", "slack", seconds, 4),
                run(ours, "/api/messages", "teams", seconds, connections))
            show("Slack /report under Teams load", busy)
            show("  (the Teams load meanwhile)", teams_busy)
            print(f"\nTeams throughput ratio (ours / stock): {mine['rps'] / base['rps']:.1f}x "
                  f"('hello'), {text['rps'] / base['rps']:.1f}x (free text) (needs >= 5x)")
            print(f"Slack p99 ratio (Teams load / none): {busy['p99_ms'] / quiet['p99_ms']:.2f}x"
                  " (needs <= 2x)")
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        role, *rest = sys.argv[2:]
        if role == "fakes":
            run_fakes(int(rest[0]))
        elif role == "stock":
            run_stock(int(rest[0]))
        else:
            run_ours(int(rest[0]), int(rest[1]), rest[2])
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    asyncio.run(main(options.seconds, options.connections))
