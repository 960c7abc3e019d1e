"""Mounting Slack on the one aiohttp app: POST /slack/events and the outbound transport."""

from collections.abc import Mapping

from aiohttp import web

from adapters.slack.bolt_app import build_bolt
from adapters.slack.client import api_url, make_client, session_lifecycle
from adapters.slack.endpoint import SlackEndpoint
from adapters.slack.transport import SlackTransport
from bot.app import StartupError
from bot.cases.export_links import ExportLinkError, export_links_for
from bot.delivery import Transport
from bot.runtime import Runtime

EVENTS_PATH = "/slack/events"


def mount_slack(app: web.Application, runtime: Runtime, environ: Mapping[str, str]) -> Transport:
    """Add POST /slack/events (commands, interactivity and events); return the transport."""
    secret = (environ.get("SLACK_SIGNING_SECRET") or "").strip()
    token = (environ.get("SLACK_BOT_TOKEN") or "").strip()
    missing = [name for name, value in (("SLACK_SIGNING_SECRET", secret),
                                        ("SLACK_BOT_TOKEN", token)) if not value]
    if missing:
        raise StartupError(
            f"Slack cannot start: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
            "not set. Copy the Signing Secret (Basic Information) and the Bot User OAuth Token "
            "(OAuth & Permissions, xoxb-...) from your Slack app's settings into the environment."
        )
    client = make_client(token, api_url(environ))
    app.cleanup_ctx.append(session_lifecycle(client))
    try:
        links = export_links_for(environ, runtime)
    except ExportLinkError as error:
        raise StartupError(str(error)) from None
    bolt = build_bolt(runtime, client, token, secret, links)
    endpoint = SlackEndpoint(runtime, bolt, secret)
    app.router.add_post(EVENTS_PATH, endpoint.handle)
    return SlackTransport(runtime, client)
