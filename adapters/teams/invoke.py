"""Invoke response bodies, built with botbuilder-schema's own models: Universal Actions
(`adaptiveCard/action`) and dialogs (`task/fetch`, `task/submit`).

Stock botbuilder 4.17.1 answers every adaptiveCard/action with HTTP 500 (it serialises the
body twice), so the adapter builds each response body itself, serialised once, and the
endpoint sends it as the InvokeResponse body.
"""

from typing import Any

from botbuilder.schema import AdaptiveCardInvokeResponse, Attachment
from botbuilder.schema.teams import (
    TaskModuleContinueResponse,
    TaskModuleMessageResponse,
    TaskModuleResponse,
    TaskModuleTaskInfo,
)

from adapters.teams.card_kit import CARD_CONTENT_TYPE, Element

TASK_FETCH = "task/fetch"
TASK_SUBMIT = "task/submit"
DIALOG_INVOKES = frozenset({TASK_FETCH, TASK_SUBMIT})
DIALOG_HEIGHT = "large"
DIALOG_WIDTH = "medium"
MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
ERROR_TYPE = "application/vnd.microsoft.error"


def card_response(card: Element) -> dict[str, Any]:
    """Replace the card that was pressed (for the person who pressed it)."""
    return AdaptiveCardInvokeResponse(status_code=200, type=CARD_CONTENT_TYPE,
                                      value=card).serialize()


def message_response(text: str) -> dict[str, Any]:
    """Leave the card as it is and show a short message."""
    return {"statusCode": 200, "type": MESSAGE_TYPE, "value": text}


def error_response(status: int, code: str, message: str) -> dict[str, Any]:
    return {"statusCode": status, "type": ERROR_TYPE,
            "value": {"code": code, "message": message}}


def dialog_response(card: Element, title: str) -> dict[str, Any]:
    """Show this card in the dialog (open it, or move it on to the next card)."""
    info = TaskModuleTaskInfo(title=title, height=DIALOG_HEIGHT, width=DIALOG_WIDTH,
                              card=Attachment(content_type=CARD_CONTENT_TYPE, content=card))
    return TaskModuleResponse(task=TaskModuleContinueResponse(value=info)).serialize()


def dialog_message(text: str) -> dict[str, Any]:
    """Close the card in the dialog and show a short message there instead."""
    return TaskModuleResponse(task=TaskModuleMessageResponse(value=text)).serialize()


def short_answer(invoke_name: str | None, text: str) -> dict[str, Any]:
    """A short message in the shape this kind of invoke expects."""
    return dialog_message(text) if invoke_name in DIALOG_INVOKES else message_response(text)
