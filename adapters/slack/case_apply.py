"""A submitted case form, handed to the core as it is: the core checks who may, validates and
records (or says why not). Nothing here decides anything."""

from collections.abc import Awaitable, Callable
from typing import Any

from adapters.slack import ids
from adapters.slack.case_forms import BadDate, chosen, picked_date, typed
from bot.actors import Actor
from bot.cases import actions
from bot.cases.entries import CaseResult
from bot.followup.questions import ask_reporter
from bot.runtime import Runtime

Values = dict[str, Any]
Key = str | None
"""The signed interaction's key: a replay of a form already recorded adds nothing."""
Apply = Callable[[Runtime, Actor, str, Values, Key], Awaitable[CaseResult]]


async def _note(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                ) -> CaseResult:
    return await actions.add_note(runtime, actor, ref, typed(v, ids.CASE_TEXT) or "",
                                  interaction=key)


async def _decide(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                  ) -> CaseResult:
    return await actions.record_decision(runtime, actor, ref, chosen(v, ids.CASE_CODE) or "",
                                         typed(v, ids.CASE_TEXT) or "",
                                         chosen(v, ids.CASE_AGENCY), interaction=key)


async def _refer(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                 ) -> CaseResult:
    try:
        on = picked_date(v, ids.CASE_DATE)
    except BadDate as problem:
        return CaseResult("invalid", ref, message=str(problem))
    return await actions.record_referral(runtime, actor, ref, chosen(v, ids.CASE_AGENCY) or "",
                                         on, typed(v, ids.CASE_THEIRS),
                                         typed(v, ids.CASE_TEXT), interaction=key)


async def _outcome(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                   ) -> CaseResult:
    number = chosen(v, ids.CASE_REFERRAL) or ""
    if not number.isdigit() or len(number) > 9:
        return CaseResult("invalid", ref, message="Choose the referral this outcome is for.")
    return await actions.record_referral_outcome(runtime, actor, ref, int(number),
                                                 chosen(v, ids.CASE_CODE) or "",
                                                 typed(v, ids.CASE_TEXT), interaction=key)


async def _assign(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                  ) -> CaseResult:
    return await actions.assign(runtime, actor, ref, chosen(v, ids.CASE_PERSON) or "",
                                typed(v, ids.CASE_TEXT), interaction=key)


async def _link(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key) -> CaseResult:
    return await actions.link(runtime, actor, ref, (typed(v, ids.CASE_OTHER) or "").strip(),
                              typed(v, ids.CASE_TEXT), interaction=key)


async def _ask(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key) -> CaseResult:
    return await ask_reporter(runtime, actor, ref, typed(v, ids.CASE_TEXT) or "",
                              interaction=key)


async def _close(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                 ) -> CaseResult:
    return await actions.close(runtime, actor, ref, chosen(v, ids.CASE_CODE) or "",
                               typed(v, ids.CASE_TEXT) or "", interaction=key)


async def _reopen(runtime: Runtime, actor: Actor, ref: str, v: Values, key: Key
                  ) -> CaseResult:
    return await actions.reopen(runtime, actor, ref, typed(v, ids.CASE_TEXT) or "",
                                interaction=key)


APPLY: dict[str, Apply] = {
    "note": _note,
    "decide": _decide,
    "refer": _refer,
    "outcome": _outcome,
    "assign": _assign,
    "link": _link,
    "ask": _ask,
    "close": _close,
    "reopen": _reopen,
}
"""Each form's call into the core (which words any refusal)."""


def done_text(key: str, result: CaseResult) -> str:
    """What the case view says above the record after a form was recorded."""
    n, ref = result.sequence, result.reference
    return {
        "note": f"Note #{n} added to {ref}.",
        "decide": f"Decision #{n} recorded on {ref}.",
        "refer": f"Referral #{n} recorded on {ref}. When they reply, record it with Referral "
                 "outcome.",
        "outcome": f"Outcome #{n} recorded on {ref}.",
        "assign": f"{ref} is assigned (entry #{n}); they are being told, without details.",
        "link": f"Link #{n} recorded on {ref}.",
        "ask": f"Question #{n} sent privately to the reporter of {ref}: they are told only "
               "that there is a question. You will be told when they answer.",
        "close": f"{ref} is closed and now read-only (Reopen adds a new entry if needed).",
        "reopen": f"{ref} is open again (entry #{n}); the closure stands in the record as it "
                  "was.",
    }[key]
