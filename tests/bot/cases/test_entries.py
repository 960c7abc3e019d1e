"""The case record is append-only: entries are added, sealed and audited; closed records are
read-only; reopening is a new entry; only those who handle the case may add to it."""

from datetime import date, timedelta

import pytest

from bot.audit_chain import verify_chain
from bot.cases import actions
from bot.cases.describe import entry_label
from bot.cases.record import view_case
from bot.clock import ManualClock
from bot.crypto import KeyRingError
from bot.runtime import Runtime
from tests.bot.cases.helpers import (
    NOTE_PLANT,
    acknowledged,
    audit_actions,
    case_outbox,
    register_case_notices,
    report_row,
    stored_entries,
)
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind


async def test_notes_are_appended_sealed_and_attributed(runtime: Runtime,
                                                        clock: ManualClock) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    first = await actions.add_note(runtime, lead, reference, f"Called the parent. {NOTE_PLANT}")
    clock.advance(timedelta(minutes=5))
    second = await actions.add_note(runtime, actor(runtime, "deputy"), reference,
                                    "Correction: it was the carer.")
    assert (first.status, first.sequence, second.sequence) == ("done", 1, 2)
    rows = await stored_entries(runtime, reference)
    assert [(r.kind, r.by_person_id) for r in rows] == [("note", "lead"), ("note", "deputy")]
    assert NOTE_PLANT not in rows[0].content_sealed
    assert runtime.keys.open_json(rows[0].content_sealed, entry_label(reference, 1))[
        "note"].endswith(NOTE_PLANT)
    with pytest.raises(KeyRingError):  # bound to its entry: it does not open as another
        runtime.keys.open_json(rows[0].content_sealed, entry_label(reference, 2))
    view = await view_case(runtime, lead, reference)
    assert view is not None
    assert [(e.sequence, e.by, e.parts) for e in view.entries] == [
        (1, "SO", (("Note", f"Called the parent. {NOTE_PLANT}"),)),
        (2, "DP", (("Note", "Correction: it was the carer."),))]
    events = [e.action for e in await audit_actions(runtime)]
    assert events.count("case_note") == 2 and "case_viewed" in events
    assert all(NOTE_PLANT not in str(e.detail) for e in await audit_actions(runtime))


async def test_people_who_do_not_handle_the_case_are_refused_and_recorded(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime)
    for person in ("alex", "manager", "dpl"):  # reporter, unrelated manager, not routed here
        result = await actions.add_note(runtime, actor(runtime, person), reference, "x")
        assert result.status == "refused", person
        assert await view_case(runtime, actor(runtime, person), reference) is None
    missing = await actions.add_note(runtime, actor(runtime, "lead"), "SG-2026-9999", "x")
    assert missing.status == "not_found"
    assert await stored_entries(runtime, reference) == []
    refused = [e for e in await audit_actions(runtime) if e.action == "case_action_refused"]
    assert [e.actor_person_id for e in refused] == ["alex", "manager", "dpl", "lead"]


