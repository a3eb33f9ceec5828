"""Security headers for the project's own web apps (the staff app, the widget's demo site)."""

from __future__ import annotations

import logging
from typing import Mapping

from aiohttp import web

log = logging.getLogger(__name__)

#: the page for an error nobody foresaw: no details, the headers all the same
SERVER_ERROR = "Er ging iets mis. Probeer het later opnieuw."


def security_headers(headers: Mapping[str, str]):
    """A middleware that sends ``headers`` with every response of the app, error pages
    included; they replace any a handler set.

    An unforeseen error gives a plain 500 with the headers too, and is logged by its type
    and place only: aiohttp's own log line would carry the traceback, and with it whatever
    the request body held."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = exc
        except Exception as exc:  # noqa: BLE001 - the last line of defence; CancelledError passes
            frame = exc.__traceback__
            while frame is not None and frame.tb_next is not None:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}" if frame else "?"
            log.error("http.unhandled error=%s at=%s path=%s", type(exc).__name__, where, request.path[:100])
            response = web.Response(status=500, text=SERVER_ERROR, content_type="text/plain", charset="utf-8")
        response.headers.update(headers)
        if isinstance(response, web.HTTPException):
            raise response
        return response

    return middleware
