"""Walk a report from /report to the receipt over HTTP, answering every question by its type."""

import re
import uuid
from datetime import timedelta
from typing import Any

from adapters.slack import ids
from bot.clock import ManualClock
from bot.domain import REFERENCE_PATTERN
from bot.runtime import Runtime
from tests.adapters.slack.conftest import SlackApp

MAX_STEPS = 60


def field_type(runtime: Runtime, step_id: str) -> str:
    for flow in runtime.flows.values():
        if flow.has_step(step_id):
            step_type = flow.step(step_id).type
            return step_type.value if step_type else "short_text"
    return "single_choice"  # the kind chooser


def answer_for(runtime: Runtime, clock: ManualClock, block: dict[str, Any], planted: list[str],
               overrides: dict[str, Any]) -> Any:
    step = ids.step_of_block(block["block_id"]) or ""
    if step in overrides:
        return overrides[step]
    kind = field_type(runtime, step)
    options = [o["value"] for o in block["element"].get("options", [])]
    if kind in ("short_text", "long_text"):
        secret = f"PLANT{uuid.uuid4().hex[:10]}"
        planted.append(secret)
        return f"{secret} <!channel> <@U0LEAD> & more"
    if kind == "initials":
        return "JS"
    if kind == "yes_no":
        return "no"
    if kind in ("single_choice", "staff_member"):
        return options[0]
    if kind == "multi_choice":
        return [options[0]]
    if kind == "datetime":
        return int((clock.now() - timedelta(hours=2)).timestamp())
    if kind == "date":
        return clock.now().date().isoformat()
    raise AssertionError(kind)


async def answer_until_review(slack: SlackApp, clock: ManualClock, user: str,
                              planted: list[str], overrides: dict[str, Any] | None = None
                              ) -> list[dict[str, Any]]:
    """Answer each question view until the review; returns every view shown on the way."""
    shown = []
    driver = slack.driver
    for _ in range(MAX_STEPS):
        view = driver.view_of(user)
        shown.append(view)
        if view["callback_id"] != ids.QUESTION_VIEW:
            return shown
        block = driver.input_block(user)
        assert block is not None
        answer = answer_for(slack.runtime, clock, block, planted, overrides or {})
        reply = await driver.submit(user, answer)
        assert reply.status == 200, reply.text
        assert reply.json.get("response_action") == "update", reply.text
    raise AssertionError("the flow did not reach the review")


async def report(slack: SlackApp, clock: ManualClock, user: str, kind_text: str,
                 planted: list[str], overrides: dict[str, Any] | None = None) -> str:
    """A whole report; returns its reference."""
    reply = await slack.driver.command(user, kind_text)
    assert reply.status == 200, reply.text
    views = await answer_until_review(slack, clock, user, planted, overrides)
    assert views[-1]["callback_id"] == ids.REVIEW_VIEW
    done = await slack.driver.submit(user)
    assert done.status == 200, done.text
    receipt = done.json["view"]
    assert receipt["callback_id"] == ids.DONE_VIEW, receipt
    text = str(receipt["blocks"])
    found = re.search(REFERENCE_PATTERN, text)  # any kind's prefix (the kinds registry's)
    assert found is not None, text
    return found.group(0)
