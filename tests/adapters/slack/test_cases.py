"""The case record in Slack, over HTTP against the fake Web API: open the case from the
private details, record a note, a decision and a referral, see a clock's reminder, send
feedback, export through a personal link, close; refusals and problems as field errors."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from adapters.slack import ids
from adapters.slack.mount import mount_slack
from bot.cases import case_forms as forms
from bot.cases.export_links import EXPORTS_OFF, PUBLIC_URL_VARIABLE, export_links_from
from bot.cases.export_route import mount_exports
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.case_models import CaseEntry
from storage.repositories import audit
from tests.adapters.slack.checks import assert_no_content, texts, typed_text_is_inert
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import SlackDriver
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.journey import report

LEAD = "U0LEAD"
NOTE = "Note-Pelican-2231 <@U0JO> *bold* & more"
REASONS = "Reasons-Marten-5170"
THEIRS = "MASH-Theirs-8802"
PASSED_ON = "Passed-On-Heron-3319"
CLOSING = "Closing-Ibis-4026"
PUBLIC = "https://bot.example.org/"
BAD_DATE = "Please give a date like 2026-03-14, 14/03/2026, today or yesterday."


def text(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def option(value: str) -> dict[str, Any]:
    return {"type": "static_select",
            "selected_option": {"value": value, "text": {"type": "plain_text", "text": value}}}


def day(value: str) -> dict[str, Any]:
    return {"type": "datepicker", "selected_date": value}


def state(**blocks: dict[str, Any]) -> dict[str, Any]:
    return {block: {ids.VALUE: value} for block, value in blocks.items()}


@pytest.fixture
async def served(slack_runtime: Runtime, fake_slack: FakeSlack, environ: dict[str, str]
                 ) -> AsyncIterator[SlackApp]:
    """Slack with personal export links, and GET /exports/{token} on the same app."""
    env = {**environ, PUBLIC_URL_VARIABLE: PUBLIC}
    app = web.Application()
    transport = mount_slack(app, slack_runtime, env)
    links = export_links_from(env, slack_runtime.keys)
    assert links is not None
    mount_exports(app, slack_runtime, links)
    client = TestClient(TestServer(app, host="127.0.0.1", port=0))
    await client.start_server()
    try:
        yield SlackApp(SlackDriver(client, fake_slack), transport, slack_runtime, fake_slack)
    finally:
        await client.close()


async def tick(slack: SlackApp) -> None:
    """Run due timers and deliver, until nothing is left to do now."""
    for _ in range(10):
        fired = await run_due_timers(slack.runtime, default_handlers())
        if not fired and not await slack.deliver():
            return


async def acknowledged(slack: SlackApp, clock: ManualClock, kind: str = "safeguarding",
                       planted: list[str] | None = None) -> str:
    """A delivered report, acknowledged in the channel by the lead."""
    reference = await report(slack, clock, "U0ALEX", kind, planted if planted is not None else [])
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    reply = await slack.driver.press_on_message(LEAD, ids.ACKNOWLEDGE, reference, "C0ALERTS",
                                                alert.response["ts"])
    assert reply.status == 200
    return reference


async def open_case(slack: SlackApp, reference: str, user: str = LEAD) -> dict[str, Any]:
    """View details from the alert, then Open case in the details modal."""
    driver = slack.driver
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    before = len(slack.fake.calls)
    await driver.press_on_message(user, ids.VIEW_DETAILS, reference, "C0ALERTS",
                                  alert.response["ts"])
    driver._track_opened(user, before)
    details = driver.view_of(user)
    assert details["callback_id"] == ids.DETAILS_VIEW
    assert ids.OPEN_CASE in texts(details)
    reply = await driver.press_in_modal(user, ids.OPEN_CASE, reference)
    assert reply.status == 200
    assert slack.fake.called("views.push")[-1].args["trigger_id"]
    return driver.view_of(user)


async def record(slack: SlackApp, reference: str, key: str, values: dict[str, Any],
                 user: str = LEAD) -> dict[str, Any]:
    """Press a case button, fill its form, submit: the reply's JSON (empty when it closed)."""
    driver = slack.driver
    reply = await driver.press_in_modal(user, f"{ids.CASE_ACTION}{key}", reference)
    assert reply.status == 200
    form = driver.view_of(user)
    assert form["callback_id"] == f"{ids.CASE_FORM}{key}", form["callback_id"]
    submitted = await driver.submit_values(user, values)
    assert submitted.status == 200, submitted.text
    return submitted.json


