"""Every case action, declared once for every surface: its id, its form, what applying it
does, and what the person is told (done, a problem under the input it concerns, or the one
refusal). Slack, Teams and the console only render these and dispatch to them.

A write carries the request's key (bot.interactions): a replay of one already recorded adds
nothing and says so."""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace

from bot.access import RECORD_KEEPERS, Action
from bot.alert_cards import refusal_card
from bot.cases import actions
from bot.cases import case_forms as forms
from bot.cases.case_cards import (
    EXPORT,
    FEEDBACK,
    OPEN,
    case_card,
    done_panel,
    form_context,
    problem_panel,
)
from bot.cases.entries import CaseResult, refusal_text
from bot.cases.feedback import send_feedback
from bot.cases.record import view_case
from bot.domain import looks_like_reference
from bot.followup.questions import ask_reporter
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.ui.actions import (
    NO_REFERENCE,
    ConsoleCommand,
    Interaction,
    Outcome,
    Request,
    refused,
)
from bot.ui.cards import Card, Panel, Text
from bot.ui.forms import Form

OUTCOME_ACTION = "case.outcome"
NOT_UNDERSTOOD = "That form was not understood, so nothing was recorded."
Values = Mapping[str, object]
Write = Callable[[Runtime, Request, str, Values], Awaitable[CaseResult]]
FormOf = Callable[[forms.FormContext], Form]
Done = Callable[[CaseResult], str]


@dataclass(frozen=True)
class CaseAction:
    id: str
    form: FormOf
    write: Write
    done: Done
    command: str
    """The console command that does the same (its syntax: adapters.console.case_commands)."""
    errors: tuple[tuple[str, str], ...] = ()
    """(words in a problem, the input it concerns); otherwise the form's first input."""

    def input_for(self, message: str) -> str | None:
        lowered = message.lower()
        return next((i for w, i in self.errors if w in lowered), None)


def _today(runtime: Runtime) -> forms.FormContext:
    return forms.FormContext("", runtime.clock.now().astimezone(
        runtime.config.organisation.zone).date())


