"""Typed text echoed in Slack (review, private details, messages) cannot ping, link or restyle."""

from typing import Any

from adapters.slack import ids
from bot.clock import ManualClock
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review
from tests.security.injection import slack_problems, tricky

USER = "U0ALEX"


def _text_steps(slack: SlackApp) -> dict[str, str]:
    """A tricky answer, with its own marker, for every free-text question of every flow."""
    answers = {}
    for flow in slack.runtime.flows.values():
        for step in flow.steps:
            if step.is_question and step.type and step.type.value in ("short_text",
                                                                        "long_text"):
                answers[step.id] = tricky(f"plant{step.id.replace('_', '')}")
    return answers


async def test_typed_text_cannot_ping_link_or_restyle(slack: SlackApp,
                                                      clock: ManualClock) -> None:
    answers = _text_steps(slack)
    markers = [text.split()[0] for text in answers.values()]
    await slack.driver.command(USER, "safeguarding")
    shown = await answer_until_review(slack, clock, USER, [], answers)
    review = shown[-1]
    assert review["callback_id"] == ids.REVIEW_VIEW
    assert any(marker in str(review) for marker in markers), "the review shows the answers"
    done = await slack.driver.submit(USER)
    assert done.json["view"]["callback_id"] == ids.DONE_VIEW
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    reference = alert.args["blocks"][-1]["elements"][0]["value"]
    await slack.driver.press_on_message("U0LEAD", ids.VIEW_DETAILS, reference, "C0ALERTS",
                                        alert.response["ts"])
    details = slack.driver.fake.called("views.open")[-1].args["view"]
    assert details["callback_id"] == ids.DETAILS_VIEW and markers[0] in str(details)

    surfaces: dict[str, Any] = {"review view": review}  # the details view is a views.open
    for number, call in enumerate(slack.fake.calls):
        surfaces[f"{call.method} #{number}"] = call.args
    problems = [p for name, value in surfaces.items()
                for p in slack_problems(name, value, markers)]
    assert not problems, "\n".join(sorted(set(problems)))
