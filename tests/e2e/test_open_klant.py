"""Issue 13 end to end: a resident's confirmed handoff reaches a fake Open Klant on loopback.

Real processes share one SQLite database: the action server and the Rasa server (REST
channel) write the handoff and its outbox row, the staff app (``python -m staff serve``)
runs the registrar, and ``python -m staff delete`` erases. The fake Open Klant
(``tests/open_klant/fake_server.py``) runs in a thread with its own event loop, records every
call and checks every request and response against the Klantinteracties contract.

The registrar looks for due rows every 10 s (``open_klant.worker.POLL_SECONDS``) and backs
off 30 s (±20%) after Open Klant was unreachable, so the waits below are bounded by those."""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from aiohttp import web
from sqlalchemy import create_engine, select

from handoff.models import Handoff, Registration
from tests.conftest import MODEL, ROOT
from tests.e2e.conftest import (
    Assistant,
    assistant_servers,
    create_staff_user,
    free_port,
    run_staff,
    server_env,
    wait_for,
    write_endpoints,
)
from tests.open_klant import contract
from tests.open_klant.conftest import ASSISTANT, TEAM, TEAM_ACTOR, open_klant_env
from tests.open_klant.fake_server import TOKEN, Call, FakeOpenKlant
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.model

#: what the resident types for the team; none of it may reach a log
QUESTION = "er staat een deurwaarder aan de deur en ik kan de huur niet meer betalen"
NAME = "Fatma"
PHONE = "06-12345678"
#: the registrar's poll (10 s) plus a registration and some slack on a busy 2-core machine
REGISTERED_WITHIN = 40.0
#: after an unreachable Open Klant: the backoff (at most 36 s), a poll (10 s) and slack
RETRIED_WITHIN = 75.0


class FakeOpenKlantServer:
    """The fake in a thread with its own event loop, so the test's synchronous code (and the
    server processes) can talk to it while it runs."""

    def __init__(self, fake: FakeOpenKlant, port: int):
        self.fake, self.port = fake, port
        self.fake.host_url = f"http://127.0.0.1:{port}"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return self.fake.host_url + contract.BASE_PATH

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._runner = web.AppRunner(self.fake.app(), access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def start(self) -> "FakeOpenKlantServer":
        self._thread.start()
        if not self._ready.wait(30):
            raise TimeoutError("the fake Open Klant did not start")
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)


class StaffClient:
    """A staff member's browser, as far as these tests need one: a session cookie."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def log_in(self, username: str) -> None:
        form = urllib.parse.urlencode({"username": username, "password": PASSWORD}).encode()
        # the login form's own origin (staff.web.same_origin)
        request = urllib.request.Request(f"{self.base_url}/login", data=form, headers={"Origin": self.base_url})
        with self.opener.open(request, timeout=30) as response:
            assert response.url == f"{self.base_url}/", "login failed"

    def get(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        """GET ``path``, or POST ``form`` to it; redirects are followed."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(f"{self.base_url}{path}", data=data, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


@dataclass
class World:
    assistant: Assistant
    fake: FakeOpenKlant
    staff: StaffClient
    env: dict[str, str]
    work: Path


