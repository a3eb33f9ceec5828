"""The review app (aiohttp, server-rendered HTML, Jinja2 with autoescaping).

Security: sessions are random tokens in an HttpOnly, SameSite=Strict cookie (Secure unless
the app is told it runs on plain http for localhost development); every POST carries the
session's CSRF token; responses carry a strict Content-Security-Policy and no-store caching.
A handoff of another team answers 404, the same as one that does not exist.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
from pathlib import Path

import jinja2
from aiohttp import web

from bot.background import every
from bot.http_headers import security_headers
from handoff.models import STATUSES
from knowledge_base import gemeenten
from knowledge_base.db import as_utc
from staff import design
from staff.service import NotFound, StaffService
from staff.whatsapp import WhatsAppFollowUp

COOKIE = "hulpwijzer_staff"
TEMPLATES = Path(__file__).parent / "templates"
SERVICE = web.AppKey("service", StaffService)
SECURE_COOKIE = web.AppKey("secure_cookie", bool)
ENV = web.AppKey("jinja", jinja2.Environment)
#: the WhatsApp follow-up template, when configured (staff.whatsapp)
FOLLOW_UP = web.AppKey("follow_up", object)
#: what the page and the audit log say after a follow-up: sent, queued for retry, refused by WhatsApp
#: the NL Design System stylesheets that are installed (staff.design)
STYLESHEETS = web.AppKey("stylesheets", list)
FOLLOW_UP_OUTCOMES = {"sent": "verstuurd", "failed": "wachtrij", "refused": "geweigerd"}
log = logging.getLogger(__name__)

class LoginThrottle:
    """At most ``limit`` failed logins per IP address and per username in ``window``."""

    def __init__(self, limit: int = 5, window: dt.timedelta = dt.timedelta(minutes=15)):
        self.limit, self.window = limit, window
        self.failures: dict[str, list[dt.datetime]] = {}

    def _recent(self, key: str) -> list[dt.datetime]:
        cutoff = dt.datetime.now(dt.timezone.utc) - self.window
        recent = [t for t in self.failures.get(key, []) if t > cutoff]
        self.failures[key] = recent
        return recent

    def blocked(self, keys) -> bool:
        return any(len(self._recent(k)) >= self.limit for k in keys)

    def failed(self, keys) -> None:
        for key in keys:
            self._recent(key).append(dt.datetime.now(dt.timezone.utc))


THROTTLE = web.AppKey("throttle", LoginThrottle)

SECURITY_HEADERS = {
    # img-src data: for the form controls' check marks in the NL Design System stylesheet
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _age(created: dt.datetime) -> str:
    created = as_utc(created)
    hours = int((dt.datetime.now(dt.timezone.utc) - created).total_seconds() // 3600)
    return f"{hours // 24} d {hours % 24} u" if hours >= 24 else f"{hours} u"


def render(request: web.Request, template: str, status: int = 200, **context) -> web.Response:
    env = request.app[ENV]
    html = env.get_template(template).render(user=request.get("user"), statuses=STATUSES, age=_age,
                                             stylesheets=request.app[STYLESHEETS], theme=design.THEME_CLASS, **context)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


@web.middleware
async def session_and_csrf(request: web.Request, handler):
    # the health check and the stylesheets need no one logged in: no session lookup for them
    anonymous = request.path in ("/health", "/static/app.css") or request.path.startswith("/static/nlds/")
    user = None if anonymous else request.app[SERVICE].user_for(request.cookies.get(COOKIE))
    request["user"] = user
    if user is None and not (anonymous or request.path == "/login"):
        raise web.HTTPSeeOther("/login")
    if request.method == "POST" and request.path != "/login":
        form = await request.post()
        given = str(form.get("csrf", "")).encode("utf-8", "replace")
        if user is None or not hmac.compare_digest(given, user.csrf_token.encode()):
            raise web.HTTPForbidden(text="CSRF-controle mislukt. Laad de pagina opnieuw.")
    return await handler(request)


async def login_page(request: web.Request) -> web.Response:
    return render(request, "login.html")


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))[:200]
    throttle = request.app[THROTTLE]
    keys = (f"ip:{request.remote}", f"user:{username.lower()}")
    if throttle.blocked(keys):
        return render(request, "login.html", status=429, error="Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
    # scrypt takes ~0.15 s: off the event loop, so other staff are not held up
    loop = asyncio.get_running_loop()
    token = await loop.run_in_executor(None, request.app[SERVICE].login, username, password)
    if token is None:
        throttle.failed(keys)
        return render(request, "login.html", status=401, error="Gebruikersnaam of wachtwoord klopt niet.")
    response = web.HTTPSeeOther("/")
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=request.app[SECURE_COOKIE], path="/")
    return response


async def logout(request: web.Request) -> web.Response:
    request.app[SERVICE].logout(request.cookies.get(COOKIE, ""))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    return response


async def queue(request: web.Request) -> web.Response:
    handoffs = request.app[SERVICE].queue(request["user"], include_done=request.query.get("alles") == "1")
    return render(request, "queue.html", handoffs=handoffs, today=dt.date.today())


async def detail(request: web.Request) -> web.Response:
    try:
        handoff, notes, lines = request.app[SERVICE].handoff(request["user"], request.match_info["reference"])
    except NotFound:
        raise web.HTTPNotFound(text="Deze overdracht bestaat niet, of is niet van uw team.")
    whatsapp = request.app[SERVICE].whatsapp.get(handoff.reference)  # handoff() checked the team
    return render(request, "detail.html", h=handoff, notes=notes, lines=lines, whatsapp=whatsapp,
                  follow_up=request.app[FOLLOW_UP], sent=request.query.get("whatsapp"))


async def whatsapp_follow_up(request: web.Request) -> web.Response:
    """Sends the approved template to the resident who chose contact via WhatsApp."""
    reference = request.match_info["reference"]
    service, user, follow_up = request.app[SERVICE], request["user"], request.app[FOLLOW_UP]
    try:
        handoff, contact = service.whatsapp_contact(user, reference)
    except NotFound:
        raise web.HTTPNotFound(text="Deze overdracht bestaat niet, of is niet van uw team.")
    if contact is None or follow_up is None:
        raise web.HTTPBadRequest(text="Voor deze overdracht kan geen WhatsApp-bericht worden verstuurd.")
    try:
        telefoon = gemeenten.get(handoff.gemeente_id).telefoon
    except gemeenten.UnknownGemeente:
        telefoon = gemeenten.UNKNOWN_TELEFOON
    outcome = FOLLOW_UP_OUTCOMES[await follow_up.send(contact, handoff.team_name, telefoon)]
    service.record_whatsapp_follow_up(user, reference, outcome)
    raise web.HTTPSeeOther(f"/handoffs/{reference}?whatsapp={outcome}")


async def change(request: web.Request) -> web.Response:
    reference = request.match_info["reference"]
    form = await request.post()
    service, user = request.app[SERVICE], request["user"]
    try:
        action = request.match_info["action"]
        if action == "claim":
            service.claim(user, reference)
        elif action == "status":
            service.set_status(user, reference, str(form.get("status", "")))
        elif action == "note":
            service.add_note(user, reference, str(form.get("text", "")))
        else:
            raise web.HTTPNotFound()
    except NotFound:
        raise web.HTTPNotFound(text="Deze overdracht bestaat niet, of is niet van uw team.")
    except ValueError:
        raise web.HTTPBadRequest(text="Ongeldige invoer.")
    raise web.HTTPSeeOther(f"/handoffs/{reference}")


async def nlds_stylesheet(request: web.Request) -> web.StreamResponse:
    """The NL Design System stylesheets, from the pinned npm packages."""
    path = design.stylesheet_path(request.match_info["name"])
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Content-Type": "text/css; charset=utf-8"})


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def purge_daily(service: StaffService, days: int) -> None:
    """The retention period, enforced while the app runs: at start and then every day."""
    async def purge() -> None:
        counts = await asyncio.get_running_loop().run_in_executor(None, service.purge, days, "schedule")
        log.info("staff.purge %s", " ".join(f"{k}={v}" for k, v in counts.items()))

    # a failed purge must not stop the app; it is tried again tomorrow
    await every(24 * 3600, purge, log, "staff.purge_failed")


def in_background(start):
    """An aiohttp cleanup context: the coroutine ``start()`` runs as a task while the app runs."""
    async def context(app: web.Application):
        task = asyncio.create_task(start())
        yield
        task.cancel()

    return context


def create_app(service: StaffService, secure_cookie: bool = True,
               follow_up: WhatsAppFollowUp | None = None, purge_days: int | None = None) -> web.Application:
    app = web.Application(middlewares=[security_headers(SECURITY_HEADERS), session_and_csrf], client_max_size=64 * 1024)
    app[SERVICE] = service
    app[SECURE_COOKIE] = secure_cookie
    app[FOLLOW_UP] = follow_up
    if follow_up is not None:
        app.cleanup_ctx.append(in_background(follow_up.retry_kept))
    if purge_days is not None:
        app.cleanup_ctx.append(in_background(lambda: purge_daily(service, purge_days)))
    app[THROTTLE] = LoginThrottle()
    app[ENV] = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", queue)
    app.router.add_get("/health", health)
    app.router.add_get(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}", detail)
    app.router.add_post(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}/whatsapp", whatsapp_follow_up)
    app.router.add_post(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}/{action:claim|status|note}", change)
    app[STYLESHEETS] = design.available()
    if not app[STYLESHEETS]:
        log.warning("staff.style NL Design System stylesheets not installed (npm ci): plain pages")
    app.router.add_get(r"/static/nlds/{name:[a-z]+\.css}", nlds_stylesheet)
    app.router.add_static("/static", TEMPLATES / "static")
    return app
