"""Universal Actions invoke responses, built with botbuilder-schema's own models.

Stock botbuilder 4.17.1 answers every adaptiveCard/action with HTTP 500 (it serialises the
body twice; DESIGN.md section 6), so the adapter builds the response body itself.
"""

from typing import Any

from botbuilder.schema import AdaptiveCardInvokeResponse

from adapters.teams.card_kit import CARD_CONTENT_TYPE, Element

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