async def entries(slack: SlackApp) -> int:
    async with slack.runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(CaseEntry)) or 0)


def posts_to(slack: SlackApp, channel: str) -> list[str]:
    return [texts(c.args) for c in slack.fake.called("chat.postMessage")
            if c.args["channel"] == channel]


def url_buttons(view: dict[str, Any]) -> dict[str, str]:
    return {element["text"]["text"]: element["url"] for block in view["blocks"]
            for element in block.get("elements") or [] if element.get("url")}


async def test_a_case_from_details_to_closure_in_slack(served: SlackApp, clock: ManualClock
                                                       ) -> None:
    slack, planted = served, list[str]()
    reference = await acknowledged(slack, clock, planted=planted)
    case = await open_case(slack, reference)
    assert case["callback_id"] == ids.CASE_VIEW and "*Held by*\\nSO" in texts(case)
    assert "No entries yet." in texts(case)

    assert await record(slack, reference, "note", state(case_note=text(NOTE))) == {}
    case = slack.driver.view_of(LEAD)
    assert case["callback_id"] == ids.CASE_VIEW and f"Note #1 added to {reference}" in texts(case)
    assert typed_text_is_inert(case, NOTE), "typed text is shown as plain text only"

    await record(slack, reference, "decide", state(
        case_decision=option("refer"), case_decision_agency=option("childrens_social_care"),
        case_decision_reasons=text(REASONS)))
    case = slack.driver.view_of(LEAD)
    assert "Make the referral (Children's social care / MASH)" in texts(case)
    assert "Running:" in texts(case) and "2d 7h left" in texts(case)  # Sat 10:00 -> Mon 17:00

    refused = await record(slack, reference, "close", state(
        case_close_outcome=option("referred"), case_close_reason=text(CLOSING)))
    assert refused["response_action"] == "errors"
    assert "running clock" in refused["errors"][forms.CLOSE_OUTCOME]
    assert await entries(slack) == 2

    clock.advance(datetime(2026, 3, 15, 17, 0, tzinfo=UTC) - clock.now())  # 24 h before due
    await tick(slack)
    reminder = [m for m in posts_to(slack, LEAD) if "Make the referral" in m]
    assert len(reminder) == 1 and reference in reminder[0] and "1d left" in reminder[0]

    slack.driver.views[LEAD] = case  # back on the case view (the form was closed)
    await record(slack, reference, "refer", state(
        case_referral_agency=option("childrens_social_care"), case_referral_date=day("2026-03-15"),
        case_referral_theirs=text(THEIRS), case_referral_note=text(PASSED_ON)))
    case = slack.driver.view_of(LEAD)
    shown = texts(case)
    assert "Referral to Children's social care / MASH on Sun 15 Mar 2026" in shown
    assert THEIRS in shown and PASSED_ON in shown and "Met:" in shown

    before = len(posts_to(slack, "U0ALEX"))
    reply = await slack.driver.press_in_modal(LEAD, ids.CASE_FEEDBACK, reference)
    assert reply.status == 200
    assert "is being told it was looked at" in texts(slack.driver.view_of(LEAD))
    await tick(slack)
    feedback = posts_to(slack, "U0ALEX")[before:]
    assert len(feedback) == 1 and "has been looked at" in feedback[0]
    for secret in (NOTE, REASONS, THEIRS, PASSED_ON, *planted):
        assert secret not in feedback[0]

    await slack.driver.press_in_modal(LEAD, ids.CASE_EXPORT, reference)
    exported = slack.driver.view_of(LEAD)
    assert exported["callback_id"] == ids.CASE_EXPORT_VIEW
    links = url_buttons(exported)
    assert set(links) == {"Download PDF", "Download JSON"}
    assert all(link.startswith(PUBLIC + "exports/") for link in links.values())
    pdf = await slack.driver.client.get(urlsplit(links["Download PDF"]).path)
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF")
    got = await slack.driver.client.get(urlsplit(links["Download JSON"]).path)
    document = json.loads(await got.read())
    assert document["case"]["entries"][0]["text"] == {"Note": NOTE}
    assert got.headers["Cache-Control"] == "no-store"

    slack.driver.views[LEAD] = case
    await record(slack, reference, "close", state(case_close_outcome=option("referred"),
                                                  case_close_reason=text(CLOSING)))
    closed = slack.driver.view_of(LEAD)
    assert "is closed and now read-only" in texts(closed) and "*State*\\nclosed" in texts(closed)
    assert f"{ids.CASE_ACTION}note" not in texts(closed)
    assert f"{ids.CASE_ACTION}reopen" in texts(closed)

    assert_no_content(slack.fake.calls, [NOTE, REASONS, THEIRS, PASSED_ON, CLOSING, *planted])
    async with slack.runtime.database.sessions() as session:
        assert len(await audit.by_action(session, "case_exported")) == 2


