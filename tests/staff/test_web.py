"""The review app in an aiohttp test client: login, team scope, queue, detail, changes."""

import os

import pytest
from sqlalchemy import select

from staff.models import AuditEntry
from staff.web import COOKIE as COOKIE_NAME
from tests.staff.conftest import PASSWORD, login, same_site


async def test_without_login_every_page_sends_you_to_the_login_page(client, world):
    _, refs = world
    for path in ("/", f"/handoffs/{refs['urgent']}"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/login"


async def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    response = await client.post(
        "/login", headers=same_site(client), data={"username": "schuld", "password": "fout wachtwoord!"}
    )
    assert response.status == 401
    assert "Gebruikersnaam of wachtwoord klopt niet." in await response.text()
    response = await client.post(
        "/login", headers=same_site(client), data={"username": "niemand", "password": PASSWORD}
    )
    assert response.status == 401


async def test_the_session_cookie_is_httponly_and_strict(client):
    response = await client.post(
        "/login", headers=same_site(client), data={"username": "schuld", "password": PASSWORD}, allow_redirects=False
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_the_queue_shows_only_the_own_team_urgent_first(client, world):
    _, refs = world
    await login(client, "schuld")
    page = await (await client.get("/")).text()
    assert page.index(refs["urgent"]) < page.index(refs["old"])
    assert refs["other"] not in page
    assert 'utrecht-status-badge--danger">Dringend</span> beslag of deurwaarder' in page


async def test_an_admin_sees_every_team(client, world):
    _, refs = world
    await login(client, "beheer")
    page = await (await client.get("/")).text()
    assert all(ref in page for ref in refs.values())


async def test_the_detail_shows_the_summary_and_the_whole_conversation_as_text(client, world):
    _, refs = world
    await login(client, "schuld")
    page = await (await client.get(f"/handoffs/{refs['urgent']}")).text()
    assert "Samenvatting (zoals de inwoner die heeft bevestigd)" in page
    assert "+31612345678" in page and "Fatma" in page
    assert "U heeft zorgen over geld." in page
    # what the resident typed is shown as text, never run as HTML
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


async def test_a_button_press_is_shown_by_its_title_and_marked_never_by_its_payload(client, world):
    _, refs = world
    await login(client, "schuld")
    page = await (await client.get(f"/handoffs/{refs['urgent']}")).text()
    assert "Koos de knop</span> “Contact met de gemeente”" in page
    assert "/request_human" not in page


async def test_another_team_cannot_open_or_change_a_handoff_even_by_guessing_the_url(client, world):
    _, refs = world
    csrf = await login(client, "wijk")
    assert (await client.get(f"/handoffs/{refs['urgent']}")).status == 404
    response = await client.post(f"/handoffs/{refs['urgent']}/claim", data={"csrf": csrf})
    assert response.status == 404
    # the same answer as for a reference that does not exist
    assert (await client.get("/handoffs/HW-0000-0000")).status == 404


async def test_claim_status_and_note_change_the_handoff_and_are_audited(client, world):
    service, refs = world
    csrf = await login(client, "schuld")
    ref = refs["urgent"]
    assert (await client.post(f"/handoffs/{ref}/claim", data={"csrf": csrf}, allow_redirects=False)).status == 303
    await client.post(f"/handoffs/{ref}/status", data={"csrf": csrf, "status": "contact gelegd"})
    await client.post(f"/handoffs/{ref}/note", data={"csrf": csrf, "text": "Gebeld, <b>afspraak</b> dinsdag"})
    page = await (await client.get(f"/handoffs/{ref}")).text()
    assert "contact gelegd – opgepakt door schuld" in page
    assert "Gebeld, &lt;b&gt;afspraak&lt;/b&gt; dinsdag" in page
    with service.sessions() as session:
        actions = [(a.actor, a.action) for a in session.scalars(select(AuditEntry).where(AuditEntry.reference == ref))]
    assert ("schuld", "claim") in actions and ("schuld", "status") in actions and ("schuld", "note") in actions
    assert ("schuld", "view_handoff") in actions


async def test_a_post_without_the_csrf_token_is_refused(client, world):
    _, refs = world
    await login(client, "schuld")
    response = await client.post(f"/handoffs/{refs['urgent']}/claim", data={"csrf": "verkeerd"})
    assert response.status == 403


async def test_an_unknown_status_is_a_bad_request(client, world):
    _, refs = world
    csrf = await login(client, "schuld")
    response = await client.post(f"/handoffs/{refs['urgent']}/status", data={"csrf": csrf, "status": "weg"})
    assert response.status == 400


async def test_every_response_carries_the_security_headers(client):
    response = await client.get("/login")
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert (await client.get("/", allow_redirects=False)).headers["X-Frame-Options"] == "DENY"


async def test_logging_out_ends_the_session(client, world):
    csrf = await login(client, "schuld")
    await client.post("/logout", data={"csrf": csrf})
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_a_denied_change_is_in_the_audit_log(client, world):
    service, refs = world
    csrf = await login(client, "wijk")
    await client.post(f"/handoffs/{refs['urgent']}/claim", data={"csrf": csrf})
    with service.sessions() as session:
        denied = session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "wijk")).all()
    assert "claim_denied" in denied


