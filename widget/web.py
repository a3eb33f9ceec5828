"""Serves the chat widget's two files and a demo page per municipality.

The demo pages stand in for a municipality's own website: they embed the widget with the
one-tag snippet a municipality would use, under a strict Content-Security-Policy (scripts
and styles from this site only, connections only to the Rasa server), so a test in a real
browser shows the widget needs nothing more. In production a municipality serves the two
files from this app or copies them to its own site (README, "Channels").
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import web

from core.http_headers import security_headers
from knowledge_base import gemeenten

HERE = Path(__file__).parent
STATIC = HERE / "static"


class Settings:
    def __init__(self, server: str, retention_days: int, privacy_url: str = ""):
        parts = urlsplit(server)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"the Rasa server must be an http(s) URL, not {server!r}")
        self.server = f"{parts.scheme}://{parts.netloc}"
        self.retention_days = retention_days
        self.privacy_url = privacy_url

    @property
    def websocket_origin(self) -> str:
        scheme = "wss" if self.server.startswith("https:") else "ws"
        return f"{scheme}://{self.server.split('://', 1)[1]}"

    def content_security_policy(self) -> str:
        return "; ".join(
            [
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self'",
                f"connect-src {self.server} {self.websocket_origin}",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            ]
        )


SETTINGS = web.AppKey("settings", Settings)
JINJA = web.AppKey("jinja", jinja2.Environment)


def _page(request: web.Request, template: str, **context) -> web.Response:
    html = request.app[JINJA].get_template(template).render(settings=request.app[SETTINGS], **context)
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def index(request: web.Request) -> web.Response:
    return _page(request, "index.html", gemeenten=sorted(gemeenten.load().values(), key=lambda g: g.naam))


async def demo(request: web.Request) -> web.Response:
    try:
        gemeente = gemeenten.get(request.match_info["gemeente"])
    except gemeenten.UnknownGemeente:
        raise web.HTTPNotFound(text="Deze gemeente staat niet in de kennisbank.")
    return _page(request, "demo.html", gemeente=gemeente)


async def asset(request: web.Request) -> web.FileResponse:
    name = request.match_info["name"]
    if name not in ("hulpwijzer.js", "hulpwijzer.css", "demo.css"):
        raise web.HTTPNotFound()
    response = web.FileResponse(STATIC / name)
    # a municipality's page may load the widget from this host; a new release shows at once
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


async def no_favicon(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_app(settings: Settings) -> web.Application:
    app = web.Application(
        middlewares=[
            security_headers(
                {
                    "Content-Security-Policy": settings.content_security_policy(),
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer",
                }
            )
        ]
    )
    app[SETTINGS] = settings
    app[JINJA] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_get("/favicon.ico", no_favicon)
    app.router.add_get("/widget/{name}", asset)
    app.router.add_get("/{gemeente}", demo)
    return app
