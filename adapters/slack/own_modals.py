"""Signed interactions named once, and modals refreshed only for whom the bot opened them.

- `interaction_key`: a hash of the signed payload. Slack puts a fresh trigger id and action
  time in every interaction, so only a replay of the very same request has the same key; the
  core records it with what the interaction writes, and a replay adds nothing.
- `OwnModals`: every modal opened here is remembered (in the core, so every replica knows)
  for the person it was opened for. A later request refreshes only such a modal: the one the
  bot opened for this person's flow, or the modal the request came from if the bot opened it
  for this same person. A view id in a request's private_metadata is never used.
"""

import hashlib
import json
from typing import Any

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ids, modal
from adapters.slack.payloads import user_of
from bot import interactions
from bot.domain import normalise_reference
from bot.runtime import Runtime


def interaction_key(body: dict[str, Any]) -> str:
    """The same for a replay of this very request, different for anything a person does."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                           default=str)
    return f"{ids.PLATFORM}:{hashlib.sha256(canonical.encode()).hexdigest()}"


class OwnModals:
    def __init__(self, runtime: Runtime, client: AsyncWebClient) -> None:
        self.runtime = runtime
        self.client = client

    async def _remember(self, body: dict[str, Any], view_id: str | None, purpose: str,
                        reference: str | None) -> str | None:
        if view_id:
            await interactions.remember_view(self.runtime, ids.PLATFORM, user_of(body) or "",
                                             view_id, purpose, _ref(reference))
        return view_id

    async def stack(self, body: dict[str, Any], view: View, purpose: str,
                    reference: str | None = None) -> str | None:
        """modal.stack, remembered for this person."""
        return await self._remember(body, await modal.stack(self.client, body, view), purpose,
                                    reference)

    async def push(self, body: dict[str, Any], view: View, purpose: str,
                   reference: str | None = None) -> str | None:
        """modal.push, remembered for this person."""
        return await self._remember(body, await modal.push(self.client, body, view), purpose,
                                    reference)

    async def open_new(self, body: dict[str, Any], view: View, purpose: str,
                       reference: str | None = None) -> str | None:
        """modal.open_new, remembered for this person."""
        return await self._remember(body, await modal.open_new(self.client, body, view),
                                    purpose, reference)

    async def stored(self, body: dict[str, Any], purpose: str, reference: str | None
                     ) -> str | None:
        """The modal the bot opened for this person's flow (`purpose`, `reference`)."""
        return await interactions.view_for(self.runtime, ids.PLATFORM, user_of(body) or "",
                                           purpose, _ref(reference))

    async def refresh(self, body: dict[str, Any], purpose: str, reference: str | None,
                      view: View) -> bool:
        """Replace the modal the bot opened for this person's flow; False if there is none."""
        view_id = await self.stored(body, purpose, reference)
        return await modal.update(self.client, view_id, view) if view_id else False

    async def refresh_own(self, body: dict[str, Any], view: View) -> bool:
        """Replace the modal this request came from, if the bot opened it for this person."""
        view_id = modal.in_modal(body)
        if not await interactions.opened_for(self.runtime, ids.PLATFORM, user_of(body) or "",
                                             view_id):
            return False
        return await modal.update(self.client, view_id, view)


def _ref(reference: str | None) -> str | None:
    return normalise_reference(reference[:40]) if reference else None
