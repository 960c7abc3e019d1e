"""One case as JSON or PDF, e.g. to pass to social care, the police or a host organisation.
Only record keepers who handle the case may export it; every export is audited."""

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.access import Action
from bot.actors import Actor
from bot.cases.chronology import Event, events
from bot.cases.pdf import PdfWriter
from bot.cases.record import CaseView, build_view, load_case
from bot.details import view_details
from bot.reporter import line as reporter_line
from bot.runtime import Runtime
from bot.ui import ReportDetails, ReporterInfo
from bot.ui.wording import urgency_label
from storage.repositories import audit

Format = Literal["json", "pdf"]
FORMATS: tuple[Format, ...] = ("json", "pdf")


@dataclass(frozen=True)
class Export:
    reference: str
    format: Format
    data: bytes

    @property
    def filename(self) -> str:
        return f"{self.reference}.{self.format}"


async def export_case(runtime: Runtime, actor: Actor, reference: str, fmt: Format
                      ) -> Export | None:
    """The case in `fmt`; None if the actor may not export it (the refusal is recorded)."""
    found = await load_case(runtime, actor, reference, Action.EXPORT, "case_exported",
                            format=fmt)
    if found is None:
        return None
    report, entries, related = found
    details = await view_details(runtime, actor, report.reference)
    if details is None:
        return None
    async with runtime.database.readers() as session:
        escalations = [(e.at, int(e.detail.get("step", 0)))
                       for e in await audit.for_report(session, report.id)
                       if e.action == "escalated"]
    now = runtime.clock.now()
    view = build_view(runtime, report, entries, related, now)
    timeline = events(runtime, report, entries, related, escalations)
    data = case_document(runtime, actor, view, details, timeline)
    # a long case takes a good part of a second to typeset: off the event loop, so that
    # alerts and other people's requests are not held up meanwhile
    body = (json.dumps(data, indent=2, ensure_ascii=False).encode() if fmt == "json"
            else await asyncio.to_thread(case_pdf, data))
    return Export(report.reference, fmt, body)


def case_document(runtime: Runtime, actor: Actor, view: CaseView, details: ReportDetails,
                  timeline: list[Event]) -> dict[str, Any]:
    zone = runtime.config.organisation.zone

    def when(moment: datetime | None) -> str | None:
        return moment.astimezone(zone).isoformat(timespec="minutes") if moment else None

    return {
        "format": "safeguard-bot case export", "version": 1,
        "organisation": runtime.config.organisation.name,
        "exported_at": when(view.now), "exported_by": actor.initials,
        "report": {
            "reference": view.reference, "kind": view.kind, "kind_label": view.kind_label,
            "urgency": view.urgency, "practice": view.practice,
            "recorded_at": when(view.recorded_at),
            "reported_by": _reporter(details.reporter),
            "answers": [{"question": item.label, "answer": item.value}
                        for item in details.items],
        },
        "case": {
            "state": view.state, "acknowledged_at": when(view.acknowledged_at),
            "acknowledged_by": view.acknowledged_by, "held_by": view.holder,
            "closed_at": when(view.closed_at), "outcome": view.outcome,
            "clocks": [{"clock": c.label, "basis": c.basis, "started_at": when(c.started_at),
                        "due_at": when(c.due_at), "status": c.status,
                        "met_at": when(c.met_at), "met_by_entry": c.met_by}
                       for c in view.clocks],
            "entries": [{"number": e.sequence, "kind": e.kind, "at": when(e.at), "by": e.by,
                         "summary": e.summary, "text": dict(e.parts), "erased": e.erased}
                        for e in view.entries],
        },
        "chronology": [{"at": when(e.at), "what": e.what, "by": e.by} for e in timeline],
    }


def _reporter(reporter: ReporterInfo | None) -> dict[str, Any] | None:
    """Who filed it: initials (or "guest"), role, platform, and their id there."""
    if reporter is None:
        return None
    return {"initials": reporter.initials, "role": reporter.role, "guest": reporter.guest,
            "platform": reporter.platform, "user_id": reporter.user_id,
            "line": reporter_line(reporter)}


def _human(moment: str | None) -> str | None:
    """An ISO time from the document, as people read it (it is already in local time)."""
    return datetime.fromisoformat(moment).strftime("%a %d %b %Y, %H:%M") if moment else None


def _clock_outcome(clock: dict[str, Any]) -> str:
    """"Met in time, Wed 02 Dec 2026, 11:00 (entry #3)", "Met late, …", "Running", "Overdue"."""
    status = clock["status"]
    if not clock["met_at"]:
        return status.replace("_", " ").capitalize()
    how = "Met in time" if status == "met" else "Met late"
    return f"{how}, {_human(clock['met_at'])} (entry #{clock['met_by_entry']})"


def _facts(data: dict[str, Any]) -> list[tuple[str, str]]:
    report, case = data["report"], data["case"]
    h = _human
    facts = [("Organisation", data["organisation"]), ("Urgency", urgency_label(report["urgency"])),
             ("Recorded", h(report["recorded_at"])), ("State", case["state"]),
             ("Acknowledged", case["acknowledged_at"] and
              f"{h(case['acknowledged_at'])} by {case['acknowledged_by']}"),
             ("Held by", case["held_by"]), ("Closed", h(case["closed_at"])),
             ("Outcome", case["outcome"]),
             ("Exported", f"{h(data['exported_at'])} by {data['exported_by']}")]
    shown = [(f"{label}:", str(value)) for label, value in facts if value]
    if report.get("reported_by"):  # who filed it, under when it was recorded
        label, _, text = report["reported_by"]["line"].partition(": ")
        shown.insert(3, (f"{label}:", text))
    return shown


def case_pdf(data: dict[str, Any]) -> bytes:
    report, case = data["report"], data["case"]
    h = _human
    pdf = PdfWriter(f"{report['reference']} case record",
                    header=f"CONFIDENTIAL · safeguarding record {report['reference']} · "
                           "share only with those who need it")
    pdf.heading(f"{report['reference']}: {report['kind_label']}", 16)
    pdf.table(_facts(data), widths=(1, 3.2), align="LL")
    pdf.heading("The report")
    for answer in report["answers"]:
        pdf.text(answer["question"], bold=True, keep_with_next=True)
        pdf.text(str(answer["answer"]), indent=12)
        pdf.gap(4)
    if case["clocks"]:
        pdf.heading("Statutory clocks")
        pdf.table([(f"{c['clock']} ({c['basis']})", h(c["due_at"]), _clock_outcome(c))
                   for c in case["clocks"]], head=("Clock", "Due", "Outcome"),
                  widths=(2.2, 1.5, 2.1), align="LLL")
    pdf.heading("Case record")
    for entry in case["entries"]:
        pdf.text(f"#{entry['number']} · {h(entry['at'])} · {entry['by']}: {entry['summary']}",
                 bold=True, keep_with_next=True)
        for label, text in entry["text"].items():
            pdf.text(f"{label}: {text}", indent=12)
        if entry["erased"]:
            pdf.text("(content erased under the retention policy)", indent=12)
        pdf.gap(4)
    pdf.heading("Chronology")
    pdf.table([(h(e["at"]), e["what"], e["by"]) for e in data["chronology"]],
              head=("When", "What", "By"), widths=(1.9, 3.7, 0.6), align="LLL")
    return pdf.to_bytes()