async def test_opening_another_teams_handoff_is_refused_and_in_the_audit_log(client, world):
    service, refs = world
    await login(client, "wijk")
    assert (await client.get(f"/handoffs/{refs['urgent']}")).status == 404
    with service.sessions() as session:
        audit = session.execute(select(AuditEntry.action, AuditEntry.reference).where(AuditEntry.actor == "wijk")).all()
    assert ("view_denied", refs["urgent"]) in [tuple(row) for row in audit]


async def test_repeated_wrong_passwords_are_slowed_down(client):
    for _ in range(5):
        await client.post(
            "/login", headers=same_site(client), data={"username": "schuld", "password": "fout wachtwoord!"}
        )
    response = await client.post("/login", headers=same_site(client), data={"username": "schuld", "password": PASSWORD})
    assert response.status == 429
    assert "Te veel mislukte pogingen" in await response.text()


async def test_a_strange_csrf_value_is_refused_cleanly(client, world):
    _, refs = world
    await login(client, "schuld")
    response = await client.post(f"/handoffs/{refs['urgent']}/claim", data={"csrf": "é€"})
    assert response.status == 403 and response.headers["X-Frame-Options"] == "DENY"


async def test_the_running_app_enforces_the_retention_period_itself(world, aiohttp_client):
    from staff.web import create_app
    from tests.conftest import eventually

    service, refs = world
    # a retention of 0 days: everything made before the app started is past it
    await aiohttp_client(create_app(service, secure_cookie=False, purge_days=0))
    await eventually(lambda: not service.export(), timeout=5.0, step=0.1)
    assert service.export() == []


async def test_the_health_check_and_the_stylesheet_need_no_session_lookup(client, world, monkeypatch):
    service, _ = world

    def no_database(token):
        raise AssertionError("a session lookup for a public file")

    monkeypatch.setattr(service, "user_for", no_database)
    assert (await client.get("/health")).status == 200
    assert (await client.get("/static/app.css")).status == 200


async def test_the_pages_use_the_nl_design_system_stylesheets_served_by_the_app(client):
    from staff import design

    page = await (await client.get("/login")).text()
    if not design.available():
        if os.environ.get("CI") == "true":
            pytest.fail("NL Design System packages not installed: `make test` runs npm ci")
        pytest.skip("NL Design System packages not installed (npm ci)")
    assert '<html lang="nl" class="voorbeeld-theme">' in page
    for name in design.STYLESHEETS:
        assert f'href="/static/nlds/{name}"' in page
        response = await client.get(f"/static/nlds/{name}")  # no login needed for a stylesheet
        assert response.status == 200 and response.content_type == "text/css"
        assert "utrecht" in await response.text()
    assert (await client.get("/static/nlds/other.css")).status == 404
    assert 'class="utrecht-button utrecht-button--primary-action"' in page


async def test_the_csp_allows_the_stylesheets_own_data_images_and_nothing_from_elsewhere(client):
    csp = (await client.get("/login")).headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "style-src 'self';" in csp and "img-src 'self' data:" in csp
    assert "http" not in csp and "unsafe" not in csp


# -- security findings of issue 12 ----------------------------------------------------------


async def test_a_burst_of_parallel_guesses_is_throttled_before_the_passwords_are_checked(client):
    """Finding 1: the count was checked before and raised after the slow scrypt check, so a
    parallel burst all got through and the right password among 40 guesses logged in."""
    import asyncio

    guesses = [PASSWORD if i == 20 else f"fout wachtwoord {i}!" for i in range(40)]
    responses = await asyncio.gather(
        *(
            client.post(
                "/login",
                headers=same_site(client),
                data={"username": "schuld", "password": guess},
                allow_redirects=False,
            )
            for guess in guesses
        )
    )
    statuses = sorted(r.status for r in responses)
    assert statuses.count(401) == 5 and statuses.count(429) == 35 and 303 not in statuses


