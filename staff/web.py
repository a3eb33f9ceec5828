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
from urllib.parse import urlsplit

import jinja2
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from core.background import every
from core.db import as_utc
from core.http_headers import security_headers
from core.topics import HELP_TOPICS, TOPIC_NAMES, topic_intent
from handoff.models import STATUSES
from insight.review import ReviewQueue, nlu_yaml
from insight.tallies import local_today
from knowledge_base import gemeenten
from staff import design
from staff.insight import InsightPages, as_csv, period
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
INSIGHT = web.AppKey("insight", InsightPages)
REVIEW = web.AppKey("review", ReviewQueue)
FOLLOW_UP_OUTCOMES = {"sent": "verstuurd", "failed": "wachtrij", "refused": "geweigerd"}
log = logging.getLogger(__name__)


class LoginThrottle:
    """Failed logins per user name (``limit``) and per client address (``address_limit``) in
    ``window``.

    An attempt counts *before* the password is checked (:meth:`attempt`), and only a correct
    password takes it back (:meth:`succeeded`): a burst of parallel guesses cannot all pass
    the check while the slow password hashes run. The address limit is higher than the name
    limit, so that five wrong passwords typed for one name do not lock out every colleague
    behind the same proxy. At most ``max_keys`` keys are kept; the oldest go first."""

    def __init__(
        self,
        limit: int = 5,
        address_limit: int = 30,
        window: dt.timedelta = dt.timedelta(minutes=15),
        max_keys: int = 10_000,
    ):
        self.limit, self.address_limit, self.window, self.max_keys = limit, address_limit, window, max_keys
        self.failures: dict[str, list[dt.datetime]] = {}

    def _recent(self, key: str) -> list[dt.datetime]:
        cutoff = dt.datetime.now(dt.timezone.utc) - self.window
        recent = [t for t in self.failures.get(key, []) if t > cutoff]
        if recent:
            self.failures[key] = recent
        else:
            self.failures.pop(key, None)
        return recent

    def _limit(self, key: str) -> int:
        return self.address_limit if key.startswith("addr:") else self.limit

    def blocked(self, keys) -> bool:
        return any(len(self._recent(k)) >= self._limit(k) for k in keys)

    def attempt(self, keys) -> bool:
        """Counts an attempt for each key; ``False`` (and nothing counted) when blocked."""
        if self.blocked(keys):
            return False
        now = dt.datetime.now(dt.timezone.utc)
        for key in keys:
            self.failures.setdefault(key, []).append(now)
        self._prune()
        return True

    def succeeded(self, keys) -> None:
        """The password was right: the attempt does not count against the name or address."""
        for key in keys:
            times = self.failures.get(key)
            if times:
                times.pop()
                if not times:
                    del self.failures[key]

    def _prune(self) -> None:
        if len(self.failures) <= self.max_keys:
            return
        for key in list(self.failures):
            self._recent(key)  # drops keys without recent failures
        while len(self.failures) > self.max_keys:
            oldest = min(self.failures, key=lambda k: self.failures[k][-1])
            del self.failures[oldest]


def client_address(request: web.Request, trusted_proxies: frozenset[str]) -> str:
    """The address the login came from: the last address a trusted proxy put in
    X-Forwarded-For, else the connection's own."""
    peer = request.remote or ""
    # every X-Forwarded-For line, in order: a client can send its own first line, and a proxy
    # that adds a line of its own (HAProxy's option forwardfor) puts the real address last
    forwarded = ",".join(request.headers.getall("X-Forwarded-For", []))
    if peer in trusted_proxies and forwarded:
        return forwarded.split(",")[-1].strip()[:64] or peer
    return peer


THROTTLE = web.AppKey("throttle", LoginThrottle)
#: addresses of the reverse proxies whose X-Forwarded-For is believed (HULPWIJZER_TRUSTED_PROXIES)
TRUSTED_PROXIES = web.AppKey("trusted_proxies", frozenset)

