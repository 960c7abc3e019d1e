"""Showing a modal from wherever a button was pressed (in place of the modal it is in, on top of
it, or a new one from a message or the Home tab, within the trigger's 3 seconds), and a short
private reply where the button was. A Slack failure is logged by kind and reported as False."""

import logging
from typing import Any

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import open_view
from adapters.slack.flow_handlers import SLACK_FAILURES
from adapters.slack.payloads import channel_of, text_of, user_of

log = logging.getLogger(__name__)


def in_modal(body: dict[str, Any]) -> str | None:
    """The id of the modal the button was pressed in, if it was in one."""
    view = body.get("view")
    if isinstance(view, dict) and view.get("type") == "modal":
        view_id = view.get("id")
        return view_id if isinstance(view_id, str) and view_id else None
    return None


async def show(client: AsyncWebClient, body: dict[str, Any], view: View | dict[str, Any]
               ) -> bool:
    """Replace the modal the button is in, or open a new one; False if that failed."""
    content = view.to_dict() if isinstance(view, View) else view
    view_id = in_modal(body)
    trigger = text_of(body, "trigger_id")
    try:
        if view_id:
            await client.views_update(view_id=view_id, view=content)
        elif trigger:
            await open_view(client, trigger, content)
        else:
            return False
        return True
    except SLACK_FAILURES as error:
        log.warning("slack: could not show a modal: %s", type(error).__name__)
        return False


async def push(client: AsyncWebClient, body: dict[str, Any], view: View) -> str | None:
    """On top of the modal the button is in; the new modal's id (None if that failed)."""
    trigger = text_of(body, "trigger_id")
    if not trigger:
        return None
    try:
        return _opened(await client.views_push(trigger_id=trigger, view=view))
    except SLACK_FAILURES as error:
        log.warning("slack: could not push a modal: %s", type(error).__name__)
        return None


async def open_new(client: AsyncWebClient, body: dict[str, Any], view: View) -> str | None:
    """A new modal, whatever the button was in; its id (None if that failed)."""
    trigger = text_of(body, "trigger_id")
    if not trigger:
        return None
    try:
        return _opened(await client.views_open(trigger_id=trigger, view=view))
    except SLACK_FAILURES as error:
        log.warning("slack: could not open a modal: %s", type(error).__name__)
        return None


async def stack(client: AsyncWebClient, body: dict[str, Any], view: View) -> str | None:
    """On top of the modal the button is in; from a message or the Home tab, a new one."""
    if in_modal(body):
        return await push(client, body, view)
    return await open_new(client, body, view)


def _opened(response: Any) -> str:
    """The id of the view Slack opened ("" if its answer has none)."""
    return text_of(getattr(response, "data", None), "view", "id") or ""


async def update(client: AsyncWebClient, view_id: str | None, view: View) -> bool:
    """Replace an open modal by its id."""
    if not view_id:
        return False
    try:
        await client.views_update(view_id=view_id, view=view)
        return True
    except SLACK_FAILURES as error:
        log.warning("slack: could not update a modal: %s", type(error).__name__)
        return False


async def tell(client: AsyncWebClient, body: dict[str, Any], text: str) -> None:
    """An ephemeral reply where the button was; a direct message from the Home tab."""
    user = user_of(body) or ""
    channel = channel_of(body)
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user, text=text)
        else:
            await client.chat_postMessage(channel=user, text=text)
    except SLACK_FAILURES as error:
        log.warning("slack: could not reply to a button: %s", type(error).__name__)