async def test_wrong_passwords_for_one_name_behind_the_proxy_do_not_lock_out_colleagues(world, aiohttp_client):
    """Finding 2: behind the HTTPS proxy every staff member has the proxy's address; five
    wrong passwords on any name locked out everyone for 15 minutes."""
    from staff.web import create_app

    service, _ = world
    client = await aiohttp_client(create_app(service, secure_cookie=False, trusted_proxies=frozenset({"127.0.0.1"})))
    attacker = {**same_site(client), "X-Forwarded-For": "203.0.113.9"}
    for _ in range(6):
        await client.post("/login", headers=attacker, data={"username": "schuld", "password": "fout wachtwoord!"})
    colleague = {**same_site(client), "X-Forwarded-For": "198.51.100.4"}
    ok = await client.post(
        "/login", headers=colleague, data={"username": "wijk", "password": PASSWORD}, allow_redirects=False
    )
    assert ok.status == 303
    # the attacked name stays throttled, whatever address it comes from
    again = await client.post(
        "/login", headers=colleague, data={"username": "schuld", "password": PASSWORD}, allow_redirects=False
    )
    assert again.status == 429


async def test_many_wrong_logins_from_one_address_are_throttled_whatever_the_name(client):
    for i in range(30):
        await client.post(
            "/login", headers=same_site(client), data={"username": f"naam{i}", "password": "fout wachtwoord!"}
        )
    response = await client.post(
        "/login", headers=same_site(client), data={"username": "wijk", "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 429


def test_x_forwarded_for_counts_only_from_a_trusted_proxy():
    from aiohttp.test_utils import make_mocked_request

    from staff.web import client_address

    request = make_mocked_request("POST", "/login", headers={"X-Forwarded-For": "203.0.113.9, 10.0.0.2"}).clone(
        remote="192.0.2.1"
    )
    assert client_address(request, frozenset()) == "192.0.2.1"
    assert client_address(request, frozenset({"192.0.2.1"})) == "10.0.0.2"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/form"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1"},
    ],
)
async def test_a_login_posted_from_another_site_is_refused(client, headers):
    """Finding 7: login CSRF."""
    response = await client.post(
        "/login", headers=headers, data={"username": "schuld", "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    assert COOKIE_NAME not in response.cookies


async def test_a_browser_saying_same_origin_may_log_in(client):
    response = await client.post(
        "/login",
        headers={"Sec-Fetch-Site": "same-origin"},
        data={"username": "schuld", "password": PASSWORD},
        allow_redirects=False,
    )
    assert response.status == 303


def test_the_throttle_keeps_a_bounded_number_of_names():
    """Finding 12: one key per name ever tried, kept for ever."""
    from staff.web import LoginThrottle

    throttle = LoginThrottle(max_keys=100)
    for i in range(5_000):
        throttle.attempt((f"user:naam{i}",))
    assert len(throttle.failures) <= 100
    assert not throttle.blocked(("user:naam4999",)) and throttle.attempt(("user:naam4999",))


@pytest.mark.parametrize("path", ["/login", "/handoffs/HW-AAAA-BBBB/note"])
async def test_a_multipart_body_without_boundary_is_a_clean_400_with_the_security_headers(client, path):
    await login(client, "schuld")
    response = await client.post(
        path, data=b"--x\r\nkapot", headers={**same_site(client), "Content-Type": "multipart/form-data"}
    )
    assert response.status == 400
    assert response.headers["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in response.headers


async def test_a_slow_database_call_does_not_hold_up_the_staff_apps_event_loop(client, world, monkeypatch):
    """Issue 11: the service's database calls run in a worker thread."""
    import time

    from tests.conftest import largest_loop_gap

    service, refs = world
    await login(client, "schuld")
    slow_queue = service.queue
    called = []

    def queue(*args, **kwargs):
        called.append(1)
        time.sleep(0.5)  # a database that takes its time
        return slow_queue(*args, **kwargs)

    monkeypatch.setattr(service, "queue", queue)
    response, gap = await largest_loop_gap(client.get("/"))
    assert response.status == 200 and called == [1]
    assert gap < 0.25  # the loop kept running while the queue was read (0.5 s)


def test_a_forged_first_x_forwarded_for_line_does_not_hide_the_address_the_proxy_added():
    """HAProxy (option forwardfor) adds a header line of its own after the client's."""
    from aiohttp.test_utils import make_mocked_request
    from multidict import CIMultiDict

    from staff.web import client_address

    headers = CIMultiDict([("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-For", "203.0.113.9")])
    request = make_mocked_request("POST", "/login", headers=headers).clone(remote="192.0.2.1")
    assert client_address(request, frozenset({"192.0.2.1"})) == "203.0.113.9"
