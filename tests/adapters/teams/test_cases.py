"""Case actions in Teams over HTTP against the fake Bot Connector: open the case from the
private details card, add to it, see a clock's reminder, give feedback, close and export.
Case content only ever travels in invoke responses, never in an activity sent to Teams."""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from adapters.teams.cards import adaptive_card
from adapters.teams.forms import SUBMITTED
from adapters.teams.mount import mount_teams
from adapters.teams.settings import Endpoints
from bot.app import StartupError
from bot.cases.case_cards import case_card
from bot.cases.export_links import EXPORTS_OFF, export_links_from
from bot.cases.export_route import mount_exports
from bot.cases.record import CaseView, EntryView
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import AuditEvent
from tests.adapters.teams.conftest import ENVIRON, start_teams
from tests.adapters.teams.driver import (
    Filler,
    action,
    all_actions,
    execute_action,
    show_card_inputs,
    texts,
)
from tests.adapters.teams.fake_connector import FakeConnector
from tests.adapters.teams.harness import ALERTS, Teams
from tests.adapters.teams.schemas import check_card
from tests.adapters.teams.test_checkins import cards_to, tick
from tests.adapters.teams.test_journey import REPORTER, channel_alert, file_report, install
from tests.kinds import ReportKind

LEAD, DPL, MANAGER, OUTSIDER = "29:lead", "29:dpl", "29:manager", "29:stranger"
BREACH = ReportKind.CONFIDENTIALITY_BREACH
REFERENCE = f"{BREACH.prefix}-2026-0001"
NOTE = "Quokka-5521 forwarded the recording"
REFERRAL_NOTE = "Passed on Heron-3307's account"
THEIRS = "POL-Wren-7731"
REASONS = "Not reportable: Marten-9046 was encrypted"
CLOSING = "Contained and reviewed: Lynx-2210"
PRIVATE = (NOTE, REFERRAL_NOTE, THEIRS, REASONS, CLOSING)
# The Filler says the breach came to light on Fri 13 March 09:30: the ICO's 72 hours run out
# on Monday 16 March at 09:30 (London is on UTC in March), with a reminder 24 hours before.
ICO_REMINDER = datetime(2026, 3, 15, 9, 30, tzinfo=UTC)


@pytest.fixture
async def teams(teams_runtime: Runtime, connector: FakeConnector) -> AsyncIterator[Teams]:
    """Teams with export links on, and the download route served by the same app."""
    environ = {**ENVIRON, "SAFEGUARD_PUBLIC_URL": "https://safeguard.example.org/"}
    app = web.Application()
    endpoints = Endpoints(openid_metadata_url=f"{connector.base_url}/openid",
                          login_base=f"{connector.base_url}/")
    transport = mount_teams(app, teams_runtime, environ, "127.0.0.1", endpoints=endpoints)
    links = export_links_from(environ, teams_runtime.keys)
    assert links is not None
    mount_exports(app, teams_runtime, links)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield Teams(client, connector, teams_runtime, transport)
    await client.close()


@dataclass
class Case:
    """A breach alerted in the channel, its details and case opened by whoever presses."""

    teams: Teams
    alert_id: str
    filler: Filler
    submitted: int  # activities sent until submission (the form showed answers till then)

    @property
    def thread(self) -> dict[str, Any]:
        return self.teams.channel(ALERTS, self.alert_id)

    async def press(self, verb: str, user: str = LEAD, **inputs: str) -> dict[str, Any]:
        """Press a case button, or with inputs its form's send button (inputs as typed in the
        form, and the send's SUBMITTED mark); returns the card shown."""
        sent = {SUBMITTED: "1", **inputs} if inputs else {}
        response = await self.teams.press(user, verb, {"reference": REFERENCE, **sent},
                                          self.alert_id, self.thread)
        assert response["type"] == "application/vnd.microsoft.card.adaptive", response
        return response["value"]


async def reported(teams: Teams, acknowledge: bool = True) -> Case:
    await install(teams)
    await teams.post(teams.install_personal(DPL))
    filler = Filler()
    await file_report(teams, BREACH, filler)
    submitted = len(teams.connector.records)
    await teams.deliver()
    _, alert_id = channel_alert(teams)
    case = Case(teams, alert_id, filler, submitted)
    if acknowledge:
        await case.press("alert.ack")
    return case


async def entry_count(runtime: Runtime) -> int:
    async with runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(CaseEntry)) or 0)


def assert_nothing_private_was_posted(case: Case) -> None:
    """No case text in any activity sent to Teams; no report content after submission."""
    for number, record in enumerate(case.teams.connector.records):
        sent = json.dumps(record.body)
        report = case.filler.planted if number >= case.submitted else []
        for secret in (*PRIVATE, *report):
            assert secret not in sent, (record.conversation_id, secret)


