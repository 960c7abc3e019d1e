"""Slack signatures beyond the adapter's own tests: odd headers, replays, oversized bodies."""

import time
from urllib.parse import urlencode

from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import sign
from tests.security.state import Watch

FORM = "application/x-www-form-urlencoded"
COMMAND = urlencode({"team_id": "T111", "user_id": "U0ALEX", "command": "/report",
                     "text": "", "trigger_id": "1.2.3", "channel_id": "C1"}).encode()
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _headers(**replaced: str) -> dict[str, str]:
    return {**sign(COMMAND), **replaced}


def _odd_headers() -> dict[str, dict[str, str]]:
    now = int(time.time())
    good = sign(COMMAND)
    digest = good["X-Slack-Signature"].removeprefix("v0=")
    return {
        "timestamp moved after signing": {**sign(COMMAND, timestamp=now - 60),
                                          "X-Slack-Request-Timestamp": str(now)},
        "signed with an empty secret": sign(COMMAND, secret=""),
        "v1 scheme": {**good, "X-Slack-Signature": f"v1={digest}"},
        "no scheme": {**good, "X-Slack-Signature": digest},
        "signature twice": {**good, "X-Slack-Signature": f"{good['X-Slack-Signature']},v0=00"},
        "negative timestamp": _headers(**{"X-Slack-Request-Timestamp": f"-{now}"}),
        "plus timestamp": _headers(**{"X-Slack-Request-Timestamp": f"+{now}"}),
        "fractional timestamp": _headers(**{"X-Slack-Request-Timestamp": f"{now}.0"}),
        "hex timestamp": _headers(**{"X-Slack-Request-Timestamp": hex(now)}),
        "huge timestamp": _headers(**{"X-Slack-Request-Timestamp": "9" * 40}),
        "zero timestamp": sign(COMMAND, timestamp=0),
        "superscript digits": _headers(**{"X-Slack-Request-Timestamp": f"{now}²"}),
        "arabic-indic digits": _headers(
            **{"X-Slack-Request-Timestamp": str(now).translate(ARABIC_DIGITS)}),
        "non-ascii signature": _headers(**{"X-Slack-Signature": "v0=" + "é" * 64}),
        "long signature": _headers(**{"X-Slack-Signature": "v0=" + "a" * 8000}),
        "empty signature": _headers(**{"X-Slack-Signature": ""}),
    }


async def test_odd_signature_headers_get_401(slack: SlackApp) -> None:
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    answered = {}
    for case, headers in _odd_headers().items():
        reply = await slack.driver.post(COMMAND, FORM, headers=headers, signed=False)
        answered[case] = reply.status
    wrong = {case: status for case, status in answered.items() if status != 401}
    assert not wrong, wrong
    await watch.assert_untouched()


async def test_replays_store_and_send_nothing_new(slack: SlackApp) -> None:
    """A signed command replayed within five minutes opens a form and stores nothing; a
    replayed event (no retry headers at all) is dropped."""
    headers = sign(COMMAND)
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    for _ in range(3):
        reply = await slack.driver.post(COMMAND, FORM, headers=headers, signed=False)
        assert reply.status == 200, reply.text
    assert await watch.changed_tables() == set()
    assert {call.method for call in slack.fake.calls} <= {"views.open"}

    assert (await slack.driver.home_opened("U0ALEX", "EvREPLAY")).status == 200
    watch = await Watch.start(slack.runtime.database, slack.fake.calls)
    assert (await slack.driver.home_opened("U0ALEX", "EvREPLAY")).status == 200
    await watch.assert_untouched()
