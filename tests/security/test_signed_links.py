"""Signed links are bearer secrets: never in a log line, and any malformed token is a 404,
never a 500 (property-based, against the production app)."""

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import example, given
from hypothesis import strategies as st

from bot.cases.export_links import ExportLinks, export_links_from
from bot.clock import ManualClock
from bot.crypto import new_key_entry, parse_key_ring
from bot.runtime import Runtime
from bot.server import RUNNER_OPTIONS, create_server_app
from bot.signed_links import REDACTED, Signer, redact, signed_prefixes, signed_route
from tests.bot.cases.helpers import acknowledged
from tests.bot.driving import actor
from tests.security.strategies import ANY_CHAR, JSON, OVER_HTTP, PURE, TEXT

BASE = "https://safeguard.example.org/"
KEYS = parse_key_ring(new_key_entry("t1"))
NOW = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
B64 = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=80)


@pytest.fixture
async def exports(runtime: Runtime, monkeypatch: pytest.MonkeyPatch
                  ) -> AsyncIterator[tuple[TestClient, ExportLinks]]:
    """The production app with export links, and its access log as `serve` writes it."""

    async def idle(*_args: object) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr("bot.server._worker_loop", idle)
    monkeypatch.setattr("bot.server.watch_chain_heads", idle)
    runtime = dataclasses.replace(runtime, platforms=("console",))
    app = create_server_app(runtime, {"SAFEGUARD_PUBLIC_URL": BASE}, "127.0.0.1")
    links = export_links_from({"SAFEGUARD_PUBLIC_URL": BASE}, runtime.keys)
    assert links is not None
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server(**RUNNER_OPTIONS)
    client = TestClient(server)
    await client.start_server()
    try:
        yield client, links
    finally:
        await client.close()


def _token(link: str) -> str:
    return urlsplit(link).path.rsplit("/", 1)[1]


async def test_a_download_leaves_no_token_in_any_log_line(
    runtime: Runtime, clock: ManualClock, exports: tuple[TestClient, ExportLinks],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client, links = exports
    reference = await acknowledged(runtime)
    token = _token(links.link(actor(runtime, "lead"), reference, "pdf", clock.now()))
    body, mac = token.split(".")[1:]
    for path in (f"/exports/{token}", f"/exports/{token}x", f"/exports/{token[:-3]}",
                 f"/exports/{token}?again=1"):
        response = await client.get(path, headers={"Referer": f"{BASE}exports/{token}"})
        assert response.status in (200, 404)
    lines = [record.getMessage() for record in caplog.records]
    access = [line for line in lines if "/exports/" in line]
    assert len(access) == 4 and all(f"/exports/{REDACTED}" in line for line in access)
    assert any('" 200 ' in line for line in access)
    for secret in (token, body[:16], mac[:16]):
        assert not any(secret in line for line in lines), secret


def test_every_signed_route_and_anything_shaped_like_a_token_is_redacted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.signed_links._PREFIXES", set(signed_prefixes()))
    assert "/exports/" in signed_prefixes()
    signed_route("/acknowledge/{token}")  # links to come are declared the same way
    assert redact("/acknowledge/anything-at-all") == f"/acknowledge/{REDACTED}"
    assert redact("/exports/k1.eyJw.%C3%A9") == f"/exports/{REDACTED}"
    mac = "BVcmcJTPqGRHyVVotmY_gjSgSAjfLQZ37xgRzfTv_9s"
    assert redact(f"/later/k7.eyJwIjoiYSJ9.{mac}/x") == f"/later/{REDACTED}/x"
    assert redact(f"/later/k7.e30.{mac[:20]}") == f"/later/{REDACTED}"
    assert redact("/slack/events?token=abc") == f"/slack/events?{REDACTED}"
    for plain in ("/slack/events", "/api/messages", "/healthz", "/metrics", "-"):
        assert redact(plain) == plain


@PURE
@given(claim=st.dictionaries(TEXT, JSON, max_size=5), prefix=st.sampled_from(["/exports/",
                                                                              "/other/", "/"]))
def test_no_token_survives_redaction(claim: dict[str, object], prefix: str) -> None:
    token = Signer(KEYS, b"any purpose").make(claim)
    shown = redact(prefix + token)
    assert token.split(".")[2] not in shown and token not in shown


@PURE
@given(text=st.text(ANY_CHAR, max_size=300) | st.builds(
    lambda key, body, mac: f"{key}.{body}.{mac}", st.sampled_from(["t1", "k1", ""]), B64, TEXT))
@example(text="t1.eyJwIjoic2xhY2sifQ.\u00e9")
def test_reading_any_text_as_a_link_never_raises(text: str) -> None:
    assert ExportLinks(BASE, KEYS).read(text, NOW) is None


@PURE
@given(claim=st.dictionaries(st.sampled_from(["p", "u", "r", "f", "e"]) | TEXT, JSON,
                             max_size=6) | JSON)
def test_even_a_genuinely_signed_odd_claim_is_refused_quietly(claim: object) -> None:
    links = ExportLinks(BASE, KEYS)
    token = links.signer.make(claim) if isinstance(claim, dict) else links.signer.make({"x": 1})
    found = links.read(token, NOW)
    assert found is None or isinstance(found.reference, str)


@OVER_HTTP
@given(token=st.one_of(
    st.text(ANY_CHAR, min_size=1, max_size=200).map(
        lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")),
    st.binary(min_size=1, max_size=200).map(lambda b: quote(b, safe="")),
    st.builds(lambda body, tail: f"t1.{body}.{tail}", B64,
              st.text(ANY_CHAR, max_size=60).map(
                  lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")))))
@example(token="t1.eyJwIjoic2xhY2sifQ.%C3%A9")
@example(token="t1.eyJwIjoic2xhY2sifQ.%FF%FE")
@example(token="t1..")
async def test_any_malformed_token_is_a_404(
    exports: tuple[TestClient, ExportLinks], token: str,
) -> None:
    client, _links = exports
    response = await client.get(f"/exports/{token}")
    assert response.status == 404, (response.status, token)
    assert response.headers.get("Cache-Control") == "no-store" or response.status == 404