async def test_open_record_remind_feedback_close_and_export(teams: Teams,
                                                            clock: ManualClock) -> None:
    case = await reported(teams)
    details = await case.press("alert.view")
    opened = action(details, "case.open")
    assert opened is not None and opened["data"]["reference"] == REFERENCE
    card = await case.press("case.open")
    shown = texts(card)
    assert "Private case record" in shown and "Held by" in shown and "SO" in shown
    assert "Decide on telling the ICO" in shown and "1d 23h 30m left" in shown
    assert {i["type"] for i in show_card_inputs(card, "case.refer")} == {
        "Input.ChoiceSet", "Input.Date", "Input.Text"}
    assert execute_action(card, "case.feedback") and execute_action(card, "case.close")

    card = await case.press("case.note", case_note=NOTE)
    assert f"Note #1 added to {REFERENCE}." in texts(card) and NOTE in texts(card)
    card = await case.press("case.refer", case_referral_agency="police",
                            case_referral_date="2026-03-13", case_referral_theirs=THEIRS,
                            case_referral_note=REFERRAL_NOTE)
    shown = texts(card)
    assert f"Referral #2 recorded on {REFERENCE}" in shown
    assert "Referral to Police on Fri 13 Mar 2026" in shown
    assert THEIRS in shown and REFERRAL_NOTE in shown
    assert execute_action(card, "case.outcome"), "an outcome form once there is a referral"

    clock.advance(ICO_REMINDER - clock.now())
    await tick(teams)
    [(reminder, _)] = cards_to(teams, LEAD, text="ICO")
    assert "1d" in texts(reminder) and REFERENCE in texts(reminder)
    assert cards_to(teams, DPL, text="ICO"), "the data-protection lead is reminded too"

    card = await case.press("case.feedback")
    assert "Feedback sent to the reporter" in texts(card)
    await tick(teams)
    [(told, _)] = cards_to(teams, REPORTER, text="looked at")
    assert REFERENCE in texts(told) and "no details" in texts(told)

    before = await entry_count(teams.runtime)
    card = await case.press("case.close", case_close_outcome="action_taken",
                            case_close_reason=CLOSING)
    assert "Not closed" in texts(card) and "ICO" in texts(card)
    assert await entry_count(teams.runtime) == before
    await case.press("case.decide", case_decision="no_referral", case_decision_agency="ico",
                     case_decision_reasons=REASONS)
    card = await case.press("case.close", case_close_outcome="action_taken",
                            case_close_reason=CLOSING)
    shown = texts(card)
    assert "read-only" in shown and "closed" in shown and CLOSING in shown
    assert execute_action(card, "case.reopen") and not execute_action(card, "case.note")

    card = await case.press("case.export")
    links = {a["title"]: a["url"] for a in _open_urls(card)}
    assert set(links) == {"Download PDF", "Download JSON"}
    pdf = await teams.client.get(urlsplit(links["Download PDF"]).path)
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF")
    got = await teams.client.get(urlsplit(links["Download JSON"]).path)
    exported = json.loads(await got.read())
    assert {"Note": NOTE} in [e["text"] for e in exported["case"]["entries"]]
    assert got.headers["Cache-Control"] == "no-store"
    clock.advance(timedelta(minutes=11))
    assert (await teams.client.get(urlsplit(links["Download PDF"]).path)).status == 404

    assert_nothing_private_was_posted(case)
    responses = json.dumps(teams.responses)
    assert all(secret in responses for secret in PRIVATE), "shown privately, to the lead"
    teams.check_all_cards()


def _open_urls(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in all_actions(card) if a.get("type") == "Action.OpenUrl"]


async def test_people_who_do_not_handle_it_are_refused_and_nothing_is_written(
        teams: Teams) -> None:
    case = await reported(teams)
    await case.press("case.note", case_note="First")
    before = await entry_count(teams.runtime)
    for user in (MANAGER, OUTSIDER, REPORTER):
        for verb, inputs in (("case.open", {}), ("case.note", {"case_note": NOTE}),
                             ("case.close", {"case_close_outcome": "duplicate",
                                             "case_close_reason": CLOSING}),
                             ("case.export", {}), ("case.feedback", {})):
            card = await case.press(verb, user, **inputs)
            assert "Not available to you" in texts(card), (user, verb)
            assert "First" not in texts(card)
    assert await entry_count(teams.runtime) == before
    async with teams.runtime.database.sessions() as session:
        refused = (await session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "case_action_refused"))).all()
    assert len(refused) == 9, "every refused write is recorded (the core's audit)"
    assert_nothing_private_was_posted(case)


