"""Chronologies per case and per person's initials, feedback to the reporter, and the case
record's sealed content under retention and key rotation."""

from dataclasses import replace
from datetime import timedelta

import pytest

from bot import retention
from bot.acknowledgement import acknowledge
from bot.cases import actions
from bot.cases.chronology import case_chronology, person_chronology
from bot.cases.describe import entry_label
from bot.cases.feedback import feedback_text, send_feedback
from bot.cases.record import view_case
from bot.clock import ManualClock
from bot.config import RetentionSettings
from bot.crypto import KeyRing, new_key_entry, parse_key_ring
from bot.rotation import rotate_keys
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.bot.cases.helpers import (
    NOTE_PLANT,
    acknowledged,
    audit_actions,
    case_outbox,
    register_case_notices,
    stored_entries,
    unregister_case_notices,
)
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind
from tests.scripts import PLANTED


async def test_a_case_chronology_lists_every_event_in_order(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await acknowledged(runtime)
    await run_due_timers(runtime, default_handlers())
    lead = actor(runtime, "lead")
    clock.advance(timedelta(hours=1))
    assert (await actions.add_note(runtime, lead, reference, NOTE_PLANT)).done
    clock.advance(timedelta(hours=1))
    assert (await actions.record_decision(runtime, lead, reference, "monitor", "Watch")).done
    events = await case_chronology(runtime, lead, reference)
    assert events is not None
    assert [(e.what, e.by) for e in events] == [
        ("Reported: Safeguarding concern (urgency Normal)", "AT"), ("Acknowledged", "SO"),
        ("#1 Note", "SO"), ("#2 Decision: Keep under review", "SO")]
    assert events[2].parts == (("Note", NOTE_PLANT),)
    assert await case_chronology(runtime, actor(runtime, "alex"), reference) is None


async def test_escalations_appear_in_the_chronology(runtime: Runtime, clock: ManualClock) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.SAFEGUARDING_CONCERN)
    clock.advance(timedelta(minutes=16))
    await run_due_timers(runtime, default_handlers())
    await acknowledge(runtime, actor(runtime, "ceo"), receipt.reference)
    events = await case_chronology(runtime, actor(runtime, "lead"), receipt.reference)
    assert events is not None
    assert [e.what for e in events][1:] == ["Escalated: step 1, still unacknowledged",
                                           "Acknowledged"]


async def test_a_persons_chronology_gathers_every_case_naming_their_initials(
    runtime: Runtime, clock: ManualClock,
) -> None:
    about_ab = await acknowledged(runtime)  # affected_initials "AB"
    clock.advance(timedelta(days=1))
    about_cd = await acknowledged(runtime, overrides={"affected_initials": "CD, EF"})
    clock.advance(timedelta(days=1))
    also_ab = await acknowledged(runtime, ReportKind.CONFIDENTIALITY_BREACH,
                                 overrides={"whose_data_initials": "XY, A.B."})
    assert (await actions.add_note(runtime, actor(runtime, "lead"), also_ab, "Called")).done
    events = await person_chronology(runtime, actor(runtime, "dpl"), "a.b")
    assert events is not None
    assert {e.reference for e in events} == {also_ab}  # concerns are not routed to the DPL
    lead_view = await person_chronology(runtime, actor(runtime, "lead"), "AB")
    assert lead_view is not None
    assert [e.reference for e in lead_view] == [about_ab, about_ab, also_ab, also_ab, also_ab]
    assert about_cd not in {e.reference for e in lead_view}
    assert await person_chronology(runtime, actor(runtime, "alex"), "AB") == []
    assert await person_chronology(runtime, actor(runtime, "lead"), "not initials") is None
    trail = await audit_actions(runtime)
    searched = [e for e in trail if e.action == "person_chronology_viewed"]
    assert [e.detail["matched"] for e in searched] == [1, 2, 0]
    assert all("AB" not in str(e.detail) for e in trail)


async def test_feedback_to_the_reporter_is_one_fixed_sentence(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_case_notices(monkeypatch)
    reference = await acknowledged(runtime)
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, NOTE_PLANT)).done
    assert (await send_feedback(runtime, actor(runtime, "alex"), reference)).status == "refused"
    done = await send_feedback(runtime, actor(runtime, "deputy"), reference)
    assert done.done
    sent = await case_outbox(runtime)
    assert [(m.event, m.destination, m.recipient_person_id) for m in sent] == [
        ("case_feedback", "alex", "alex")]
    assert sent[0].payload["text"] == feedback_text(reference)
    assert NOTE_PLANT not in str(sent[0].payload) and PLANTED not in str(sent[0].payload)
    view = await view_case(runtime, actor(runtime, "lead"), reference)
    assert view is not None and view.entries[-1].summary == "Feedback sent to the reporter"


async def test_feedback_is_recorded_as_unsent_while_notices_cannot_be_delivered(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    unregister_case_notices(monkeypatch)
    reference = await acknowledged(runtime)
    assert (await send_feedback(runtime, actor(runtime, "lead"), reference)).done
    assert await case_outbox(runtime) == []
    assert [e.code for e in await stored_entries(runtime, reference)] == ["not_sent"]


async def test_retention_empties_case_entries_with_their_report_and_keeps_the_rows(
    runtime: Runtime, clock: ManualClock,
) -> None:
    settings = RetentionSettings(safeguarding_concern=timedelta(days=365))
    runtime = replace(runtime, config=runtime.config.model_copy(
        update={"retention": settings}))
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    assert (await actions.add_note(runtime, lead, reference, NOTE_PLANT)).done
    assert (await actions.record_referral(runtime, lead, reference, "police",
                                          their_reference="CAD-1")).done
    clock.advance(timedelta(days=366))
    await retention.run(runtime, clock.now())
    rows = await stored_entries(runtime, reference)
    assert [(r.kind, r.agency, r.erased_at) for r in rows] == [
        ("note", None, clock.now()), ("referral", "police", clock.now())]
    for row in rows:
        assert runtime.keys.open_json(row.content_sealed, entry_label(reference, row.sequence)
                                      ) == {}
    view = await view_case(runtime, lead, reference)
    assert view is not None and all(e.erased and e.parts == () for e in view.entries)


async def test_rotation_reseals_entries_with_the_new_key(runtime: Runtime,
                                                         test_keys: KeyRing) -> None:
    reference = await acknowledged(runtime)
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, NOTE_PLANT)).done
    new = parse_key_ring(f"{new_key_entry('t2')},t1:{_encoded(test_keys)}")
    assert (await rotate_keys(runtime.database, new)).renewed["case_entries.content_sealed"] == 1
    assert (await rotate_keys(runtime.database, new)).renewed["case_entries.content_sealed"] == 0
    row = (await stored_entries(runtime, reference))[0]
    assert KeyRing.key_id(row.content_sealed) == "t2"
    assert new.open_json(row.content_sealed, entry_label(reference, 1)) == {"note": NOTE_PLANT}


def _encoded(keys: KeyRing) -> str:
    import base64

    return base64.urlsafe_b64encode(keys.keys[keys.current]).decode().rstrip("=")