async def test_an_unauthorised_user_is_refused_and_nothing_is_written(
    slack: SlackApp, clock: ManualClock
) -> None:
    reference = await acknowledged(slack, clock)
    case = await open_case(slack, reference)
    outsider = "U0JO"
    slack.driver.views[outsider] = case  # a stale or forged copy of the lead's case view
    await slack.driver.press_in_modal(outsider, ids.OPEN_CASE, reference)
    assert "You cannot view the case" in texts(slack.driver.view_of(outsider))

    slack.driver.views[outsider] = case
    answer = await record(slack, reference, "note", state(case_note=text(NOTE)), outsider)
    assert answer["response_action"] == "errors"
    assert "You cannot add a note to" in answer["errors"][forms.NOTE]

    slack.driver.views[outsider] = case
    await slack.driver.press_in_modal(outsider, ids.CASE_FEEDBACK, reference)
    assert "You cannot send feedback on" in texts(slack.driver.view_of(outsider))
    slack.driver.views[outsider] = case
    await slack.driver.press_in_modal(outsider, ids.CASE_EXPORT, reference)
    shown = slack.driver.view_of(outsider)
    assert "You cannot export" in texts(shown) and not url_buttons(shown)

    assert await entries(slack) == 0
    async with slack.runtime.database.sessions() as session:
        refused = await audit.by_action(session, "case_action_refused")
        export_refused = await audit.by_action(session, "export_link_refused")
    assert sorted(e.detail["attempted"] for e in refused) == ["add_note", "feedback"]
    assert all(e.actor_user_id == outsider for e in [*refused, *export_refused])
    assert len(export_refused) == 1
    await tick(slack)
    assert not [m for m in posts_to(slack, "U0ALEX") if "looked at" in m]


async def test_problems_are_field_errors_and_write_nothing(slack: SlackApp, clock: ManualClock
                                                           ) -> None:
    reference = await acknowledged(slack, clock, kind="breach")  # the ICO clock runs at once
    case = await open_case(slack, reference)
    assert "Decide on telling the ICO" in texts(case)

    empty = await record(slack, reference, "note", state(case_note=text("   ")))
    assert empty == {"response_action": "errors",
                     "errors": {forms.NOTE: "The note is needed."}}
    slack.driver.views[LEAD] = case
    closing = await record(slack, reference, "close", state(
        case_close_outcome=option("no_further_action"), case_close_reason=text(CLOSING)))
    assert "Decide on telling the ICO" in closing["errors"][forms.CLOSE_OUTCOME]
    slack.driver.views[LEAD] = case
    future = await record(slack, reference, "refer", state(
        case_referral_agency=option("ico"), case_referral_date=day("2026-03-20")))
    assert future["errors"] == {forms.REFERRAL_DATE: "A referral's date cannot be in the future."}
    slack.driver.views[LEAD] = case
    forged = await record(slack, reference, "decide", state(
        case_decision=option("shrug"), case_decision_reasons=text(REASONS)))
    assert "is not a decision" in forged["errors"][forms.DECISION]
    slack.driver.views[LEAD] = case
    bad_day = await record(slack, reference, "refer", state(
        case_referral_agency=option("ico"), case_referral_date=day("31/02/2026")))
    assert bad_day["errors"] == {forms.REFERRAL_DATE: "The referral's date: " + BAD_DATE}
    slack.driver.views[LEAD] = {**slack.driver.view_of(LEAD), "private_metadata": "{not json"}
    broken = await slack.driver.submit_values(LEAD, state(case_note=text(NOTE)))
    assert broken.status == 200 and broken.json["response_action"] == "update"
    assert "not understood" in texts(broken.json["view"])
    assert await entries(slack) == 0
    assert not slack.fake.called("views.update"), "nothing recorded, nothing refreshed"


