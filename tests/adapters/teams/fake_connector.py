"""A fake Bot Connector and Microsoft login service on an ephemeral port.

It records every activity sent or updated, serves an OpenID document and signing keys made
here (no real tokens anywhere), issues bot tokens, and can answer 429/502 for a while.
"""

import base64
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa

APP_ID = "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b"
TENANT = "b28fdbfd-2b78-4f93-b0f8-8881793f0f8f"
ISSUER = "https://api.botframework.com"
KID = "test-key-1"


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Record:
    method: str
    conversation_id: str
    activity_id: str | None
    body: dict[str, Any]
    authorization: str | None
    new_id: str | None = None

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [a["content"] for a in self.body.get("attachments") or []
                if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]


@dataclass
class FakeConnector:
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    base_url: str = ""
    records: list[Record] = field(default_factory=list)
    token_requests: int = 0
    installed_for: set[str] = field(default_factory=set)
    failures: list[tuple[int, str | None]] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def service_url(self) -> str:
        return self.base_url + "/"

    def fail_next(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        self.failures.extend([(status, retry_after)] * times)

    def token(self, *, key: rsa.RSAPrivateKey | None = None, kid: str = KID,
              **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": APP_ID, "serviceurl": self.service_url,
                   "nbf": now - 10, "exp": now + 3600, "iat": now - 10}
        payload.update(claims)
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid})

    def sent_to(self, conversation_id: str) -> list[Record]:
        return [r for r in self.records if r.conversation_id == conversation_id]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/openid", self._openid)
        app.router.add_get("/keys", self._keys)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}",
                            self._send)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}",
                           self._update)
        return app

    async def _openid(self, request: web.Request) -> web.Response:
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{self.base_url}/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        numbers = self.key.public_key().public_numbers()
        jwk = {"kty": "RSA", "use": "sig", "kid": KID, "n": _b64(numbers.n),
               "e": _b64(numbers.e), "endorsements": ["msteams", "emulator"]}
        return web.json_response({"keys": [jwk]})

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.token_requests += 1
        if form.get("client_id") != APP_ID or form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"access_token": f"bot-token-{self.token_requests}",
                                  "expires_in": 3600, "token_type": "Bearer"})

    def _failure(self) -> web.Response | None:
        if not self.failures:
            return None
        status, retry_after = self.failures.pop(0)
        headers = {"Retry-After": retry_after} if retry_after else {}
        return web.json_response({"error": {"code": "Throttled"}}, status=status,
                                 headers=headers)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        members = [m.get("id") for m in body.get("members", [])]
        if not members or members[0] not in self.installed_for:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        return web.json_response({"id": f"a:chat-with-{members[0]}"}, status=201)

    async def _send(self, request: web.Request) -> web.Response:
        failed = self._failure()
        if failed:
            return failed
        new_id = f"m{next(self._ids)}"
        self.records.append(Record("POST", request.match_info["conversation"],
                                   request.match_info.get("activity"), await request.json(),
                                   request.headers.get("Authorization"), new_id))
        return web.json_response({"id": new_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        failed = self._failure()
        if failed:
            return failed
        activity_id = request.match_info["activity"]
        self.records.append(Record("PUT", request.match_info["conversation"], activity_id,
                                   await request.json(), request.headers.get("Authorization")))
        return web.json_response({"id": activity_id})
