"""Exporting a case from Slack: personal, short-lived download links in a modal (never a file
or a link in any message). The core decides who may; the download checks again and audits."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids, modal
from adapters.slack.payloads import action_value, user_of
from adapters.slack.views import HEADER, MAX_BLOCKS, notice_blocks, plain, title
from bot.access import Action
from bot.actors import resolve_actor
from bot.authorised import authorised_reference
from bot.cases.export_links import DOWNLOADS, EXPORTS_OFF, NEVER_PASTE, ExportLinks
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.ui import Notice
from bot.ui.wording import TRY_AGAIN

log = logging.getLogger(__name__)
EXPORT_CASE = "Export case"


def notice_view(notice: Notice) -> View:
    return View(type="modal", callback_id=ids.CASE_NOTICE_VIEW, title=title(EXPORT_CASE),
                close=plain("Close", 24), blocks=notice_blocks(notice)[:MAX_BLOCKS],
                clear_on_close=False)


def export_view(reference: str, pdf_url: str, json_url: str) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=plain(f"Export {reference}", HEADER)),
        SectionBlock(text=plain(DOWNLOADS)),
        ActionsBlock(block_id="case_downloads", elements=[
            ButtonElement(action_id=f"{ids.CASE_DOWNLOAD}:pdf", text=plain("Download PDF", 75),
                          url=pdf_url, style="primary"),
            ButtonElement(action_id=f"{ids.CASE_DOWNLOAD}:json",
                          text=plain("Download JSON", 75), url=json_url),
        ]),
        ContextBlock(elements=[plain(NEVER_PASTE, 200)]),
    ]
    return View(type="modal", callback_id=ids.CASE_EXPORT_VIEW, title=title(EXPORT_CASE),
                close=plain("Back", 24), blocks=blocks)


class Exports:
    def __init__(self, runtime: Runtime, client: AsyncWebClient,
                 links: ExportLinks | None) -> None:
        self.runtime = runtime
        self.client = client
        self.links = links

    async def on_export(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        reference = action_value(body)
        if not reference:
            return
        actor = resolve_actor(self.runtime.config, ids.PLATFORM, user_of(body) or "")
        try:
            found = await self._exportable(actor, reference[:40])
        except Exception:
            log.exception("slack: checking an export failed")
            await modal.push(self.client, body, notice_view(Notice(TRY_AGAIN, tone="error")))
            return
        if found is None:
            await modal.push(self.client, body, notice_view(Notice(
                no_such_report(reference, Action.EXPORT), tone="error")))
        elif self.links is None:
            await modal.push(self.client, body, notice_view(Notice(EXPORTS_OFF,
                                                                   tone="warning")))
        else:
            now = self.runtime.clock.now()
            await modal.push(self.client, body, export_view(
                found, self.links.link(actor, found, "pdf", now),
                self.links.link(actor, found, "json", now)))

    async def _exportable(self, actor: Any, reference: str) -> str | None:
        """The case's reference if the core says this person may export it (a refusal is
        recorded)."""
        return await authorised_reference(self.runtime, actor, Action.EXPORT, reference,
                                          "export_link_refused")


async def _ack_only(ack: AsyncAck) -> None:
    await ack()


def register(bolt: AsyncApp, runtime: Runtime, client: AsyncWebClient,
             links: ExportLinks | None) -> None:
    bolt.action(ids.CASE_EXPORT)(Exports(runtime, client, links).on_export)
    for fmt in ("pdf", "json"):
        bolt.action(f"{ids.CASE_DOWNLOAD}:{fmt}")(_ack_only)