SECURITY_HEADERS = {
    # img-src data: for the form controls' check marks in the NL Design System stylesheet
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin: the app's own form posts carry their origin, other sites learn nothing
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _age(created: dt.datetime) -> str:
    created = as_utc(created)
    hours = int((dt.datetime.now(dt.timezone.utc) - created).total_seconds() // 3600)
    return f"{hours // 24} d {hours % 24} u" if hours >= 24 else f"{hours} u"


async def off_loop(call, *args):
    """A database call in a worker thread: the event loop keeps serving other staff while it
    runs (and while a database that does not answer times out)."""
    return await asyncio.get_running_loop().run_in_executor(None, call, *args)


def render(request: web.Request, template: str, status: int = 200, **context) -> web.Response:
    env = request.app[ENV]
    html = env.get_template(template).render(
        user=request.get("user"),
        statuses=STATUSES,
        age=_age,
        stylesheets=request.app[STYLESHEETS],
        theme=design.THEME_CLASS,
        **context,
    )
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


#: what staff read when the database does not answer
DATABASE_DOWN = {
    "GET": "De database is even niet bereikbaar. Probeer het over een paar minuten opnieuw.",
    "POST": "De database is even niet bereikbaar. Uw wijziging is niet opgeslagen. Probeer het over een paar minuten opnieuw.",
}


@web.middleware
async def database_unavailable(request: web.Request, handler):
    """A database that is down or cut off gives staff a clear 503, never a half-done change
    reported as done; the log says what failed, without any personal data."""
    try:
        return await handler(request)
    except SQLAlchemyError as error:
        log.error("staff.database_unavailable error=%s path=%s", type(error).__name__, request.path[:40])
        text = DATABASE_DOWN["POST" if request.method == "POST" else "GET"]
        return web.Response(
            status=503, text=text, content_type="text/plain", charset="utf-8", headers={"Retry-After": "60"}
        )


@web.middleware
async def handoff_not_found(request: web.Request, handler):
    """A handoff that does not exist, or is not of the user's teams (the service raises
    NotFound), is the same 404 for every page and action on it."""
    try:
        return await handler(request)
    except NotFound:
        raise web.HTTPNotFound(text="Deze overdracht bestaat niet, of is niet van uw team.")


@web.middleware
async def session_and_csrf(request: web.Request, handler):
    # the health check and the stylesheets need no one logged in: no session lookup for them
    anonymous = request.path in ("/health", "/static/app.css") or request.path.startswith("/static/nlds/")
    user = None if anonymous else await off_loop(request.app[SERVICE].user_for, request.cookies.get(COOKIE))
    request["user"] = user
    if user is None and not (anonymous or request.path == "/login"):
        raise web.HTTPSeeOther("/login")
    if request.method == "POST" and request.path != "/login":
        form = await read_form(request)
        given = str(form.get("csrf", "")).encode("utf-8", "replace")
        if user is None or not hmac.compare_digest(given, user.csrf_token.encode()):
            raise web.HTTPForbidden(text="CSRF-controle mislukt. Laad de pagina opnieuw.")
    return await handler(request)


async def read_form(request: web.Request):
    """The posted form; a body that is no form (a multipart body without boundary, broken
    encoding) is the sender's mistake: 400, not a server error."""
    try:
        return await request.post()
    except (ValueError, UnicodeDecodeError, AssertionError):
        raise web.HTTPBadRequest(text="Ongeldige invoer.")


async def login_page(request: web.Request) -> web.Response:
    return render(request, "login.html")


async def login(request: web.Request) -> web.Response:
    if not same_origin(request):
        # login CSRF: a form on another site must not log a staff member into its account
        raise web.HTTPForbidden(text="Inloggen kan alleen vanaf deze pagina. Laad de pagina opnieuw.")
    form = await read_form(request)
    username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))[:200]
    throttle = request.app[THROTTLE]
    keys = (f"addr:{client_address(request, request.app[TRUSTED_PROXIES])}", f"user:{username.lower()}")
    if not throttle.attempt(keys):
        return render(
            request, "login.html", status=429, error="Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
        )
    # scrypt takes ~0.15 s: off the event loop, so other staff are not held up
    token = await off_loop(request.app[SERVICE].login, username, password)
    if token is None:
        return render(request, "login.html", status=401, error="Gebruikersnaam of wachtwoord klopt niet.")
    throttle.succeeded(keys)
    response = web.HTTPSeeOther("/")
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=request.app[SECURE_COOKIE], path="/")
    return response


