"""Reading incoming activities: botbuilder-schema models plus the Teams-specific details."""

import re
from dataclasses import dataclass
from typing import Any

from botbuilder.schema import Activity, ActivityTypes, Attachment

from adapters.teams.card_kit import CARD_CONTENT_TYPE, Element

KNOWN_TYPES = frozenset(t.value for t in ActivityTypes)
CARD_ACTION = "adaptiveCard/action"
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


class BadActivity(ValueError):
    """The body is not an activity we can read; the message is safe to log."""


def parse_activity(body: object) -> Activity:
    if not isinstance(body, dict):
        raise BadActivity("the body is not a JSON object")
    try:
        activity = Activity().deserialize(body)
    except Exception as error:  # msrest raises several kinds for wrong shapes
        raise BadActivity(f"not an activity ({type(error).__name__})") from None
    if not activity.type or not isinstance(activity.type, str):
        raise BadActivity("the activity has no type")
    if activity.type not in KNOWN_TYPES:
        raise BadActivity(f"unknown activity type {activity.type[:40]!r}")
    needs = [activity.conversation, activity.from_property, activity.service_url]
    if activity.type in ("message", "invoke", "conversationUpdate") and not all(needs):
        raise BadActivity("the activity has no conversation, sender or serviceUrl")
    return activity


def channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    return data if isinstance(data, dict) else {}


def tenant_of(activity: Activity) -> str:
    tenant = channel_data(activity).get("tenant")
    if isinstance(tenant, dict) and tenant.get("id"):
        return str(tenant["id"])
    conversation = activity.conversation
    return str(getattr(conversation, "tenant_id", None) or "")


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    return bool(conversation) and conversation.conversation_type in (None, "personal") and \
        not conversation.is_group


def sender_ids(activity: Activity) -> list[str]:
    """The sender's Teams user id, then their Entra (AAD) object id when sent."""
    sender = activity.from_property
    ids = [sender.id] if sender and sender.id else []
    if sender and sender.aad_object_id:
        ids.append(sender.aad_object_id)
    return ids


def channel_conversation(conversation_id: str) -> str:
    """`19:x@thread.tacv2;messageid=1` (a thread) -> `19:x@thread.tacv2` (its channel)."""
    return conversation_id.split(";", 1)[0]


def command_text(activity: Activity) -> str:
    """The typed text without @mentions or markup, in lower case, spaces collapsed."""
    text = _TAGS.sub(" ", _MENTION.sub(" ", activity.text or ""))
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class CardAction:
    verb: str
    data: dict[str, Any]


def card_action(activity: Activity) -> CardAction | None:
    """The Action.Execute behind an adaptiveCard/action invoke, or None if malformed."""
    value = activity.value
    if not isinstance(value, dict) or not isinstance(value.get("action"), dict):
        return None
    action = value["action"]
    data = action.get("data")
    data = data if isinstance(data, dict) else {}
    verb = action.get("verb") or data.get("verb")
    if not isinstance(verb, str) or not verb:
        return None
    return CardAction(verb, data)


def dialog_action(activity: Activity) -> CardAction | None:
    """What a `task/fetch` or `task/submit` invoke asks for: the verb and data of the card's
    Action.Submit (its inputs merged in by Teams), or None if malformed."""
    value = activity.value
    data = value.get("data") if isinstance(value, dict) else None
    if not isinstance(data, dict):
        return None
    verb = data.get("verb")
    if not isinstance(verb, str) or not verb:
        return None
    return CardAction(verb, {k: v for k, v in data.items() if k != "msteams"})


def card_message(card: Element, summary: str | None = None) -> Activity:
    activity = Activity(type="message",
                        attachments=[Attachment(content_type=CARD_CONTENT_TYPE, content=card)])
    if summary:
        activity.summary = summary
    return activity