async def test_outcome_assign_link_and_reopen(slack: SlackApp, clock: ManualClock) -> None:
    other = await acknowledged(slack, clock)
    reference = await report(slack, clock, "U0JO", "safeguarding", [])
    await slack.deliver()
    case = await open_case(slack, reference)  # not acknowledged yet: the core says so
    answer = await record(slack, reference, "note", state(case_note=text(NOTE)))
    assert "has not been acknowledged yet" in answer["errors"][forms.NOTE]
    case = await open_case(slack, other)
    assert f"{ids.CASE_ACTION}outcome" not in texts(case), "no referral yet"
    await record(slack, other, "refer", state(case_referral_agency=option("police"),
                                              case_referral_date=day("2026-03-14")))
    case = slack.driver.view_of(LEAD)
    await record(slack, other, "outcome", state(case_outcome_referral=option("1"),
                                                case_outcome=option("advice_only")))
    outcome_form = slack.fake.called("views.push")[-1].args["view"]
    assert "#1 Referral to Police on Sat 14 Mar 2026" in texts(outcome_form)
    assert "Outcome of referral #1: Advice given" in texts(slack.driver.view_of(LEAD))

    await record(slack, other, "assign", state(case_assign_person=option("deputy")))
    assert "*Held by*\\nDP" in texts(slack.driver.view_of(LEAD))
    await record(slack, other, "link", state(case_link_other=text(reference.lower())))
    assert f"Linked to {reference}" in texts(slack.driver.view_of(LEAD))
    await record(slack, other, "close", state(case_close_outcome=option("advice_given"),
                                              case_close_reason=text(CLOSING)))
    closed = slack.driver.view_of(LEAD)
    await record(slack, other, "reopen", state(case_reopen_reason=text("New information")))
    assert "is open again" in texts(slack.driver.view_of(LEAD))
    slack.driver.views[LEAD] = closed
    stale = await record(slack, other, "reopen", state(case_reopen_reason=text("Again")))
    assert f"{other} is not closed." in stale["errors"][forms.REOPEN_REASON]
    await slack.deliver()
    assert [m for m in posts_to(slack, "U0DEPUTY") if "assigned to you" in m]
    assert_no_content(slack.fake.calls, [NOTE, CLOSING, "New information"])


async def test_export_without_a_public_address_says_how(slack: SlackApp, clock: ManualClock
                                                        ) -> None:
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    await slack.driver.press_in_modal(LEAD, ids.CASE_EXPORT, reference)
    shown = slack.driver.view_of(LEAD)
    assert EXPORTS_OFF in texts(shown) and "/export" in texts(shown)
    assert "SAFEGUARD_PUBLIC_URL" not in texts(shown)  # a lead is not the admin
    assert not url_buttons(shown)


async def test_practice_details_offer_no_case(slack: SlackApp, clock: ManualClock) -> None:
    reference = await report(slack, clock, "U0ALEX", "practice safeguarding", [])
    assert reference.startswith("PRACTICE-")
    before = len(slack.fake.calls)
    await slack.driver.press_on_home("U0ALEX", ids.VIEW_DETAILS, reference)
    slack.driver._track_opened("U0ALEX", before)
    details = slack.driver.view_of("U0ALEX")
    assert details["callback_id"] == ids.DETAILS_VIEW and ids.OPEN_CASE not in texts(details)
