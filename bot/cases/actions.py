"""What a lead records on a case: notes, decisions with reasons, referrals and their
outcomes, assignment, links, closure and reopening. Each is a new entry; none edits another."""

from datetime import date

from bot.access import Action, may, may_hold_case, shows_its_subject
from bot.actors import Actor
from bot.cases import journal
from bot.cases.clocks import clocks_for
from bot.cases.entries import (
    CaseContext,
    CaseProblem,
    CaseRefused,
    CaseResult,
    change,
    set_state,
)
from bot.cases.journal import Draft, clean_text
from bot.cases.messages import CaseNotice
from bot.cases.notices import enqueue, people_addresses
from bot.cases.vocabulary import (
    Agency,
    ClosureOutcome,
    Decision,
    EntryKind,
    ReferralOutcome,
    parse_agency,
    parse_choice,
)
from bot.domain import ReportState, normalise_reference
from bot.refusals import LINK_TO, RECORD_OUTCOME, no_such_report
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.repositories import cases


def _required(text: str | None, what: str) -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise CaseProblem(f"{what} is needed.")
    return cleaned


def _agency(text: str | None, required: bool) -> Agency | None:
    if not text:
        if required:
            raise CaseProblem("Say which agency: " + ", ".join(a.value for a in Agency) + ".")
        return None
    agency = parse_agency(text)
    if agency is None:
        raise CaseProblem(f"'{text}' is not an agency; use one of: "
                          + ", ".join(a.value for a in Agency) + ".")
    return agency


async def add_note(runtime: Runtime, actor: Actor, reference: str, text: str, *,
                   interaction: str | None = None) -> CaseResult:
    async def build(context: CaseContext) -> Draft:
        return Draft(EntryKind.NOTE, {"note": _required(text, "The note")})

    return await change(runtime, actor, reference, Action.ADD_NOTE, build,
                        interaction=interaction)


async def record_decision(runtime: Runtime, actor: Actor, reference: str, decision: str,
                          reasons: str, agency: str | None = None, *,
                          interaction: str | None = None) -> CaseResult:
    """A decision and why, including a decision not to refer (e.g. not reportable to the ICO:
    `no_referral` with agency `ico`)."""
    async def build(context: CaseContext) -> Draft:
        chosen = parse_choice(Decision, decision)
        if chosen is None:
            raise CaseProblem(f"'{decision}' is not a decision; use one of: "
                              + ", ".join(d.value for d in Decision) + ".")
        found = _agency(agency, required=False)
        return Draft(EntryKind.DECISION, {"reasons": _required(reasons, "The reasons")},
                     code=chosen.value, agency=found.value if found else None)

    return await change(runtime, actor, reference, Action.RECORD_DECISION, build,
                        interaction=interaction)


async def record_referral(runtime: Runtime, actor: Actor, reference: str, agency: str,
                          on: date | None = None, their_reference: str | None = None,
                          note: str | None = None, *, interaction: str | None = None
                          ) -> CaseResult:
    async def build(context: CaseContext) -> Draft:
        found = _agency(agency, required=True)
        assert found is not None
        day = on or context.now.astimezone(runtime.config.organisation.zone).date()
        if day > context.now.astimezone(runtime.config.organisation.zone).date():
            raise CaseProblem("A referral's date cannot be in the future.")
        content = {"their_reference": clean_text(their_reference, 200),
                   "note": clean_text(note)}
        return Draft(EntryKind.REFERRAL, {k: v for k, v in content.items() if v},
                     agency=found.value, effective_on=day)

    return await change(runtime, actor, reference, Action.REFER, build,
                        interaction=interaction)


async def record_referral_outcome(runtime: Runtime, actor: Actor, reference: str,
                                  referral: int, outcome: str, note: str | None = None, *,
                                  interaction: str | None = None) -> CaseResult:
    async def build(context: CaseContext) -> Draft:
        if not any(e.sequence == referral and e.kind == EntryKind.REFERRAL.value
                   for e in context.entries):
            raise CaseProblem(f"Entry #{referral} on {context.report.reference} is not a "
                              "referral.")
        chosen = parse_choice(ReferralOutcome, outcome)
        if chosen is None:
            raise CaseProblem(f"'{outcome}' is not an outcome; use one of: "
                              + ", ".join(o.value for o in ReferralOutcome) + ".")
        content = {"note": clean_text(note)} if clean_text(note) else {}
        return Draft(EntryKind.REFERRAL_OUTCOME, content, code=chosen.value, refers_to=referral)

    return await change(runtime, actor, reference, Action.REFER, build, verb=RECORD_OUTCOME,
                        interaction=interaction)