async def test_nothing_is_recorded_before_acknowledgement(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    result = await actions.add_note(runtime, actor(runtime, "lead"), receipt.reference, "x")
    assert result.status == "not_acknowledged"


async def test_a_decision_needs_reasons_and_a_known_code(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    assert (await actions.record_decision(runtime, lead, reference, "refer", "  ")
            ).status == "invalid"
    assert (await actions.record_decision(runtime, lead, reference, "shrug", "why")
            ).status == "invalid"
    assert (await actions.record_decision(runtime, lead, reference, "refer", "why", "nasa")
            ).status == "invalid"
    done = await actions.record_decision(runtime, lead, reference, "no-referral",
                                         f"Threshold not met. {NOTE_PLANT}")
    assert done.done
    rows = await stored_entries(runtime, reference)
    assert [(r.kind, r.code, r.agency) for r in rows] == [("decision", "no_referral", None)]


async def test_referrals_carry_date_their_reference_and_a_later_outcome(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    future = clock.now().date() + timedelta(days=2)
    too_soon = await actions.record_referral(runtime, lead, reference, "mash", future)
    assert too_soon.status == "invalid" and "future" in (too_soon.message or "")
    referral = await actions.record_referral(runtime, lead, reference, "mash",
                                             date(2026, 3, 13), f"MASH-{NOTE_PLANT}",
                                             "Spoke to the duty worker.")
    assert referral.done
    assert (await actions.record_referral_outcome(runtime, lead, reference, 99, "accepted")
            ).status == "invalid"
    outcome = await actions.record_referral_outcome(runtime, lead, reference,
                                                    referral.sequence or 0, "accepted")
    assert outcome.done
    rows = await stored_entries(runtime, reference)
    assert [(r.kind, r.agency, r.effective_on, r.code, r.refers_to) for r in rows] == [
        ("referral", "childrens_social_care", date(2026, 3, 13), None, None),
        ("referral_outcome", None, None, "accepted", 1)]
    assert NOTE_PLANT not in rows[0].content_sealed


async def test_assignment_goes_to_someone_who_may_hold_it_and_tells_the_holder(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_case_notices(monkeypatch)
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    for nobody in ("alex", "manager", "dpl", "ghost"):
        assert (await actions.assign(runtime, lead, reference, nobody)).status == "invalid"
    assert (await actions.assign(runtime, actor(runtime, "alex"), reference, "deputy")
            ).status == "refused"
    done = await actions.assign(runtime, lead, reference, "deputy", f"On leave {NOTE_PLANT}")
    assert done.done
    again = await actions.assign(runtime, lead, reference, "deputy")
    assert again.status == "invalid" and "already" in (again.message or "")
    view = await view_case(runtime, lead, reference)
    assert view is not None and view.holder == "DP"
    told = await case_outbox(runtime)
    assert [(m.event, m.recipient_person_id) for m in told] == [("case_assigned", "deputy")]
    assert NOTE_PLANT not in str(told[0].payload) and reference in told[0].payload["text"]
    taken_back = await actions.assign(runtime, lead, reference, "lead")
    assert taken_back.done and len(await case_outbox(runtime)) == 1  # nobody tells themselves


async def test_closed_records_are_read_only_and_reopening_is_a_new_entry(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await acknowledged(runtime)
    other = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    assert (await actions.close(runtime, lead, reference, "resolved", "x")).status == "invalid"
    closed = await actions.close(runtime, lead, reference, "no-further-action",
                                 "Advice given to the family.")
    assert closed.done
    row = await report_row(runtime, reference)
    assert (row.state, row.closed_at) == ("closed", clock.now())
    attempts = [
        actions.add_note(runtime, lead, reference, "late note"),
        actions.record_decision(runtime, lead, reference, "monitor", "x"),
        actions.record_referral(runtime, lead, reference, "police"),
        actions.assign(runtime, lead, reference, "deputy"),
        actions.link(runtime, lead, reference, other),
        actions.close(runtime, lead, reference, "duplicate", "again"),
    ]
    for attempt in attempts:
        assert (await attempt).status == "closed"
    assert (await actions.add_note(runtime, actor(runtime, "alex"), reference, "x")
            ).status == "refused"  # someone who may not read it is not told it is closed
    assert len(await stored_entries(runtime, reference)) == 1
    assert (await actions.reopen(runtime, lead, other, "not closed")).status == "invalid"
    clock.advance(timedelta(days=3))
    reopened = await actions.reopen(runtime, lead, reference, "New information from school.")
    assert reopened.done
    rows = await stored_entries(runtime, reference)
    assert [(r.kind, r.refers_to) for r in rows] == [("closure", None), ("reopening", 1)]
    row = await report_row(runtime, reference)
    assert (row.state, row.closed_at) == ("acknowledged", None)
    assert (await actions.add_note(runtime, lead, reference, "after reopening")).done
    assert (await verify_chain(runtime.database)).ok


async def test_only_record_keepers_close_and_a_running_clock_blocks_closing(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime, ReportKind.CONFIDENTIALITY_BREACH)
    lead = actor(runtime, "lead")
    blocked = await actions.close(runtime, lead, reference, "action-taken", "Done")
    assert blocked.status == "invalid" and "ICO" in (blocked.message or "")
    assert (await actions.record_decision(runtime, actor(runtime, "dpl"), reference,
                                          "no-referral", "Low risk: no sensitive data.",
                                          "ico")).done
    assert (await actions.close(runtime, lead, reference, "action-taken", "Done")).done


async def test_links_join_two_real_reports(runtime: Runtime) -> None:
    first = await acknowledged(runtime)
    second = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    assert (await actions.link(runtime, lead, first, first)).status == "invalid"
    assert (await actions.link(runtime, lead, first, "SG-2026-0404")).status == "invalid"
    assert (await actions.link(runtime, lead, first, second.lower(), "Same family")).done
    view = await view_case(runtime, lead, first)
    assert view is not None
    assert view.entries[0].summary == f"Linked to {second}"
    assert view.entries[0].parts == (("Why", "Same family"),)
