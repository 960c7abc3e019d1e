"""The floors and fakes, each run as its own process: `python -m bench.servers ROLE PORT ...`.

Roles: aiohttp (bare handler), bolt (bare Bolt AsyncApp that only acks), bolt-insert URL (Bolt
doing one INSERT+COMMIT per view_submission), stock-teams (botbuilder's CloudAdapter replying
to the fake connector), fake-slack (tests' FakeSlack, plus GET /bench/posts), fake-connector
(tests' FakeConnector).
"""

import sys
import time
from typing import Any

from aiohttp import web

SECRET = "bench-signing-secret"
CARD = {"type": "AdaptiveCard", "version": "1.5",
        "body": [{"type": "TextBlock", "text": "Hello"}]}


def serve(app: web.Application, port: int) -> None:
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def bare_aiohttp() -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/slack/events", handle)
    app.router.add_post("/api/messages", handle)
    return app


def bare_bolt(database_url: str | None = None) -> web.Application:
    """A stock Bolt app (default middleware) with process_before_response=True."""
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp

    from adapters.slack.bolt_app import SingleWorkspace
    from tests.adapters.slack.fake_slack import TOKEN

    bolt = AsyncApp(signing_secret=SECRET, authorize=SingleWorkspace(TOKEN),
                    process_before_response=True)
    app = web.Application()

    @bolt.command("/report")
    async def report(ack: Any) -> None:
        await ack()

    if database_url is None:
        @bolt.view_submission("report_review")
        async def submitted(ack: Any) -> None:
            await ack()
    else:
        insert = _one_insert(app, database_url)

        @bolt.view_submission("report_review")
        async def stored(ack: Any, body: dict[str, Any]) -> None:
            await insert(str(body.get("user", {}).get("id", "")))
            await ack()

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    app.router.add_post("/slack/events", handle)
    return app


def _one_insert(app: web.Application, url: str):  # type: ignore[no-untyped-def]
    """One INSERT+COMMIT through the project's own engine settings (same pragmas, pool)."""
    from sqlalchemy import Column, Integer, MetaData, String, Table

    from storage.engine import open_database

    metadata = MetaData()
    table = Table("bench_floor", metadata, Column("id", Integer, primary_key=True),
                  Column("who", String(64)), Column("at", String(40)))
    holder: dict[str, Any] = {}

    async def lifecycle(_app: web.Application):  # type: ignore[no-untyped-def]
        database = open_database(url)
        async with database.engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        holder["db"] = database
        yield
        await database.dispose()

    app.cleanup_ctx.append(lifecycle)

    async def insert(who: str) -> None:
        async with holder["db"].transaction() as session:
            await session.execute(table.insert().values(who=who, at=str(time.time())))

    return insert


def stock_teams() -> web.Application:
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
    return app


def fake_slack() -> web.Application:
    """The tests' fake Web API; GET /bench/posts lists chat.postMessage arrivals with times."""
    from tests.adapters.slack.fake_slack import FakeSlack

    class TimedFake(FakeSlack):
        def __init__(self) -> None:
            super().__init__()
            self.posts: list[dict[str, Any]] = []
            self.app.router.add_get("/bench/posts", self._posts)

        async def _handle(self, request: web.Request) -> web.Response:
            response = await super()._handle(request)
            call = self.calls[-1]
            if call.method == "chat.postMessage":
                self.posts.append({"at": time.time(), "channel": call.args.get("channel"),
                                   "text": call.args.get("text")})
            if call.method.startswith("views."):
                self.calls.pop()  # the modal itself is not needed after it was answered
            return response

        async def _posts(self, request: web.Request) -> web.Response:
            return web.json_response({"posts": self.posts, "calls": len(self.calls)})

    return TimedFake().app


def fake_connector() -> web.Application:
    from tests.adapters.teams.fake_connector import FakeConnector

    connector = FakeConnector()
    app = connector.app()

    async def count(request: web.Request) -> web.Response:
        sent = len(connector.records)
        connector.records.clear()  # keep memory flat during long runs
        return web.json_response({"records": sent})

    app.router.add_get("/bench/records", count)
    return app


ROLES = {"aiohttp": bare_aiohttp, "bolt": bare_bolt, "stock-teams": stock_teams,
         "fake-slack": fake_slack, "fake-connector": fake_connector}

if __name__ == "__main__":
    role, port = sys.argv[1], int(sys.argv[2])
    if role == "bolt-insert":
        serve(bare_bolt(sys.argv[3]), port)
    else:
        serve(ROLES[role](), port)
