"""Slack's v0 signature check on its own (Bolt's own check runs behind it in the app, so only
here does a lapse in ours show): fresh and signed with our secret, or refused."""

import hashlib
import hmac

import pytest

from adapters.slack.verify import MAX_AGE_SECONDS, RequestVerifier

SECRET = "unit-test-secret"
NOW = 1_773_482_400
BODY = b"payload=%7B%22type%22%3A%22block_actions%22%7D"


def signature(timestamp: str, body: bytes = BODY, secret: str = SECRET) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verifier() -> RequestVerifier:
    return RequestVerifier(SECRET, now=lambda: float(NOW))


@pytest.mark.parametrize("age", [0, 1, MAX_AGE_SECONDS, -MAX_AGE_SECONDS])
def test_a_fresh_signed_request_is_accepted(age: int) -> None:
    stamp = str(NOW - age)
    assert verifier().is_valid(BODY, stamp, signature(stamp))


@pytest.mark.parametrize("age", [MAX_AGE_SECONDS + 1, 3600, NOW - 1])
def test_a_stale_request_is_refused_even_when_signed(age: int) -> None:
    stamp = str(NOW - age)
    assert not verifier().is_valid(BODY, stamp, signature(stamp))


@pytest.mark.parametrize("ahead", [MAX_AGE_SECONDS + 1, 86_400, 10**11])
def test_a_request_from_the_future_is_refused_even_when_signed(ahead: int) -> None:
    stamp = str(NOW + ahead)
    assert not verifier().is_valid(BODY, stamp, signature(stamp))


@pytest.mark.parametrize("stamp", [
    "", " ", "abc", f"{NOW}.5", f"-{NOW}", f"+{NOW}", f" {NOW}", f"{NOW} ", f"{NOW}\n",
    "１７７３４８２４００", "1" * 13, "0x69B4A9A0", "1e9", "٣٣٣",
])
def test_a_malformed_timestamp_is_refused(stamp: str) -> None:
    assert not verifier().is_valid(BODY, stamp, signature(stamp))


def test_a_missing_timestamp_or_signature_is_refused() -> None:
    stamp = str(NOW)
    assert not verifier().is_valid(BODY, None, signature(stamp))
    assert not verifier().is_valid(BODY, stamp, None)
    assert not verifier().is_valid(BODY, stamp, "")


@pytest.mark.parametrize("forged", [
    signature(str(NOW), b"payload=other"),
    signature(str(NOW), secret="someone-elses-secret"),
    signature(str(NOW - 1)),
    signature(str(NOW)).removeprefix("v0="),
    signature(str(NOW)).replace("v0=", "v1="),
    signature(str(NOW))[:-1] + "é",
    signature(str(NOW)).upper(),
])
def test_a_wrong_signature_is_refused(forged: str) -> None:
    assert not verifier().is_valid(BODY, str(NOW), forged)
