"""POST /slack/events: verify the signature, reject malformed bodies, drop retries, run Bolt."""

import hashlib
import json
import logging
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from adapters.slack.ids import PLATFORM
from adapters.slack.verify import RequestVerifier
from bot import inbound
from bot.runtime import Runtime

log = logging.getLogger(__name__)


class MalformedRequest(ValueError):
    pass


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """The request as Slack shapes it; raises MalformedRequest for anything else."""
    try:
        text = body.decode("utf-8")
        if content_type == "application/json":
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("type"), str):
                raise MalformedRequest("JSON body without a type")
            return data
        form = {key: values[0] for key, values in parse_qs(text, keep_blank_values=True).items()}
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedRequest(type(error).__name__) from None
    if "payload" in form:
        try:
            payload = json.loads(form["payload"])
        except (ValueError, RecursionError):
            raise MalformedRequest("payload is not JSON") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
            raise MalformedRequest("payload without a type")
        return payload
    if (form.get("command") and form.get("user_id")) or form.get("ssl_check"):
        return form
    raise MalformedRequest("neither a command nor a payload")


def retry_key(data: dict[str, Any]) -> str | None:
    """Events carry an id that stays the same on every retry; use it to act only once.

    Interactions are not retried by Slack, but a captured one can be replayed within the
    signature's 5 minutes. Acting on one twice is harmless by design (a stale form re-shows the
    current step, a second submit finds the flow already filed, a second acknowledgement is
    'already', a question is answered once), and every case write carries a hash of the
    signed payload into the core, which records it with the write: a replay adds nothing
    (adapters.slack.own_modals.interaction_key). An event's id is recorded before it is handled,
    so if handling fails the retry is dropped too: acceptable for app_home_opened, the only
    event we subscribe to (the Home tab is published again the next time it is opened).
    """
    event_id = data.get("event_id")
    if data.get("type") == "event_callback" and isinstance(event_id, str):
        digest = hashlib.sha256(event_id.encode("utf-8", "surrogatepass")).hexdigest()
        return f"event:{digest}"
    return None


class SlackEndpoint:
    def __init__(self, runtime: Runtime, bolt: AsyncApp, signing_secret: str) -> None:
        self.runtime = runtime
        self.bolt = bolt
        self.verifier = RequestVerifier(signing_secret)

    def _signed(self, request: web.Request, body: bytes) -> bool:
        return self.verifier.is_valid(body, request.headers.get("X-Slack-Request-Timestamp"),
                                      request.headers.get("X-Slack-Signature"))

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if not self._signed(request, body):
            return web.Response(status=401, text="invalid signature")
        try:
            data = parse_body(body, request.content_type)
            bolt_request = await to_bolt_request(request)
        except (MalformedRequest, UnicodeDecodeError, ValueError, TypeError,
                RecursionError) as error:
            log.warning("slack: malformed request (%s)", type(error).__name__)
            return web.Response(status=400, text="malformed request")
        key = retry_key(data)
        if key is not None and not await self._first_time(key):
            log.info("slack: %s already handled; retry %s ignored", key,
                     request.headers.get("X-Slack-Retry-Num", "?"))
            return web.Response(status=200)
        try:
            response = await self.bolt.async_dispatch(bolt_request)
        except Exception:
            log.exception("slack: request failed")
            return web.Response(status=200)
        if response.status >= 400 and response.status != 401:
            log.warning("slack: %s request answered %s; acknowledged instead", data.get("type"),
                        response.status)
            return web.Response(status=200)
        return await to_aiohttp_response(response)

    async def _first_time(self, key: str) -> bool:
        return await inbound.claim(self.runtime, PLATFORM, key)