async def _note(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await actions.add_note(runtime, r.actor, ref, forms.value(v, forms.NOTE),
                                  interaction=r.key)


async def _decide(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await actions.record_decision(
        runtime, r.actor, ref, forms.value(v, forms.DECISION),
        forms.value(v, forms.DECISION_REASONS), forms.optional(v, forms.DECISION_AGENCY),
        interaction=r.key)


async def _refer(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    on = forms.referral_date(v, _today(runtime).today)
    return await actions.record_referral(
        runtime, r.actor, ref, forms.value(v, forms.REFERRAL_AGENCY), on,
        forms.optional(v, forms.REFERRAL_THEIRS), forms.optional(v, forms.REFERRAL_NOTE),
        interaction=r.key)


async def _outcome(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await actions.record_referral_outcome(
        runtime, r.actor, ref, forms.referral_number(v), forms.value(v, forms.OUTCOME),
        forms.optional(v, forms.OUTCOME_NOTE), interaction=r.key)


async def _assign(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    person = forms.required(v, forms.ASSIGN_PERSON, forms.CHOOSE_HOLDER)
    return await actions.assign(runtime, r.actor, ref, person,
                                forms.optional(v, forms.ASSIGN_REASON), interaction=r.key)


async def _link(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    other = forms.required(v, forms.LINK_OTHER, forms.GIVE_OTHER)[:forms.MAX_REFERENCE]
    return await actions.link(runtime, r.actor, ref, other, forms.optional(v, forms.LINK_WHY),
                              interaction=r.key)


async def _ask(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await ask_reporter(runtime, r.actor, ref, forms.value(v, forms.QUESTION),
                              interaction=r.key)


async def _close(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await actions.close(runtime, r.actor, ref, forms.value(v, forms.CLOSE_OUTCOME),
                               forms.value(v, forms.CLOSE_REASON), interaction=r.key)


async def _reopen(runtime: Runtime, r: Request, ref: str, v: Values) -> CaseResult:
    return await actions.reopen(runtime, r.actor, ref, forms.value(v, forms.REOPEN_REASON),
                                interaction=r.key)


def _referral_done(result: CaseResult) -> str:
    return (f"Referral #{result.sequence} recorded on {result.reference}. When they reply, "
            f"record it with Referral outcome (/outcome {result.reference} "
            f"{result.sequence}).")


CASE_ACTIONS = (
    CaseAction("case.note", forms.note_form, _note,
               lambda r: f"Note #{r.sequence} added to {r.reference}.", "/note {reference}: text"),
    CaseAction("case.decide", forms.decision_form, _decide,
               lambda r: f"Decision #{r.sequence} recorded on {r.reference}.",
               "/decide {reference} DECISION [AGENCY]: reasons",
               (("is not a decision", forms.DECISION), ("agency", forms.DECISION_AGENCY),
                ("reasons", forms.DECISION_REASONS))),
    CaseAction("case.refer", forms.referral_form, _refer, _referral_done,
               "/refer {reference} AGENCY [DATE]: what was passed on",
               (("date", forms.REFERRAL_DATE), ("agency", forms.REFERRAL_AGENCY))),
    CaseAction("case.outcome", forms.outcome_form, _outcome,
               lambda r: f"Outcome #{r.sequence} recorded on {r.reference}.",
               "/outcome {reference} N OUTCOME: note", (("is not an outcome", forms.OUTCOME),)),
    CaseAction("case.assign", forms.assign_form, _assign,
               lambda r: f"{r.reference} is assigned (entry #{r.sequence}); they are being "
                         "told, without details.", "/assign {reference} PERSON-ID"),
    CaseAction("case.link", forms.link_form, _link,
               lambda r: f"Link #{r.sequence} recorded on {r.reference}.",
               "/link {reference} OTHER-REFERENCE"),
    CaseAction("case.ask", forms.ask_form, _ask,
               lambda r: f"Question #{r.sequence} sent privately to the reporter of "
                         f"{r.reference}: they are told only that there is a question. You "
                         "will be told when they answer.", "/ask {reference}: question"),
    CaseAction("case.close", forms.close_form, _close,
               lambda r: f"{r.reference} is closed and now read-only (Reopen adds a new entry "
                         "if needed).", "/close {reference} OUTCOME: reason",
               (("reason is needed", forms.CLOSE_REASON),)),
    CaseAction("case.reopen", forms.reopen_form, _reopen,
               lambda r: f"{r.reference} is open again (entry #{r.sequence}); the closure "
                         "stands in the record as it was.", "/reopen {reference}: reason"),
)


def holders(runtime: Runtime) -> tuple[tuple[str, str], ...]:
    """People a case could be assigned to: only a hint, the core decides whether it may be."""
    roles = RECORD_KEEPERS | {runtime.config.escalation.fallback_role}
    return tuple((p.id, f"{p.initials} ({', '.join(r.label for r in p.roles)})")
                 for p in runtime.config.people if p.has_any_role(roles))


async def current_case(runtime: Runtime, request: Request, reference: str,
                       notice: Panel | None = None) -> Card | None:
    """The case as it is now for this person (an audited read); None if they may not."""
    view = await view_case(runtime, request.actor, reference)
    if view is None:
        return None
    return case_card(view, runtime.config.organisation.zone, holders(runtime), notice)


def _reference(request: Request) -> str | None:
    found = request.arg("reference", forms.MAX_REFERENCE)
    if not found or not (request.typed or looks_like_reference(found)):
        return None
    return found


def _not_understood() -> Outcome:
    return Outcome(show=Card("Case record", NOT_UNDERSTOOD,
                             (Panel("error", (Text(NOT_UNDERSTOOD, tone="error"),)),), "error"),
                   tell=NOT_UNDERSTOOD, tone="error")


async def _answer(runtime: Runtime, request: Request, result: CaseResult, done: str,
                  form: Form | None, input_id: str | None) -> Outcome:
    """What the person sees after a write: the case again with what was recorded, or the
    form again with why nothing was (a refusal is the one refusal, wherever it is shown)."""
    shown = form.filled(dict(request.values)).with_error(input_id, refusal_text(result)) \
        if form else None
    if result.status in ("refused", "not_found"):
        return replace(refused(refusal_text(result)), show=shown)
    if not result.done:
        text = refusal_text(result)
        card = await current_case(runtime, request, result.reference, problem_panel(text))
        return Outcome(show=shown, tell=text, tone="error", refresh=card)
    card = await current_case(runtime, request, result.reference, done_panel(done))
    return Outcome(tell=done, tone="success", refresh=card)


def _interaction(action: CaseAction) -> Interaction:
    def form_for(runtime: Runtime, reference: str) -> Form:
        context = replace(_today(runtime), reference=reference, people=holders(runtime))
        return action.form(context)

    async def apply(runtime: Runtime, request: Request) -> Outcome:
        reference = _reference(request)
        if reference is None:
            return _not_understood()
        form = form_for(runtime, reference) if not request.typed else None
        input_id: str | None
        try:
            result = await action.write(runtime, request, reference, request.values)
            input_id = action.input_for(result.message or "")
        except forms.FormProblem as problem:
            result = CaseResult("invalid", reference, message=str(problem))
            input_id = problem.input_id
        return await _answer(runtime, request, result, action.done(result), form, input_id)

    async def opens(runtime: Runtime, request: Request) -> Outcome:
        """The form; only Referral outcome reads the case (for its referrals). Who may
        record is decided, and a refusal recorded, when the form is sent."""
        reference = _reference(request)
        if reference is None:
            return Outcome(tell=NO_REFERENCE, tone="warning")
        if action.id != OUTCOME_ACTION:
            return Outcome(show=form_for(runtime, reference))
        view = await view_case(runtime, request.actor, reference)
        if view is None:
            return Outcome(show=form_for(runtime, reference))
        zone = runtime.config.organisation.zone
        return Outcome(show=action.form(form_context(view, zone, holders(runtime))))

    return Interaction(action.id, apply, ConsoleCommand(action.command), opens)


async def _open(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    card = await current_case(runtime, request, reference)
    if card is None:  # the reference is the one on the button or typed: echoing it tells nothing
        text = no_such_report(reference, Action.VIEW_CASE)
        return replace(refused(text), show=refusal_card(text))
    return Outcome(show=card)


def feedback_done(result: CaseResult) -> str:
    return (f"The reporter of {result.reference} is being told it was looked at and action "
            "taken (no details).")


async def _feedback(runtime: Runtime, request: Request) -> Outcome:
    reference = _reference(request)
    if reference is None:
        return Outcome(tell=NO_REFERENCE, tone="warning")
    result = await send_feedback(runtime, request.actor, reference, interaction=request.key)
    return await _answer(runtime, request, result, feedback_done(result), None, None)


INTERACTIONS = (
    Interaction(OPEN, _open, ConsoleCommand("/case {reference}")),
    Interaction(FEEDBACK, _feedback, ConsoleCommand("/feedback {reference}")),
    *(_interaction(action) for action in CASE_ACTIONS),
)
EXPORTS = EXPORT
"""Exporting makes personal download links, which each surface serves its own way (not an
interaction of this table)."""


def values_of(pairs: Mapping[str, str | None]) -> dict[str, object]:
    """Form values from a typed command's parts (None: left out)."""
    return {key: value for key, value in pairs.items() if value is not None}
