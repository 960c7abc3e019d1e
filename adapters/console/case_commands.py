"""Console commands for the case record: /case, /note, /decide, /refer, /outcome, /assign,
/link, /close, /reopen, /feedback, /chronology, /export and /register.

Each case action is the core's interaction (bot/cases/interactions.py): a command only turns
its typed words into the action's form values; the core checks, records and words the
answer."""

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from adapters.console.case_render import render_chronology
from adapters.console.commands import UsageError
from bot.access import Action
from bot.cases import case_forms as forms
from bot.cases import chronology, exports, register
from bot.cases.case_cards import FEEDBACK, OPEN
from bot.cases.interactions import values_of
from bot.domain import looks_like_reference, normalise_reference
from bot.private_files import FileProblem, save, target, write_private
from bot.refusals import no_such_report

if TYPE_CHECKING:
    from adapters.console.app import ConsoleSession

Handler = Callable[[tuple[str, ...]], Awaitable[None]]


def _split(args: tuple[str, ...], usage: str, words: int) -> tuple[list[str], str]:
    """The words before the first ':' (at least `words`), and the text after it."""
    before, _, text = " ".join(args).partition(":")
    found = before.split()
    if len(found) < words:
        raise UsageError(f"Usage: {usage}")
    return found, text.strip()


def commands(session: "ConsoleSession") -> dict[str, Handler]:
    runtime = session.runtime
    zone = runtime.config.organisation.zone

    async def case(args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /case REFERENCE")
        await session.perform(OPEN, reference=args[0])

    async def note(args: tuple[str, ...]) -> None:
        (ref, *_), text = _split(args, "/note REFERENCE: text of the note", 1)
        await session.perform("case.note", {forms.NOTE: text}, reference=ref)

    async def decide(args: tuple[str, ...]) -> None:
        usage = ("/decide REFERENCE DECISION [AGENCY]: reasons (DECISION: refer, no-referral, "
                 "serious-incident, monitor, other)")
        (ref, decision, *agency), reasons = _split(args, usage, 2)
        await session.perform("case.decide", values_of({
            forms.DECISION: decision, forms.DECISION_AGENCY: agency[0] if agency else None,
            forms.DECISION_REASONS: reasons}), reference=ref)

    async def refer(args: tuple[str, ...]) -> None:
        usage = "/refer REFERENCE AGENCY [DATE] [ref=THEIR-REFERENCE]: what was passed on"
        (ref, agency, *rest), text = _split(args, usage, 2)
        theirs = next((w.split("=", 1)[1] for w in rest if w.lower().startswith("ref=")), None)
        dates = [w for w in rest if not w.lower().startswith("ref=")]
        await session.perform("case.refer", values_of({
            forms.REFERRAL_AGENCY: agency, forms.REFERRAL_DATE: dates[0] if dates else None,
            forms.REFERRAL_THEIRS: theirs, forms.REFERRAL_NOTE: text}), reference=ref)

    async def outcome(args: tuple[str, ...]) -> None:
        usage = ("/outcome REFERENCE N OUTCOME: note (OUTCOME: accepted, advice-only, "
                 "no-further-action, still-waiting, other)")
        (ref, number, chosen, *_), text = _split(args, usage, 3)
        if not number.lstrip("#").isdigit():
            raise UsageError(f"Usage: {usage}")
        await session.perform("case.outcome", {
            forms.OUTCOME_REFERRAL: number, forms.OUTCOME: chosen, forms.OUTCOME_NOTE: text},
            reference=ref)

    async def assign(args: tuple[str, ...]) -> None:
        (ref, person, *_), text = _split(args, "/assign REFERENCE PERSON-ID [: reason]", 2)
        await session.perform("case.assign", {forms.ASSIGN_PERSON: person,
                                              forms.ASSIGN_REASON: text}, reference=ref)

    async def link(args: tuple[str, ...]) -> None:
        (ref, other, *_), text = _split(args, "/link REFERENCE OTHER-REFERENCE [: why]", 2)
        await session.perform("case.link", {forms.LINK_OTHER: other, forms.LINK_WHY: text},
                              reference=ref)

    async def close(args: tuple[str, ...]) -> None:
        usage = ("/close REFERENCE OUTCOME: reason (OUTCOME: referred, action-taken, "
                 "advice-given, no-further-action, duplicate)")
        (ref, chosen, *_), text = _split(args, usage, 2)
        await session.perform("case.close", {forms.CLOSE_OUTCOME: chosen,
                                             forms.CLOSE_REASON: text}, reference=ref)

    async def reopen(args: tuple[str, ...]) -> None:
        (ref, *_), text = _split(args, "/reopen REFERENCE: reason", 1)
        await session.perform("case.reopen", {forms.REOPEN_REASON: text}, reference=ref)

    async def feedback(args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /feedback REFERENCE")
        await session.perform(FEEDBACK, reference=args[0])

    async def chronology_(args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /chronology REFERENCE, or /chronology INITIALS")
        if looks_like_reference(args[0]):
            events = await chronology.case_chronology(runtime, session.actor, args[0])
            if events is None:
                session.write("x " + no_such_report(args[0], Action.VIEW_CASE))
                return
        else:
            events = await chronology.person_chronology(runtime, session.actor, args[0])
            if events is None:
                raise UsageError("Give a reference such as SG-2026-0001 or SG-2026-K7QMX, "
                                 "or initials such as AB.")
        session.write(render_chronology(args[0].upper(), events, zone))

    async def export(args: tuple[str, ...]) -> None:
        if len(args) not in (2, 3) or args[1].lower() not in exports.FORMATS:
            raise UsageError("Usage: /export REFERENCE pdf|json [FILE or FOLDER]")
        fmt: exports.Format = "pdf" if args[1].lower() == "pdf" else "json"
        try:  # a bad or taken file name is refused before anything is exported
            path, may_rename = target(args[2] if len(args) == 3 else None,
                                      exports.Export(normalise_reference(args[0]), fmt,
                                                     b"").filename)
        except FileProblem as problem:
            session.write(f"x {problem}")
            return
        made = await exports.export_case(runtime, session.actor, args[0], fmt)
        if made is None:
            session.write("x " + no_such_report(args[0], Action.EXPORT))
            return
        try:
            path = write_private(made.data, path, may_rename)
        except FileProblem as problem:
            session.write(f"x {problem}")
            return
        session.write(f"Exported {made.reference} as {fmt.upper()} to {path} "
                      f"({len(made.data)} bytes, readable only by you). It holds the whole "
                      "record: pass it on securely.")

    async def register_(args: tuple[str, ...]) -> None:
        year = next((int(a) for a in args if a.isdigit() and len(a) == 4), None)
        files = [a for a in args if not (a.isdigit() and len(a) == 4)]
        text = await register.register_csv(runtime, session.actor, year)
        if text is None:
            raise UsageError("Only record keepers (leads, deputies, the data-protection lead, "
                             "the fallback role) see the register.")
        if files:
            try:
                path = save(text.encode(), files[0], f"register-{year or 'all'}.csv")
            except FileProblem as problem:
                session.write(f"x {problem}")
                return
            session.write(f"Wrote the register ({text.count(chr(10)) - 1} rows) to {path}.")
        else:
            session.write(text.rstrip("\n"))

    return {"case": case, "note": note, "decide": decide, "refer": refer, "outcome": outcome,
            "assign": assign, "link": link, "close": close, "reopen": reopen,
            "feedback": feedback, "chronology": chronology_, "export": export,
            "register": register_}