@contextlib.contextmanager
def staff_app(env: dict[str, str], port: int, log_path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``python -m staff serve`` (with its Open Klant registrar), logging to ``log_path``.
    The caller waits for it; it starts while Rasa loads its model."""
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "staff", "serve", "--insecure-cookie", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[World]:
    if not MODEL.exists():
        pytest.skip("no trained model: run `make model`")
    work = tmp_path_factory.mktemp("open-klant")
    contract.spec()  # parse the contract once, before the fake's first request needs it
    fake = FakeOpenKlant(actors={TEAM_ACTOR, ASSISTANT})
    server = FakeOpenKlantServer(fake, free_port())
    action_port, rasa_port, staff_port = free_port(), free_port(), free_port()
    (work / "credentials.yml").write_text("channels.rest.RestInput: {}\n")
    write_endpoints(work, action_port)
    env = server_env(
        DATABASE_URL=f"sqlite:///{work / 'hulpwijzer.db'}",
        TRACKER_DATABASE_URL=f"sqlite:///{work / 'tracker.db'}",
        HULPWIJZER_SPOOL_DIR=str(work / "spool"),
        **open_klant_env(server.url),
    )
    create_staff_user(env, "schuld", "--team", TEAM)  # also makes the schema, before the servers share it
    server.start()
    try:
        with staff_app(env, staff_port, work / "staff.log") as (staff_url, staff_proc):
            with assistant_servers(work, env, action_port, rasa_port):
                wait_for(f"{staff_url}/health", staff_proc, timeout=60)
                staff = StaffClient(staff_url)
                staff.log_in("schuld")
                yield World(Assistant(f"http://127.0.0.1:{rasa_port}", work / "servers.log"), fake, staff, env, work)
    finally:
        server.stop()
    assert fake.violations == []


# -- helpers ------------------------------------------------------------------------------


@dataclass
class Handed:
    sender: str
    reference: str
    #: the question as the resident confirmed it in the summary
    question: str


def hand_over(assistant: Assistant) -> Handed:
    """A warm handoff to the KCC over REST, as tests/e2e/test_handoff_conversation.py does it."""
    sender = f"test-{uuid.uuid4().hex[:12]}"
    assistant.text(sender, QUESTION)
    assert "Zal ik uw vraag doorsturen naar Klantcontactcentrum (KCC)" in assistant.text(sender, "/request_human")
    for answer in ("ja", NAME, "bellen", PHONE, "dinsdagochtend"):
        assistant.text(sender, answer)
    summary = assistant.text(sender, "overslaan")
    assert "Klopt dit?" in summary, summary
    question = re.search(r'- Uw vraag: "(.+)"', summary).group(1)
    sent = assistant.text(sender, "ja")
    reference = re.search(r"referentie is (HW-[0-9A-Z]{4}-[0-9A-Z]{4})", sent).group(1)
    return Handed(sender, reference, question)


def eventually(check: Callable[[], object], timeout: float, what: str, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def contact_calls(fake: FakeOpenKlant, reference: str) -> list[Call]:
    """The ``POST /maak-klantcontact`` calls for our handoff ``reference``."""
    return [
        c
        for c in fake.posted("/maak-klantcontact")
        if (c.body or {}).get("onderwerpobject", {}).get("onderwerpobjectidentificator", {}).get("objectId")
        == reference
    ]


def made_for(fake: FakeOpenKlant, reference: str) -> dict[str, list[str]]:
    """The uuids of what exists in the fake for our handoff ``reference``, by kind."""
    # a copy first (list() of a dict is one step for other threads): the fake's loop may add objects
    objects = {resource: list(found.values()) for resource, found in fake.objects.items()}
    onderwerpen = [
        o for o in objects["onderwerpobjecten"] if o["onderwerpobjectidentificator"]["objectId"] == reference
    ]
    contacts = [o["klantcontact"]["uuid"] for o in onderwerpen]
    return {
        "klantcontact": contacts,
        "onderwerpobject": [o["uuid"] for o in onderwerpen],
        "betrokkene": [b["uuid"] for b in objects["betrokkenen"] if b["hadKlantcontact"]["uuid"] in contacts],
        "digitaal_adres": [a["uuid"] for a in objects["digitaleadressen"] if a["referentie"] == reference],
        "actorklantcontact": [
            a["uuid"] for a in objects["actorklantcontacten"] if a["klantcontact"]["uuid"] in contacts
        ],
        "internetaak": [
            t["uuid"] for t in objects["internetaken"] if t["aanleidinggevendKlantcontact"]["uuid"] in contacts
        ],
    }


def page_saying(world: World, reference: str, text: str) -> str | None:
    """The handoff's staff page, if it says ``text``."""
    status, page = world.staff.get(f"/handoffs/{reference}")
    return page if status == 200 and text in page else None


def registered_page(world: World, reference: str) -> str | None:
    return page_saying(world, reference, "Registratiestatus: <strong>geregistreerd</strong>")


def rows(world: World, reference: str) -> tuple[list, list]:
    engine = create_engine(f"sqlite:///{world.work / 'hulpwijzer.db'}")
    try:
        with engine.connect() as connection:
            handoffs = connection.execute(select(Handoff.id).where(Handoff.reference == reference)).all()
            registrations = connection.execute(
                select(Registration.status).where(Registration.reference == reference)
            ).all()
    finally:
        engine.dispose()
    return handoffs, registrations


@pytest.fixture(scope="module")
def registered(world) -> tuple[Handed, int]:
    """A resident's handoff, registered in Open Klant; and where in the fake's call log its
    calls start."""
    since = len(world.fake.calls)
    handed = hand_over(world.assistant)
    eventually(lambda: registered_page(world, handed.reference), REGISTERED_WITHIN, "registered in Open Klant")
    return handed, since


# -- the tests ----------------------------------------------------------------------------


def test_a_confirmed_handoff_is_registered_in_open_klant_in_four_calls_and_shown_to_staff(world, registered):
    handed, since = registered
    fake = world.fake
    calls = fake.calls[since:]
    # nothing but the four calls, in this order (no look-ups: nothing was lost), all with the token
    assert [(c.method, c.path, c.status) for c in calls] == [
        ("POST", "/maak-klantcontact", 201),
        ("POST", "/digitaleadressen", 201),
        ("POST", "/actorklantcontacten", 201),
        ("POST", "/internetaken", 201),
    ]
    assert {c.authorization for c in calls} == {f"Token {TOKEN}"}
    maak, adres, actor, taak = (c.body for c in calls)
    made = made_for(fake, handed.reference)
    assert {kind: len(uuids) for kind, uuids in made.items()} == dict.fromkeys(made, 1)
    klantcontact = made["klantcontact"][0]

    inhoud = maak["klantcontact"]["inhoud"]
    assert inhoud.startswith(f"Hulpwijzer-overdracht {handed.reference} voor Klantcontactcentrum (KCC)")
    assert f"Vraag in eigen woorden: {handed.question}" in inhoud
    assert maak["klantcontact"]["kanaal"] == "Hulpwijzer chat" and maak["klantcontact"]["vertrouwelijk"] is True
    assert maak["betrokkene"]["contactnaam"] == {"voornaam": NAME}
    assert "partij" not in str(maak) and "bsn" not in str(maak).lower()
    # the number as the resident typed it (06-12345678), in Open Klant's international form
    assert adres == {
        "verstrektDoorBetrokkene": {"uuid": made["betrokkene"][0]},
        "referentie": handed.reference,
        "adres": "+31612345678",
        "soortDigitaalAdres": "telefoonnummer",
        "omschrijving": "Telefoon",
    }
    assert actor == {"actor": {"uuid": ASSISTANT}, "klantcontact": {"uuid": klantcontact}}
    assert taak["aanleidinggevendKlantcontact"] == {"uuid": klantcontact}
    assert taak["toegewezenAanActoren"] == [{"uuid": TEAM_ACTOR}] and taak["status"] == "te_verwerken"
    assert taak["toelichting"].startswith(f"Hulpwijzer-overdracht {handed.reference}.\nDRINGEND: ")

    page = registered_page(world, handed.reference)
    number = fake.objects["klantcontacten"][klantcontact]["referentienummer"]
    assert f"nummer {number}, uuid" in page and klantcontact in page and made["internetaak"][0] in page
    assert fake.violations == []
    # none of the servers logged what the resident told the team
    logs = (world.work / "servers.log").read_text(errors="replace") + (world.work / "staff.log").read_text(
        errors="replace"
    )
    assert "12345678" not in logs and NAME not in logs and handed.question not in logs


def test_a_refusal_with_field_errors_is_shown_to_staff_and_goes_through_after_the_fix_and_retry(world, registered):
    # (``registered``: no other handoff is due, so the refusal meets this one)
    fake = world.fake
    fake.actors.discard(TEAM_ACTOR)  # the team's actor is not (yet) in Open Klant
    try:
        handed = hand_over(world.assistant)
        page = eventually(
            lambda: page_saying(
                world, handed.reference, "Registratiestatus: <strong>mislukt</strong> bij de interne taak"
            ),
            REGISTERED_WITHIN,
            "the refusal on the staff page",
        )
    finally:
        fake.actors.add(TEAM_ACTOR)  # fixed
    # Open Klant's reasons, field by field, and the retry button
    assert "Open Klant weigerde het verzoek (HTTP 400): Invalid input." in page
    assert "<code>toegewezenAanActoren.0.uuid</code>: Ongeldige uuid - object bestaat niet. (does_not_exist)" in page
    made = made_for(fake, handed.reference)
    assert {kind: len(uuids) for kind, uuids in made.items()} == {**dict.fromkeys(made, 1), "internetaak": 0}
    log = (world.work / "staff.log").read_text(errors="replace")
    assert (
        f"open_klant.refused reference={handed.reference} step=internetaak status=400 "
        "params=toegewezenAanActoren.0.uuid:does_not_exist" in log
    )
    assert "Ongeldige uuid" not in log  # Open Klant's reasons may quote a value: never logged

    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, page = world.staff.get(f"/handoffs/{handed.reference}/open-klant", {"csrf": csrf})
    assert status == 200 and "De registratie staat weer in de wachtrij" in page
    eventually(lambda: registered_page(world, handed.reference), REGISTERED_WITHIN, "registered after the retry")
    # what was made before the refusal was not made again
    assert [c.status for c in contact_calls(fake, handed.reference)] == [201]
    tasks = [
        c
        for c in fake.posted("/internetaken")
        if c.body["aanleidinggevendKlantcontact"]["uuid"] in made["klantcontact"]
    ]
    assert [c.status for c in tasks] == [400, 201]
    made = made_for(fake, handed.reference)
    assert {kind: len(uuids) for kind, uuids in made.items()} == dict.fromkeys(made, 1)
    assert fake.violations == []


def test_open_klant_down_at_first_registers_the_handoff_once_when_it_is_back(world, registered):
    # (``registered``: no other handoff is due, so the outage meets this one)
    fake = world.fake
    fake.fail("POST", "/maak-klantcontact", 503)  # down for the next attempt
    handed = hand_over(world.assistant)
    eventually(lambda: contact_calls(fake, handed.reference), REGISTERED_WITHIN, "a first attempt")

    def waiting():
        status, page = world.staff.get(f"/handoffs/{handed.reference}")
        return status == 200 and "Open Klant was niet bereikbaar (HTTP 503); poging 1" in page

    # staff see that it waits, and when it is tried again
    eventually(waiting, 10, "the page says Open Klant was unreachable")
    assert made_for(fake, handed.reference)["klantcontact"] == []

    eventually(lambda: registered_page(world, handed.reference), RETRIED_WITHIN, "registered after the outage")
    assert [c.status for c in contact_calls(fake, handed.reference)] == [503, 201]
    made = made_for(fake, handed.reference)
    assert {kind: len(uuids) for kind, uuids in made.items()} == dict.fromkeys(made, 1)
    tasks = [
        c
        for c in fake.posted("/internetaken")
        if c.body["aanleidinggevendKlantcontact"]["uuid"] in made["klantcontact"]
    ]
    assert [c.status for c in tasks] == [201]
    assert fake.violations == []
    # the staff app logged the outage by reference, and nothing the resident typed
    log = (world.work / "staff.log").read_text(errors="replace")
    assert f"open_klant.unavailable reference={handed.reference} step=klantcontact reason=HTTP 503" in log
    assert "12345678" not in log and NAME not in log and handed.question not in log


def test_deleting_a_registered_handoff_deletes_its_objects_in_open_klant_children_first(world, registered):
    handed, _ = registered
    fake = world.fake
    made = made_for(fake, handed.reference)
    others = sum(len(objects) for objects in fake.objects.values()) - sum(len(u) for u in made.values())
    since = len(fake.calls)

    assert run_staff(world.env, "delete", handed.reference).strip() == "deleted"

    order = [
        ("internetaken", "internetaak"),
        ("actorklantcontacten", "actorklantcontact"),
        ("digitaleadressen", "digitaal_adres"),
        ("betrokkenen", "betrokkene"),
        ("onderwerpobjecten", "onderwerpobject"),
        ("klantcontacten", "klantcontact"),
    ]
    calls = fake.calls[since:]
    assert [(c.method, c.path) for c in calls] == [("DELETE", f"/{res}/{made[kind][0]}") for res, kind in order]
    assert all(c.status in (200, 204) for c in calls)
    assert {c.authorization for c in calls} == {f"Token {TOKEN}"}
    assert made_for(fake, handed.reference) == dict.fromkeys(made, [])
    # the other handoff's objects are still there
    assert sum(len(objects) for objects in fake.objects.values()) == others
    # and in Hulpwijzer: the handoff, its outbox row and the conversation are gone
    assert rows(world, handed.reference) == ([], [])
    assert world.staff.get(f"/handoffs/{handed.reference}")[0] == 404
    assert world.assistant.user_messages(handed.sender) == []
    assert fake.violations == []
