"""Teams tokens beyond the adapter's own tests: algorithm tricks, odd claims, odd headers."""

import base64
import hashlib
import hmac
import json
import time

from cryptography.hazmat.primitives import serialization

from tests.adapters.teams.fake_connector import APP_ID, KID, FakeConnector
from tests.adapters.teams.harness import Teams
from tests.security.state import Watch


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hs256_with_public_key(connector: FakeConnector) -> str:
    """The classic confusion: HMAC-sign with the published RSA public key as the secret."""
    public = connector.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    head = _b64(json.dumps({"alg": "HS256", "kid": KID, "typ": "JWT"}).encode())
    body = _b64(json.dumps({"iss": "https://api.botframework.com", "aud": APP_ID,
                            "serviceurl": connector.service_url, "exp": now + 600}).encode())
    signature = hmac.new(public, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


def _bad_headers(connector: FakeConnector) -> dict[str, str]:
    now = int(time.time())
    good = connector.token()
    return {
        "hs256 signed with the public key": f"Bearer {_hs256_with_public_key(connector)}",
        "not valid yet": f"Bearer {connector.token(nbf=now + 3600, iat=now + 3600)}",
        "no serviceurl claim": f"Bearer {connector.token(serviceurl=None)}",
        "no key id": f"Bearer {connector.token(kid='')}",
        "audience list without us": "Bearer " + connector.token(aud=["someone-else"]),
        "issuer in other case": "Bearer " + connector.token(iss="https://API.botframework.com"),
        "signature stripped": "Bearer " + good.rsplit(".", 1)[0] + ".",
        "payload swapped": "Bearer " + ".".join([good.split(".")[0],
                                                 connector.token(aud="x").split(".")[1],
                                                 good.split(".")[2]]),
        "two tokens": f"Bearer {good} {good}",
        "lower-case scheme and junk": f"bearer {good}x",
        "token in the wrong scheme": f"Token {good}",
        "non-ascii token": "Bearer é.é.é",
    }


async def test_odd_tokens_get_401_and_touch_nothing(teams: Teams) -> None:
    activity = teams.message("29:alex", "report")
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    answered = {}
    for case, header in _bad_headers(teams.connector).items():
        response = await teams.client.post("/api/messages", json=activity,
                                           headers={"Authorization": header})
        answered[case] = response.status
    wrong = {case: status for case, status in answered.items() if status != 401}
    assert not wrong, wrong
    await watch.assert_untouched()


async def test_a_good_token_is_refused_for_a_channel_its_key_is_not_endorsed_for(
        teams: Teams) -> None:
    activity = {**teams.message("29:alex", "report"), "channelId": "webchat"}
    watch = await Watch.start(teams.runtime.database, teams.connector.records)
    response = await teams.client.post("/api/messages", json=activity, headers={
        "Authorization": f"Bearer {teams.connector.token()}"})
    assert response.status == 401
    huge = await teams.client.post("/api/messages", json=teams.message("29:alex", "hi"),
                                   headers={"Authorization": "Bearer " + "a" * 20_000})
    assert 400 <= huge.status < 500
    await watch.assert_untouched()
