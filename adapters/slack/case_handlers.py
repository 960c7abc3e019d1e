"""The case record in Slack: Open case (from the private details), a small form per action,
one-click feedback and personal export links. The core decides who may and validates; a
refusal or a problem is shown in the modal (a field error on a form), never as a 500."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids, modal
from adapters.slack.case_apply import APPLY, done_text
from adapters.slack.case_forms import FormContext, error_block, form_key, form_target, form_view
from adapters.slack.case_views import (
    NO_LINKS,
    case_notice_view,
    case_view,
    export_view,
    referrals_of,
)
from adapters.slack.own_modals import OwnModals, interaction_key
from adapters.slack.payloads import action_value, user_of
from adapters.slack.text import clip
from bot.access import RECORD_KEEPERS, Action
from bot.actors import Actor, resolve_actor
from bot.authorised import authorised_reference
from bot.cases.entries import CaseResult, refusal_text
from bot.cases.export_links import ExportLinks
from bot.cases.feedback import send_feedback
from bot.cases.record import view_case
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.ui import Notice

log = logging.getLogger(__name__)
CASE = "case"
"""What the bot remembers a person's case modal as (adapters.slack.own_modals)."""
ERROR_TEXT = 500
SORRY = "Sorry, that could not be recorded just now; nothing was added. Please try again."


