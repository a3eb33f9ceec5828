"""Security headers for the project's own web apps (the staff app, the widget's demo site)."""

from __future__ import annotations

from typing import Mapping

from aiohttp import web


def security_headers(headers: Mapping[str, str]):
    """A middleware that sends ``headers`` with every response of the app, error pages
    included; they replace any a handler set."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = exc
        response.headers.update(headers)
        if isinstance(response, web.HTTPException):
            raise response
        return response

    return middleware