async def assign(runtime: Runtime, actor: Actor, reference: str, person_id: str,
                 reason: str | None = None, *, interaction: str | None = None
                 ) -> CaseResult:
    async def build(context: CaseContext) -> Draft:
        person = runtime.config.person(person_id)
        if person is None or not may_hold_case(runtime, person, context.report):
            raise CaseProblem(f"'{person_id}' cannot hold this case: it can be assigned to a "
                              "safeguarding lead (or the fallback role) it is routed to, never "
                              "to the person it is about.")
        if journal.holder(context.report, context.entries) == person.id:
            raise CaseProblem(f"The case is already with {person.initials}.")
        content = {"reason": clean_text(reason)} if clean_text(reason) else {}
        return Draft(EntryKind.ASSIGNMENT, content, person_id=person.id)

    async def tell(context: CaseContext, entry: CaseEntry) -> None:
        if entry.person_id == actor.person_id or entry.person_id is None:
            return
        report = context.report
        text = (f"{report.reference} has been assigned to you by {actor.initials}. "
                "Open the case from its private details view.")
        notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "assigned", text,
                            step=entry.sequence)
        await enqueue(context.session, report, notice,
                      people_addresses(runtime, [entry.person_id]), context.now)

    return await change(runtime, actor, reference, Action.ASSIGN, build, tell,
                        interaction=interaction)


async def link(runtime: Runtime, actor: Actor, reference: str, other_reference: str,
               why: str | None = None, *, interaction: str | None = None) -> CaseResult:
    """Link two reports. The other one is refused exactly like a report that does not exist
    unless the person may see it (never one about themselves); the refusal is recorded."""
    async def build(context: CaseContext) -> Draft:
        wanted = normalise_reference(other_reference)
        other = await cases.report_by_reference(context.session, wanted)
        if other is None or not may(runtime, actor, Action.VIEW_STATE, other):
            raise CaseRefused(no_such_report(wanted, LINK_TO), other=wanted[:40],
                              other_id=other.id if other else None)
        if other.id == context.report.id:
            raise CaseProblem(f"{other.reference} cannot be linked to itself.")
        if other.is_practice != context.report.is_practice:
            raise CaseProblem("A practice report and a real one cannot be linked.")
        if shows_its_subject(runtime, other, context.report):
            raise CaseProblem(f"{other.reference} is about someone who can see "
                              f"{context.report.reference}, so the link is not recorded here: "
                              f"link it from {other.reference} instead.")
        content = {"why": clean_text(why)} if clean_text(why) else {}
        return Draft(EntryKind.LINK, content, related_report_id=other.id)

    return await change(runtime, actor, reference, Action.LINK, build,
                        interaction=interaction)


async def close(runtime: Runtime, actor: Actor, reference: str, outcome: str, reason: str,
                *, interaction: str | None = None) -> CaseResult:
    """Close with an outcome and a reason; refused while a statutory clock is still open."""
    async def build(context: CaseContext) -> Draft:
        chosen = parse_choice(ClosureOutcome, outcome)
        if chosen is None:
            raise CaseProblem(f"'{outcome}' is not a closing outcome; use one of: "
                              + ", ".join(o.value for o in ClosureOutcome) + ".")
        open_clocks = [c.label for c in clocks_for(context.report, context.entries,
                                                   runtime.config.cases,
                                                   runtime.config.organisation.zone)
                       if c.is_open()]
        if open_clocks:
            raise CaseProblem("Not closed: record the referral or the decision for each "
                              "running clock first: " + "; ".join(open_clocks) + ".")
        return Draft(EntryKind.CLOSURE, {"reason": _required(reason, "A closing reason")},
                     code=chosen.value)

    async def closing(context: CaseContext, entry: CaseEntry) -> None:
        await set_state(context, ReportState.CLOSED, context.now)

    return await change(runtime, actor, reference, Action.CLOSE, build, closing,
                        interaction=interaction)


async def reopen(runtime: Runtime, actor: Actor, reference: str, reason: str, *,
                 interaction: str | None = None) -> CaseResult:
    """A new entry that points at the closure it reopens; the closure stays as recorded."""
    async def build(context: CaseContext) -> Draft:
        closure = journal.last_closure(context.entries)
        if context.report.state != ReportState.CLOSED.value or closure is None:
            raise CaseProblem(f"{context.report.reference} is not closed.")
        return Draft(EntryKind.REOPENING, {"reason": _required(reason, "A reason")},
                     refers_to=closure.sequence)

    async def reopening(context: CaseContext, entry: CaseEntry) -> None:
        await set_state(context, ReportState.ACKNOWLEDGED, None)

    return await change(runtime, actor, reference, Action.REOPEN, build, reopening,
                        interaction=interaction)
