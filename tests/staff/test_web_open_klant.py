"""The Open Klant registration on a handoff's page: its status and reference, Open Klant's
reasons when it refused, and the retry button (CSRF-protected and audited)."""

import datetime as dt

from sqlalchemy import select

from handoff.models import FAILED, PENDING, REGISTERED, Registration
from open_klant.worker import Backoff, Registrar
from staff.models import AuditEntry
from staff.web import create_app
from tests.conftest import eventually
from tests.open_klant.conftest import TEAM_ACTOR, config_for, free_port, start_fake
from tests.staff.conftest import login, same_site

KLANTCONTACT = "3f1c2b7a-5d4e-4f60-8a9b-0c1d2e3f4a5b"
TAAK = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def add_registration(service, reference, status, **values):
    now = dt.datetime.now(dt.timezone.utc)
    with service.sessions() as session, session.begin():
        session.add(
            Registration(
                reference=reference,
                backend="open_klant",
                status=status,
                attempts=values.pop("attempts", 0),
                next_attempt_at=now,
                objects=values.pop("objects", {}),
                created_at=now,
                updated_at=now,
                **values,
            )
        )


def status_of(service, reference):
    return service.registration(reference).status


async def test_the_page_shows_the_open_klant_reference_of_a_registered_handoff(world, client):
    service, refs = world
    add_registration(
        service,
        refs["old"],
        REGISTERED,
        objects={"klantcontact": KLANTCONTACT, "klantcontact_nummer": "0000000042", "internetaak": TAAK},
        registered_at=dt.datetime(2026, 11, 23, 9, 1, tzinfo=dt.timezone.utc),
    )
    await login(client, "schuld")
    page = await (await client.get(f"/handoffs/{refs['old']}")).text()
    assert "Registratiestatus: <strong>geregistreerd</strong> op 23-11-2026 09:01 UTC" in page
    assert "nummer 0000000042" in page and KLANTCONTACT in page and TAAK in page
    assert "Opnieuw registreren" not in page


async def test_a_page_without_open_klant_shows_nothing_of_it(world, client):
    _, refs = world
    await login(client, "schuld")
    assert "Open Klant" not in await (await client.get(f"/handoffs/{refs['old']}")).text()


async def test_a_refused_registration_shows_open_klants_reasons_and_can_be_retried(world, client):
    service, refs = world
    add_registration(
        service,
        refs["old"],
        FAILED,
        objects={"klantcontact": KLANTCONTACT},
        error={
            "kind": "refused",
            "step": "internetaak",
            "status": 400,
            "title": "Invalid input.",
            "invalidParams": [
                {"name": "toegewezenAanActoren.0.uuid", "code": "does_not_exist", "reason": "<b>weg</b>"}
            ],
        },
    )
    csrf = await login(client, "schuld")
    page = await (await client.get(f"/handoffs/{refs['old']}")).text()
    assert "Registratiestatus: <strong>mislukt</strong> bij de interne taak" in page
    assert "HTTP 400" in page and "<code>toegewezenAanActoren.0.uuid</code>: &lt;b&gt;weg&lt;/b&gt;" in page
    assert f'action="/handoffs/{refs["old"]}/open-klant"' in page

    refused = await client.post(f"/handoffs/{refs['old']}/open-klant", data={}, headers=same_site(client))
    assert refused.status == 403 and status_of(service, refs["old"]) == FAILED  # no CSRF token

    response = await client.post(
        f"/handoffs/{refs['old']}/open-klant", data={"csrf": csrf}, headers=same_site(client), allow_redirects=False
    )
    assert response.status == 303 and response.headers["Location"].endswith("?open_klant=opnieuw")
    assert status_of(service, refs["old"]) == PENDING
    with service.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.reference == refs["old"])))
    assert "open_klant_retry" in actions


async def test_another_teams_registration_cannot_be_retried(world, client):
    service, refs = world
    add_registration(service, refs["other"], FAILED, error={"kind": "config", "detail": "x"})
    csrf = await login(client, "schuld")
    response = await client.post(
        f"/handoffs/{refs['other']}/open-klant", data={"csrf": csrf}, headers=same_site(client)
    )
    assert response.status == 404 and status_of(service, refs["other"]) == FAILED


async def test_a_refused_registration_goes_through_after_the_fix_and_the_retry_button(
    world, aiohttp_client, aiohttp_server
):
    """End to end: the staff app runs the worker; Open Klant refuses (the team's actor is
    missing), staff see why, the actor is made in Open Klant, staff retry, it is registered
    with one klantcontact."""
    service, refs = world
    add_registration(service, refs["old"], PENDING)
    port = free_port()
    fake = await start_fake(aiohttp_server, port)
    fake.actors.discard(TEAM_ACTOR)
    registrar = Registrar(service.engine, config_for(port), backoff=Backoff(base=0.05, cap=0.1), poll=0.05)
    client = await aiohttp_client(create_app(service, secure_cookie=False, open_klant=registrar))
    csrf = await login(client, "schuld")

    await eventually(lambda: status_of(service, refs["old"]) == FAILED, timeout=5)
    page = await (await client.get(f"/handoffs/{refs['old']}")).text()
    assert "mislukt" in page and "toegewezenAanActoren.0.uuid" in page

    fake.actors.add(TEAM_ACTOR)  # the fix, in Open Klant
    await client.post(f"/handoffs/{refs['old']}/open-klant", data={"csrf": csrf}, headers=same_site(client))
    await eventually(lambda: status_of(service, refs["old"]) == REGISTERED, timeout=5)

    page = await (await client.get(f"/handoffs/{refs['old']}")).text()
    assert "geregistreerd" in page and next(iter(fake.objects["klantcontacten"])) in page
    assert fake.count("klantcontacten") == 1 and len(fake.posted("/maak-klantcontact")) == 1
    assert fake.count("internetaken") == 1 and fake.violations == []
