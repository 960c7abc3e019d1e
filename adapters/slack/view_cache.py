"""Rendered modals, cached: building Block Kit through slack_sdk.models costs ~0.9 ms a view.

The same replies always render to the same blocks, so each distinct screen is built (and
checked by slack_sdk's models) once per process; only `private_metadata` differs per person.
"""

import json
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from adapters.slack import ids
from adapters.slack.views import flow_view
from bot.ui import Reply

MAX_SCREENS = 512
_WITH_METADATA = frozenset({ids.QUESTION_VIEW, ids.REVIEW_VIEW})
_rendered: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()


def flow_view_dict(replies: Sequence[Reply], metadata: str, zone: ZoneInfo) -> dict[str, Any]:
    """`flow_view(...).to_dict()` with this private_metadata, from the cache when possible."""
    try:
        key: tuple[Any, ...] | None = (tuple(replies), zone.key)
        hash(key)
    except TypeError:  # an answer held as a list: render it afresh
        key = None
    cached = _rendered.get(key) if key is not None else None
    if cached is None:
        cached = flow_view(replies, "", zone).to_dict()
        cached.pop("private_metadata", None)
        if key is not None:
            _rendered[key] = cached
            if len(_rendered) > MAX_SCREENS:
                _rendered.popitem(last=False)
    else:
        _rendered.move_to_end(key)  # type: ignore[arg-type]
    view = dict(cached)
    if metadata and view.get("callback_id") in _WITH_METADATA:
        view["private_metadata"] = metadata
    return view


def metadata_for(conversation: str, draft: dict[str, Any] | None) -> str:
    """The modal's private_metadata: the conversation, and the unsaved start of a new flow."""
    if draft is None:
        return conversation
    return json.dumps({"conversation": conversation, "draft": draft}, separators=(",", ":"))


def read_metadata(value: object) -> tuple[str, dict[str, Any] | None]:
    """(conversation, draft or None) from a modal's private_metadata; ("", None) if odd."""
    if not isinstance(value, str):
        return "", None
    if not value.startswith("{"):
        return value, None
    try:
        data = json.loads(value)
    except ValueError:
        return "", None
    conversation, draft = data.get("conversation"), data.get("draft")
    if not isinstance(conversation, str) or not isinstance(draft, dict):
        return "", None
    return conversation, draft
