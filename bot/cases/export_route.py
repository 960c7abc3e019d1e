"""GET /exports/{token}: the download behind a personal export link.

The link only says who it was made for; whether that person may still export the case is
decided again here by the core (`export_case`), which also audits the download. Every answer
is a short plain page or the file itself, never a traceback, and nothing is cached.
"""

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.access import Action
from bot.actors import resolve_actor
from bot.cases.export_links import ROUTE, ExportLinks
from bot.cases.exports import export_case
from bot.refusals import no_such_report
from bot.runtime import Runtime

log = logging.getLogger(__name__)
CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json"}
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def _page(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text + "\n", headers=PRIVATE_HEADERS)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def export_handler(runtime: Runtime, links: ExportLinks) -> Handler:
    async def download(request: web.Request) -> web.Response:
        claim = links.read(request.match_info["token"], runtime.clock.now())
        if claim is None:
            return _page(404, "This export link is not valid or has expired. Open the case "
                              "again and ask for a new one.")
        actor = resolve_actor(runtime.config, claim.platform, claim.user_id)
        try:
            export = await export_case(runtime, actor, claim.reference, claim.format)
        except Exception as error:  # a database blip: say so, keep the details in the log
            log.error("export failed: %s", type(error).__name__)
            return _page(503, "The export could not be made just now. Try again shortly.")
        if export is None:
            return _page(403, no_such_report(claim.reference, Action.EXPORT))
        headers = {**PRIVATE_HEADERS, "Content-Type": CONTENT_TYPES[export.format],
                   "Content-Disposition": f'attachment; filename="{export.filename}"'}
        return web.Response(body=export.data, headers=headers)

    return download


def mount_exports(app: web.Application, runtime: Runtime, links: ExportLinks) -> None:
    app.router.add_get(ROUTE, export_handler(runtime, links))
