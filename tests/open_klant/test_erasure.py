"""Erasure and retention reach Open Klant (open_klant/erasure.py, through the staff service's
erasure registry)."""

import asyncio
import datetime as dt
from unittest import mock

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from core.db import make_engine
from handoff.models import Registration
from handoff.service import HandoffStore
from open_klant.client import Unavailable
from open_klant.erasure import OpenKlantErasure
from open_klant.outbox import Outbox
from staff import transcript
from staff.models import AuditEntry
from staff.service import StaffService
from tests.open_klant.conftest import config_for, make_draft


@pytest.fixture
def staff(engine, tmp_path, port):
    def make(erasure="delete"):
        tracker = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
        transcript._metadata.create_all(tracker)
        service = StaffService(engine, tracker, stores=[OpenKlantErasure(engine, config_for(port, erasure))])
        service.create_schema()
        return service

    return make


async def registered(store, registrar, conversation="c-1"):
    reference = store.submit(make_draft(conversation)).reference
    await registrar.run_once()
    return reference


def audit(engine, action):
    with engine.connect() as connection:
        return list(connection.execute(select(AuditEntry.detail).where(AuditEntry.action == action)).scalars())


async def test_deleting_a_handoff_deletes_what_was_made_in_open_klant_children_first(
    store, engine, registrar, fake, staff
):
    reference = await registered(store, registrar)
    kept = await registered(store, registrar, conversation="c-2")
    service = staff()

    found, left = await asyncio.to_thread(service.erase, reference)

    assert found and left == {}
    deleted = [c.path.split("/")[1] for c in fake.calls if c.method == "DELETE"]
    assert deleted == [
        "internetaken",
        "actorklantcontacten",
        "digitaleadressen",
        "betrokkenen",
        "onderwerpobjecten",
        "klantcontacten",
    ]
    assert all(c.status in (200, 204) for c in fake.calls if c.method == "DELETE")
    assert fake.count("klantcontacten") == 1 and fake.count("internetaken") == 1  # the other handoff's
    assert Outbox(engine).get(reference) is None and Outbox(engine).get(kept) is not None


async def test_with_leave_the_objects_stay_in_open_klant_and_are_reported(store, engine, registrar, fake, staff):
    reference = await registered(store, registrar)
    service = staff("leave")

    found, left = await asyncio.to_thread(service.erase, reference)

    assert found and not [c for c in fake.calls if c.method == "DELETE"]
    klantcontact = next(iter(fake.objects["klantcontacten"].values()))
    assert left["open_klant"][0] == f"klantcontact {klantcontact['referentienummer']} ({klantcontact['uuid']})"
    assert len(left["open_klant"]) == 6
    assert any(klantcontact["uuid"] in detail for detail in audit(engine, "delete_left"))
    assert Outbox(engine).get(reference) is None


async def test_a_deletion_that_fails_in_open_klant_is_not_reported_as_done_and_can_be_repeated(
    store, engine, registrar, fake, staff
):
    reference = await registered(store, registrar)
    service = staff()
    fake.fail("DELETE", "/digitaleadressen", 503)

    with pytest.raises(Unavailable):
        await asyncio.to_thread(service.erase, reference)
    assert audit(engine, "delete") == []
    assert fake.count("internetaken") == 0 and fake.count("klantcontacten") == 1  # stopped half-way, recorded

    found, _ = await asyncio.to_thread(service.erase, reference)  # the resident's request, made again
    assert found and fake.count("klantcontacten") == 0 and fake.count("digitaleadressen") == 0
    assert Outbox(engine).get(reference) is None


async def test_the_retention_purge_deletes_old_registrations_in_open_klant(store, engine, registrar, fake, staff):
    reference = await registered(store, registrar)
    service = staff()
    counts = await asyncio.to_thread(service.purge, 1)
    assert counts["open_klant"] == 0 and fake.count("klantcontacten") == 1  # not old yet

    with engine.begin() as connection:
        old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)
        connection.execute(Registration.__table__.update().values(created_at=old))
        connection.execute(Registration.metadata.tables["ho_handoffs"].update().values(created_at=old))
    counts = await asyncio.to_thread(service.purge, 1)
    assert counts["open_klant"] == 6 and counts["handoffs"] == 1 and fake.count("klantcontacten") == 0
    assert Outbox(engine).get(reference) is None


async def test_a_handoff_deleted_before_it_was_registered_is_never_sent(store, engine, registrar, fake, staff):
    reference = store.submit(make_draft()).reference
    await asyncio.to_thread(staff().erase, reference)
    await registrar.run_once()
    assert fake.calls == [] and Outbox(engine).get(reference) is None


async def test_a_spooled_handoff_gets_its_outbox_row_when_it_is_imported(engine, tmp_path):
    store = HandoffStore(engine, spool_dir=tmp_path / "spool", backoff=0, register_with=("open_klant",))
    store.create_schema()
    with mock.patch.object(HandoffStore, "_store", side_effect=OperationalError("x", {}, Exception())):
        submitted = store.submit(make_draft())
    assert submitted.pending and Outbox(engine).get(submitted.reference) is None

    assert store.drain_spool() == 1
    assert Outbox(engine).get(submitted.reference).status == "pending"
