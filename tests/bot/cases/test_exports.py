"""Exporting one case as JSON or PDF: record keepers who handle it only, every export and
refusal audited, the whole record inside."""

import io
import json
import threading
from datetime import timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from bot.cases import actions, exports
from bot.cases.exports import case_pdf, export_case
from bot.cases.pdf import Bar, PdfWriter
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.ui.wording import local_date
from tests.bot.cases.helpers import NOTE_PLANT, acknowledged, audit_actions
from tests.bot.cases.pdf_reading import page_count, pdf_text
from tests.bot.driving import actor
from tests.scripts import PLANTED


async def _worked_case(runtime: Runtime, clock: ManualClock) -> str:
    reference = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    assert (await actions.add_note(runtime, lead, reference, f"Rang the school. {NOTE_PLANT}")).done
    clock.advance(timedelta(minutes=30))
    assert (await actions.record_decision(runtime, lead, reference, "refer",
                                          "Signs of neglect over weeks.", "mash")).done
    assert (await actions.record_referral(runtime, lead, reference, "mash",
                                          their_reference="MASH/2026/77")).done
    assert (await actions.close(runtime, lead, reference, "referred", "With social care.")).done
    return reference


async def test_a_case_exports_as_json_with_the_report_entries_clocks_and_chronology(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await _worked_case(runtime, clock)
    made = await export_case(runtime, actor(runtime, "lead"), reference, "json")
    assert made is not None and made.filename == f"{reference}.json"
    data = json.loads(made.data)
    assert data["report"]["reference"] == reference
    assert any(PLANTED in a["answer"] for a in data["report"]["answers"])
    assert [e["summary"] for e in data["case"]["entries"]] == [
        "Note", "Decision: Refer to an agency · Children's social care / MASH",
        f"Referral to Children's social care / MASH on {local_date(clock.now().date())}",
        "Closed: Referred to an agency"]
    assert data["case"]["entries"][0]["text"] == {"Note": f"Rang the school. {NOTE_PLANT}"}
    assert data["case"]["entries"][2]["text"] == {"Their reference": "MASH/2026/77"}
    assert data["case"]["clocks"][0]["status"] == "met"
    assert data["case"]["outcome"] == "Referred to an agency"
    assert [e["what"].split(":")[0] for e in data["chronology"]][:2] == ["Reported",
                                                                          "Acknowledged"]
    assert data["exported_at"].endswith("+00:00")  # London, in March
    assert data["exported_by"] == "SO"


async def test_a_case_exports_as_a_readable_pdf(runtime: Runtime, clock: ManualClock) -> None:
    reference = await _worked_case(runtime, clock)
    made = await export_case(runtime, actor(runtime, "deputy"), reference, "pdf")
    assert made is not None
    text = pdf_text(made.data)
    for expected in (f"{reference}: Safeguarding concern", "CONFIDENTIAL", PLANTED,
                     NOTE_PLANT, "Their reference: MASH/2026/77", "Statutory clocks",
                     "Closed: Referred to an agency", "Exported: Sat 14 Mar 2026, 10:30 by DP"):
        assert expected in text, expected


async def test_the_persons_exact_words_survive_in_the_pdf(runtime: Runtime) -> None:
    """Welsh, Polish, Greek, Cyrillic and arrows as typed: nothing turned into "?"."""
    reference = await acknowledged(runtime)
    words = ("Ŵyn ŷ Łukasz →", "Ελένη", "Олена")
    note = f"They said: {words[0]} and named {words[1]} and {words[2]}"
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, note)).done
    made = await export_case(runtime, actor(runtime, "lead"), reference, "pdf")
    assert made is not None
    text = pdf_text(made.data)
    assert f"Note: {note}" in text
    assert all(word in text for word in words) and "?" not in text.split("They said:")[1]


def test_a_character_the_font_lacks_shows_as_its_code_point_never_a_question_mark() -> None:
    pdf = PdfWriter("Placeholder 👍")
    pdf.heading("Heading 漢")
    pdf.text("thumbs 👍 up, smiling 😀, tab\there", bold=True)
    pdf.table([("cell 🦄", "1")])
    text = pdf_text(pdf.to_bytes())
    for shown in ("Heading [U+6F22]", "thumbs [U+1F44D] up, smiling 😀, tab here",
                  "cell [U+1F984]", "Placeholder [U+1F44D] · page 1 of 1"):
        assert shown in text, shown
    assert "?" not in text


async def test_exports_need_a_record_keeper_who_handles_the_case_and_are_audited(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await _worked_case(runtime, clock)
    for person in ("alex", "manager", "dpl"):
        assert await export_case(runtime, actor(runtime, person), reference, "pdf") is None
    assert await export_case(runtime, actor(runtime, "ceo"), reference, "json") is not None
    trail = await audit_actions(runtime)
    refused = [e.actor_person_id for e in trail if e.action == "case_exported_refused"]
    assert refused == ["alex", "manager", "dpl"]
    exported = [(e.actor_person_id, e.detail) for e in trail if e.action == "case_exported"]
    assert exported == [("ceo", {"format": "json"})]


def test_long_text_wraps_onto_new_pages_and_unusual_characters_survive() -> None:
    pdf = PdfWriter("Wrap (test)")
    pdf.text("Zoë said “hello” – then left. \\ (brackets) " + "word " * 4000)
    data = pdf.to_bytes()
    text = pdf_text(data)
    assert page_count(data) > 2
    assert "Zoë said “hello” – then left. \\ (brackets)" in text
    assert max(len(line) for line in text.splitlines()) <= 83


async def test_the_pdf_is_typeset_off_the_event_loop(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typesetting a long case takes a good part of a second: the server keeps answering."""
    reference = await acknowledged(runtime)
    threads: list[threading.Thread] = []

    def recording(data: dict[str, Any]) -> bytes:
        threads.append(threading.current_thread())
        return case_pdf(data)

    monkeypatch.setattr(exports, "case_pdf", recording)
    made = await export_case(runtime, actor(runtime, "lead"), reference, "pdf")
    assert made is not None and made.data.startswith(b"%PDF")
    assert len(threads) == 1 and threads[0] is not threading.current_thread()


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages) if text in page)


def test_a_heading_never_sits_alone_at_the_foot_of_a_page() -> None:
    """Whatever fills the page before it, a heading shares its page with what follows, and
    so does a question with its answer."""
    for lines in range(38, 52):
        pdf = PdfWriter("Keep")
        pdf.text("\n".join(f"line {n}" for n in range(lines)))
        pdf.heading("The heading")
        pdf.text("What follows the heading.")
        pdf.text("The question?", bold=True, keep_with_next=True)
        pdf.text("The answer.")
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf.to_bytes())).pages]
        assert _page_of(pages, "The heading") == _page_of(pages, "What follows the heading.")
        assert _page_of(pages, "The question?") == _page_of(pages, "The answer.")
    assert len(pages) == 2  # the last run did break across pages


def test_long_labels_in_bars_wrap_in_full() -> None:
    label = "Information Commissioner's Office (ICO), and then some more words " * 2
    pdf = PdfWriter("Bars")
    pdf.bars([Bar(label.strip(), 4), Bar("Police", 0, "fewer than 3")])
    text = " ".join(pdf_text(pdf.to_bytes()).split())
    assert " ".join(label.split()) + " 4" in text
    assert "Police fewer than 3" in text