class CaseHandlers:
    def __init__(self, runtime: Runtime, client: AsyncWebClient,
                 links: ExportLinks | None) -> None:
        self.runtime = runtime
        self.client = client
        self.links = links
        self.zone = runtime.config.organisation.zone
        self.modals = OwnModals(runtime, client)

    def _actor(self, body: dict[str, Any]) -> Actor:
        return resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")

    async def _case_or_refusal(self, actor: Actor, reference: str,
                               notice: Notice | None = None) -> View:
        """The case as it is now (a read, audited by the core), or why it cannot be shown
        (an error notice already in hand says it best)."""
        found = await view_case(self.runtime, actor, reference)
        if found is None:
            refusal = Notice(no_such_report(reference, Action.VIEW_CASE), tone="error")
            return case_notice_view(notice if notice and notice.tone == "error" else refusal)
        return case_view(found, self.zone, notice)

    # -- opening -----------------------------------------------------------------------------

    async def on_open_case(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Open case, pressed in the private details modal (the case is pushed on top) or on
        a content-free notice (an answer arrived, the record was completed: a new modal)."""
        await ack()
        reference = action_value(body)
        if not reference:
            return
        try:
            view = await self._case_or_refusal(self._actor(body), reference[:40])
        except Exception:
            log.exception("slack: reading a case failed")
            view = case_notice_view(Notice("Sorry, the case could not be opened just now.",
                                           tone="error"))
        await self.modals.stack(body, view, CASE, reference)

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """A case button: its small form, pushed on top of the case."""
        await ack()
        key = _action_id(body).removeprefix(ids.CASE_ACTION)
        reference = action_value(body)
        view = body.get("view")
        if key not in APPLY or not reference or not isinstance(view, dict):
            return
        context = FormContext(reference[:40], self.runtime.clock.now().astimezone(self.zone)
                              .date(), referrals_of(view.get("private_metadata")),
                              self._holders())
        await modal.push(self.client, body, form_view(key, context))

    def _holders(self) -> list[tuple[str, str]]:
        """People a case could be assigned to (the core decides whether it may be)."""
        roles = RECORD_KEEPERS | {self.runtime.config.escalation.fallback_role}
        return [(p.id, f"{p.initials} ({', '.join(r.label for r in p.roles)})")
                for p in self.runtime.config.people if p.has_any_role(roles)]

    # -- recording ---------------------------------------------------------------------------

    async def on_submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        found = body.get("view")
        view: dict[str, Any] = found if isinstance(found, dict) else {}
        key = form_key(view.get("callback_id"))
        reference = form_target(view.get("private_metadata"))
        values = (view.get("state") or {}).get("values") or {}
        if key is None or reference is None or not isinstance(values, dict):
            await ack(response_action="update", view=case_notice_view(Notice(
                "That form was not understood, so nothing was recorded.", tone="error")))
            return
        apply = APPLY[key]
        actor = self._actor(body)
        try:
            result = await apply(self.runtime, actor, reference, values, interaction_key(body))
        except Exception:
            log.exception("slack: recording on a case failed")
            result = CaseResult("invalid", reference, message=SORRY)
        if not result.done:
            message = clip(refusal_text(result), ERROR_TEXT)
            await ack(response_action="errors", errors={error_block(key, message): message})
            return
        await ack()  # closes the form; the case underneath shows the new entry
        await self._refresh(body, actor, reference,
                            Notice(done_text(key, result), tone="success"))

    async def _refresh(self, body: dict[str, Any], actor: Actor, reference: str,
                       notice: Notice, or_open: bool = False) -> None:
        """Show the case again in the case modal the bot opened for this person (or, with
        `or_open` and none there, in a new modal): never in a modal the request names."""
        try:
            view = await self._case_or_refusal(actor, reference, notice)
        except Exception:
            log.exception("slack: reading a case failed")
            view = case_notice_view(notice)
        if not await self.modals.refresh(body, CASE, reference, view) and or_open:
            await modal.open_new(self.client, body, view)

    async def on_feedback(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """One click (after Slack's confirm dialog): the reporter is told, with no details."""
        await ack()
        reference = action_value(body)
        if not reference:
            return
        actor = self._actor(body)
        try:
            result = await send_feedback(self.runtime, actor, reference[:40],
                                         interaction=interaction_key(body))
        except Exception:
            log.exception("slack: feedback failed")
            result = CaseResult("invalid", reference, message=SORRY)
        notice = Notice(
            f"The reporter of {result.reference} is being told it was looked at and action "
            "taken (no details).", tone="success") if result.done else Notice(
            refusal_text(result), tone="error")
        await self._refresh(body, actor, result.reference, notice, or_open=True)

    # -- exporting ---------------------------------------------------------------------------

    async def on_export(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Personal download links in a modal: never a file or a link in any message."""
        await ack()
        reference = action_value(body)
        if not reference:
            return
        actor = self._actor(body)
        try:
            found = await self._exportable(actor, reference[:40])
        except Exception:
            log.exception("slack: checking an export failed")
            await modal.push(self.client, body,
                             case_notice_view(Notice(SORRY, tone="error"), "Export case"))
            return
        if found is None:
            await modal.push(self.client, body, case_notice_view(Notice(
                no_such_report(reference, Action.EXPORT), tone="error"), "Export case"))
            return
        if self.links is None:
            await modal.push(self.client, body, case_notice_view(NO_LINKS, "Export case"))
            return
        now = self.runtime.clock.now()
        links = (self.links.link(actor, found, "pdf", now),
                 self.links.link(actor, found, "json", now))
        await modal.push(self.client, body, export_view(found, *links))

    async def _exportable(self, actor: Actor, reference: str) -> str | None:
        """The case's reference if the core says this person may export it (a refusal is
        recorded); the download itself checks again and is audited."""
        return await authorised_reference(self.runtime, actor, Action.EXPORT, reference,
                                          "export_link_refused")


def _action_id(body: dict[str, Any]) -> str:
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else None
    return str(first.get("action_id") or "") if isinstance(first, dict) else ""


async def _ack_only(ack: AsyncAck) -> None:
    await ack()


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient,
             links: ExportLinks | None) -> None:
    handlers = CaseHandlers(runtime, client, links)
    bolt.action(ids.OPEN_CASE)(handlers.on_open_case)
    bolt.action(ids.CASE_FEEDBACK)(handlers.on_feedback)
    bolt.action(ids.CASE_EXPORT)(handlers.on_export)
    for key in APPLY:
        bolt.action(f"{ids.CASE_ACTION}{key}")(handlers.on_action)
        bolt.view_submission(f"{ids.CASE_FORM}{key}")(handlers.on_submit)
    for fmt in ("pdf", "json"):
        bolt.action(f"{ids.CASE_DOWNLOAD}:{fmt}")(_ack_only)