def same_origin(request: web.Request) -> bool:
    """Whether a POST comes from a page of this app: the browser says so (Sec-Fetch-Site:
    same-origin), or its Origin (or, without one, its Referer) names this host. "Origin: null"
    counts for nothing: any page can make its form send that."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    parsed = urlsplit(source)
    return parsed.netloc == request.host and parsed.scheme in ("http", "https")


async def logout(request: web.Request) -> web.Response:
    await off_loop(request.app[SERVICE].logout, request.cookies.get(COOKIE, ""))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    return response


async def queue(request: web.Request) -> web.Response:
    handoffs = await off_loop(request.app[SERVICE].queue, request["user"], request.query.get("alles") == "1")
    return render(request, "queue.html", handoffs=handoffs, today=dt.date.today())


async def detail(request: web.Request) -> web.Response:
    handoff, notes, lines = await off_loop(
        request.app[SERVICE].handoff, request["user"], request.match_info["reference"]
    )
    whatsapp = await off_loop(request.app[SERVICE].whatsapp.get, handoff.reference)  # handoff() checked the team
    registration = await off_loop(request.app[SERVICE].registration, handoff.reference)
    return render(
        request,
        "detail.html",
        h=handoff,
        notes=notes,
        lines=lines,
        whatsapp=whatsapp,
        follow_up=request.app[FOLLOW_UP],
        sent=request.query.get("whatsapp"),
        registration=registration,
        retried=request.query.get("open_klant"),
    )


async def retry_open_klant(request: web.Request) -> web.Response:
    """Staff put a registration that Open Klant refused back in the outbox (after the cause
    was fixed); the worker takes it within seconds."""
    reference = request.match_info["reference"]
    retried = await off_loop(request.app[SERVICE].retry_registration, request["user"], reference)
    raise web.HTTPSeeOther(f"/handoffs/{reference}?open_klant={'opnieuw' if retried else 'niets'}")


async def whatsapp_follow_up(request: web.Request) -> web.Response:
    """Sends the approved template to the resident who chose contact via WhatsApp."""
    reference = request.match_info["reference"]
    service, user, follow_up = request.app[SERVICE], request["user"], request.app[FOLLOW_UP]
    handoff, contact = await off_loop(service.whatsapp_contact, user, reference)
    if contact is None or follow_up is None:
        raise web.HTTPBadRequest(text="Voor deze overdracht kan geen WhatsApp-bericht worden verstuurd.")
    try:
        telefoon = gemeenten.get(handoff.gemeente_id).telefoon
    except gemeenten.UnknownGemeente:
        telefoon = gemeenten.UNKNOWN_TELEFOON
    outcome = FOLLOW_UP_OUTCOMES[await follow_up.send(contact, handoff.team_name, telefoon)]
    await off_loop(service.record_whatsapp_follow_up, user, reference, outcome)
    raise web.HTTPSeeOther(f"/handoffs/{reference}?whatsapp={outcome}")


async def change(request: web.Request) -> web.Response:
    reference = request.match_info["reference"]
    form = await read_form(request)
    service, user = request.app[SERVICE], request["user"]
    try:
        action = request.match_info["action"]
        if action == "claim":
            await off_loop(service.claim, user, reference)
        elif action == "status":
            await off_loop(service.set_status, user, reference, str(form.get("status", "")))
        elif action == "note":
            await off_loop(service.add_note, user, reference, str(form.get("text", "")))
        else:
            raise web.HTTPNotFound()
    except ValueError:
        raise web.HTTPBadRequest(text="Ongeldige invoer.")
    raise web.HTTPSeeOther(f"/handoffs/{reference}")


async def _insight(request: web.Request):
    """The dashboard asked for, and the municipalities to choose from; a wrong choice is a 400
    with the page that says what to correct. A staff member with neither a team nor the
    beheerder or analist role has no figures to see."""
    user = request["user"]
    if not (user.sees_all_figures or user.teams):
        raise web.HTTPForbidden(text="U heeft geen toegang tot de cijfers.")
    pages = request.app[INSIGHT]
    gemeenten = await off_loop(pages.gemeenten)
    try:
        chosen = period(request.query, list(gemeenten), local_today())
    except ValueError as problem:
        page = render(request, "inzicht.html", error=str(problem), gemeenten=gemeenten, query=request.query)
        raise web.HTTPBadRequest(text=page.text, content_type="text/html") from None
    return await off_loop(pages.dashboard, user, chosen), gemeenten


async def inzicht(request: web.Request) -> web.Response:
    board, gemeenten = await _insight(request)
    return render(request, "inzicht.html", board=board, gemeenten=gemeenten, query=request.query)


async def inzicht_csv(request: web.Request) -> web.Response:
    board, _ = await _insight(request)
    name = f"hulpwijzer-inzicht-{board.gemeente}-{board.start.isoformat()}-{board.end.isoformat()}.csv"
    return web.Response(
        text=as_csv(board),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


REVIEW_REASONS = {
    "niet_begrepen": "niet begrepen",
    "bedoelt_u": "na „Bedoelt u…?”",
    "nee_na_antwoord": "„nee” na het antwoord",
}
#: what an exported question can be an example of ("" = leave it out of the export)
REVIEW_INTENTS = {
    "": "– kies –",
    **{topic_intent([topic]): TOPIC_NAMES[topic] for topic in HELP_TOPICS},
    "out_of_scope": "buiten bereik",
    "crisis": "crisis",
}


def _editor(request: web.Request):
    user = request["user"]
    if not user.sees_all_figures:
        # the questions are residents' own words (redacted): for the content editor only
        raise web.HTTPForbidden(text="Alleen een beheerder of analist ziet de vragen.")
    return user


async def review_page(request: web.Request, status: int = 200, message: str = "") -> web.Response:
    _editor(request)
    items = await off_loop(request.app[REVIEW].items)
    gemeenten = await off_loop(request.app[INSIGHT].gemeenten)
    return render(
        request,
        "vragen.html",
        status=status,
        items=items,
        gemeenten=gemeenten,
        reasons=REVIEW_REASONS,
        intents=REVIEW_INTENTS,
        keep_days=request.app[SERVICE].review_days,
        message=message,
    )


async def review_action(request: web.Request) -> web.Response:
    user = _editor(request)
    form = await read_form(request)
    chosen = [int(value) for value in form.getall("kies", []) if str(value).isdigit()]
    if not chosen:
        return await review_page(request, status=400, message="Kies eerst een of meer vragen.")
    queue = request.app[REVIEW]
    if form.get("doe") == "verwijder":
        removed = await off_loop(queue.delete, chosen)
        await off_loop(request.app[SERVICE].audit, user.username, "review_delete", f"{removed} question(s)")
        return await review_page(request, message=f"{removed} vraag/vragen verwijderd.")
    texts = {item.id: item.text for item in await off_loop(queue.items, chosen)}
    labelled = [
        (str(form.get(f"intent-{i}", "")), texts[i])
        for i in chosen
        if i in texts and str(form.get(f"intent-{i}", "")) in REVIEW_INTENTS and form.get(f"intent-{i}")
    ]
    if not labelled:
        return await review_page(request, status=400, message="Kies bij de gekozen vragen ook waar ze bij horen.")
    await off_loop(request.app[SERVICE].audit, user.username, "review_export", f"{len(labelled)} question(s)")
    return web.Response(
        text=nlu_yaml(labelled),
        content_type="application/yaml",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="hulpwijzer-nlu-kandidaten.yml"'},
    )


async def nlds_stylesheet(request: web.Request) -> web.StreamResponse:
    """The NL Design System stylesheets, from the pinned npm packages."""
    path = design.stylesheet_path(request.match_info["name"])
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Content-Type": "text/css; charset=utf-8"})


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


#: a purge that failed (the database was down) is tried again after this many seconds
PURGE_RETRY_SECONDS = 300.0


async def purge_daily(
    service: StaffService, days: int, interval: float = 24 * 3600, retry: float = PURGE_RETRY_SECONDS
) -> None:
    """The retention period, enforced while the app runs: at start and then every day; a
    failed purge (the database down) is tried again after ``retry`` seconds."""

    async def purge() -> None:
        counts = await asyncio.get_running_loop().run_in_executor(None, service.purge, days, "schedule")
        log.info("staff.purge %s", " ".join(f"{k}={v}" for k, v in counts.items()))

    # a failed purge must not stop the app
    await every(interval, purge, log, "staff.purge_failed", retry=retry)


def in_background(start):
    """An aiohttp cleanup context: the coroutine ``start()`` runs as a task while the app runs."""

    async def context(app: web.Application):
        task = asyncio.create_task(start())
        yield
        task.cancel()

    return context


def create_app(
    service: StaffService,
    secure_cookie: bool = True,
    follow_up: WhatsAppFollowUp | None = None,
    purge_days: int | None = None,
    trusted_proxies: frozenset[str] = frozenset(),
    open_klant=None,
) -> web.Application:
    """``open_klant``: the Open Klant registration worker (``open_klant.worker.Registrar``), run
    in the background while the app runs, when Open Klant is on."""
    app = web.Application(
        middlewares=[security_headers(SECURITY_HEADERS), database_unavailable, handoff_not_found, session_and_csrf],
        client_max_size=64 * 1024,
    )
    app[SERVICE] = service
    app[SECURE_COOKIE] = secure_cookie
    app[FOLLOW_UP] = follow_up
    if follow_up is not None:
        app.cleanup_ctx.append(in_background(follow_up.retry_kept))
    if purge_days is not None:
        app.cleanup_ctx.append(in_background(lambda: purge_daily(service, purge_days)))
    if open_klant is not None:
        app.cleanup_ctx.append(in_background(open_klant.run))
    app[THROTTLE] = LoginThrottle()
    app[TRUSTED_PROXIES] = frozenset(trusted_proxies)
    app[ENV] = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", queue)
    app.router.add_get("/health", health)
    app[INSIGHT] = InsightPages(service.engine)
    app.router.add_get("/inzicht", inzicht)
    app.router.add_get("/inzicht.csv", inzicht_csv)
    app[REVIEW] = ReviewQueue(service.engine)
    app.router.add_get("/inzicht/vragen", review_page)
    app.router.add_post("/inzicht/vragen", review_action)
    app.router.add_get(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}", detail)
    app.router.add_post(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}/whatsapp", whatsapp_follow_up)
    app.router.add_post(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}/open-klant", retry_open_klant)
    app.router.add_post(r"/handoffs/{reference:HW-[0-9A-Z]{4}-[0-9A-Z]{4}}/{action:claim|status|note}", change)
    app[STYLESHEETS] = design.available()
    if not app[STYLESHEETS]:
        log.warning("staff.style NL Design System stylesheets not installed (npm ci): plain pages")
    app.router.add_get(r"/static/nlds/{name:[a-z]+\.css}", nlds_stylesheet)
    app.router.add_static("/static", TEMPLATES / "static")
    return app
