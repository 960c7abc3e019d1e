"""Personal export links: signed for one person, case and format; short-lived; the download
re-checks authorisation, is audited and is never cached."""

import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.cases.export_links import (
    LINK_LIFETIME,
    ExportLinkError,
    ExportLinks,
    export_links_from,
)
from bot.cases.export_route import mount_exports
from bot.clock import ManualClock
from bot.crypto import parse_key_ring
from bot.runtime import Runtime
from tests.bot.cases.helpers import acknowledged, audit_actions
from tests.bot.driving import actor

BASE = "https://safeguard.example.org/"


@pytest.fixture
def links(runtime: Runtime) -> ExportLinks:
    found = export_links_from({"SAFEGUARD_PUBLIC_URL": BASE}, runtime.keys)
    assert found is not None
    return found


@pytest.fixture
async def client(runtime: Runtime, links: ExportLinks) -> AsyncIterator[TestClient]:
    app = web.Application()
    mount_exports(app, runtime, links)
    async with TestClient(TestServer(app)) as client:
        yield client


def _path(link: str) -> str:
    assert link.startswith(BASE + "exports/")
    return urlsplit(link).path


def test_no_public_address_means_no_links_and_a_bad_one_is_refused(
        runtime: Runtime, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "bot.cases.export_links"):
        assert export_links_from({}, runtime.keys) is None
    assert "set SAFEGUARD_PUBLIC_URL" in caplog.text  # the admin's instruction is in the log
    for bad in ("ftp://example.org/", "safeguard.example.org", "https://"):
        with pytest.raises(ExportLinkError, match="SAFEGUARD_PUBLIC_URL"):
            export_links_from({"SAFEGUARD_PUBLIC_URL": bad}, runtime.keys)


def test_a_link_reads_back_only_untouched_unexpired_and_under_a_known_key(
    runtime: Runtime, clock: ManualClock, links: ExportLinks,
) -> None:
    lead = actor(runtime, "lead")
    token = links.link(lead, "SG-2026-0001", "pdf", clock.now()).rsplit("/", 1)[1]
    claim = links.read(token, clock.now())
    assert claim is not None
    assert (claim.platform, claim.user_id, claim.reference, claim.format) == (
        lead.platform, lead.user_id, "SG-2026-0001", "pdf")
    key_id, body, mac = token.split(".")
    tampered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB")
    assert links.read(f"{key_id}.{tampered}.{mac}", clock.now()) is None
    assert links.read(token + "x", clock.now()) is None
    assert links.read("not-a-token", clock.now()) is None
    assert links.read(token, clock.now() + LINK_LIFETIME) is None
    other = ExportLinks(BASE, parse_key_ring(f"{key_id}:{'A' * 43}="))
    assert other.read(token, clock.now()) is None


async def test_the_person_downloads_their_export_and_it_is_audited(
    runtime: Runtime, clock: ManualClock, links: ExportLinks, client: TestClient,
) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    pdf = await client.get(_path(links.link(lead, reference, "pdf", clock.now())))
    assert pdf.status == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Cache-Control"] == "no-store"
    assert f'filename="{reference}.pdf"' in pdf.headers["Content-Disposition"]
    assert (await pdf.read()).startswith(b"%PDF")
    made = await client.get(_path(links.link(lead, reference, "json", clock.now())))
    assert json.loads(await made.read())["report"]["reference"] == reference
    exported = [e.detail for e in await audit_actions(runtime) if e.action == "case_exported"]
    assert exported == [{"format": "pdf"}, {"format": "json"}]


async def test_an_expired_forged_or_unauthorised_link_gets_a_plain_refusal(
    runtime: Runtime, clock: ManualClock, links: ExportLinks, client: TestClient,
) -> None:
    reference = await acknowledged(runtime)
    lead_link = _path(links.link(actor(runtime, "lead"), reference, "pdf", clock.now()))
    staff_link = _path(links.link(actor(runtime, "alex"), reference, "pdf", clock.now()))
    refused = await client.get(staff_link)
    assert refused.status == 403 and "cannot export" in await refused.text()
    assert (await client.get(lead_link + "x")).status == 404
    clock.advance(LINK_LIFETIME + timedelta(seconds=1))
    expired = await client.get(lead_link)
    assert expired.status == 404 and "expired" in await expired.text()
    trail = await audit_actions(runtime)
    assert [e.action for e in trail if e.action.startswith("case_exported")] == [
        "case_exported_refused"]
