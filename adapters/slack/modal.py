"""Showing a modal from wherever a button was pressed: in place of the modal it is in, or a new
one from a message or the Home tab (within the trigger's 3 seconds)."""

import logging
from typing import Any

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import open_view
from adapters.slack.flow_handlers import SLACK_FAILURES
from adapters.slack.payloads import text_of

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
