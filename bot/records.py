"""Sealing and opening report content and flow progress (see bot/crypto.py)."""

from typing import Any

from bot.crypto import KeyRing
from storage.models import Report


def answers_label(reference: str) -> str:
    return f"report:{reference}:answers"


def context_label(reference: str) -> str:
    return f"report:{reference}:context"


def flow_label(platform: str, conversation_id: str) -> str:
    return f"flow:{platform}:{conversation_id}"


def seal_answers(keys: KeyRing, reference: str, answers: dict[str, Any]) -> str:
    return keys.seal_json(answers, answers_label(reference))


def seal_context(keys: KeyRing, reference: str, context: dict[str, Any]) -> str:
    return keys.seal_json(context, context_label(reference))


def open_answers(keys: KeyRing, report: Report) -> dict[str, Any]:
    return dict(keys.open_json(report.answers_sealed, answers_label(report.reference)))


def open_context(keys: KeyRing, report: Report) -> dict[str, Any]:
    return dict(keys.open_json(report.context_sealed, context_label(report.reference)))


def seal_flow_state(keys: KeyRing, platform: str, conversation_id: str,
                    state: dict[str, Any]) -> str:
    return keys.seal_json(state, flow_label(platform, conversation_id))


def open_flow_state(keys: KeyRing, platform: str, conversation_id: str,
                    sealed: str) -> dict[str, Any]:
    return dict(keys.open_json(sealed, flow_label(platform, conversation_id)))