async def test_problems_show_on_the_card_and_write_nothing(teams: Teams) -> None:
    case = await reported(teams, acknowledge=False)
    card = await case.press("case.note", case_note=NOTE)
    assert "not been acknowledged yet" in texts(card)
    await case.press("alert.ack")
    problems = [
        ("case.note", {"case_note": "   "}, "The note is needed."),
        ("case.refer", {"case_referral_agency": "police", "case_referral_date": "2026-02-31"},
         "The referral's date: Please give a date"),
        ("case.refer", {"case_referral_agency": "police", "case_referral_date": "2026-03-20"},
         "cannot be in the future"),
        ("case.refer", {"case_referral_agency": "the-moon"}, "is not an agency"),
        ("case.outcome", {"case_outcome_referral": "", "case_outcome": "accepted"},
         "Choose which referral"),
        ("case.close", {"case_close_outcome": "duplicate", "case_close_reason": CLOSING},
         "Not closed: record the referral or the decision"),
        ("case.link", {"case_link_other": "SG-2026-0099"},
         "You cannot link a case to SG-2026-0099: it does not exist or is not open to you."),
        ("case.assign", {"case_assign_person": "manager"}, "cannot hold this case"),
    ]
    for verb, inputs, expected in problems:
        card = await case.press(verb, **inputs)
        assert "Nothing was recorded" in texts(card) and expected in texts(card), verb
        assert "Private case record" in texts(card), "the case card again, with the error"
    assert await entry_count(teams.runtime) == 0
    unknown = await teams.press(LEAD, "case.bogus", {"reference": REFERENCE}, case.alert_id,
                                case.thread)
    assert unknown["type"] == "application/vnd.microsoft.activity.message"
    assert_nothing_private_was_posted(case)
    teams.check_all_cards()


async def test_a_closed_case_is_read_only_until_reopened(teams: Teams) -> None:
    case = await reported(teams)
    await case.press("case.decide", case_decision="no_referral", case_decision_agency="ico",
                     case_decision_reasons=REASONS)
    await case.press("case.close", case_close_outcome="no_further_action",
                     case_close_reason=CLOSING)
    card = await case.press("case.note", case_note=NOTE)
    assert "closed, so it is read-only" in texts(card) and NOTE not in texts(card)
    card = await case.press("case.reopen", case_reopen_reason="New information")
    assert "Reopened" in texts(card) and execute_action(card, "case.note")
    assert await entry_count(teams.runtime) == 3


async def test_without_a_public_address_export_says_how(teams_runtime: Runtime,
                                                        connector: FakeConnector) -> None:
    plain, client = await start_teams(teams_runtime, connector, ENVIRON)
    try:
        case = await reported(plain)
        card = await case.press("case.export")
        assert EXPORTS_OFF in texts(card) and "/export" in texts(card)
        assert "SAFEGUARD_PUBLIC_URL" not in texts(card)  # a lead is not the admin
        assert _open_urls(card) == []
    finally:
        await client.close()


def _view(entries: int, text: str) -> CaseView:
    now = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    return CaseView(
        reference=REFERENCE, kind=BREACH.value, kind_label=BREACH.label, urgency="normal",
        state="acknowledged", practice=False, recorded_at=now, acknowledged_at=now,
        acknowledged_by="SO", holder="SO", closed_at=None, outcome=None, clocks=(),
        entries=tuple(EntryView(n, "note", now, "SO", "Note", (("Note", f"{n}:{text}"),))
                      for n in range(1, entries + 1)),
        now=now)


@pytest.mark.parametrize(("entries", "text"), [(3, "short"), (200, "short"),
                                               (40, "x" * 5000)])
def test_a_long_record_still_fits_a_teams_card(entries: int, text: str) -> None:
    card = adaptive_card(case_card(_view(entries, text), ZoneInfo("Europe/London"),
                                  (("lead", "SO"),)))
    check_card(card)
    assert len(json.dumps(card).encode()) < 28_000, "Teams refuses larger cards"
    shown = texts(card)
    assert f"{entries}:" in shown, "the latest entry is always shown"
    assert ("earlier entries are not shown here" in shown) == (entries > 3)


def test_a_public_address_that_is_not_http_stops_startup(teams_runtime: Runtime) -> None:
    environ = {**ENVIRON, "SAFEGUARD_PUBLIC_URL": "ftp://safeguard.example.org/"}
    with pytest.raises(StartupError, match="SAFEGUARD_PUBLIC_URL"):
        mount_teams(web.Application(), teams_runtime, environ, "127.0.0.1")
