"""Registering a handoff in Open Klant from the outbox (open_klant/worker.py), against the
fake Open Klant, which checks every request and response against the 2.18 contract."""

import dataclasses
import datetime as dt

from sqlalchemy import update

from handoff.models import FAILED, PENDING, REGISTERED, Registration
from open_klant.outbox import Outbox
from open_klant.worker import Backoff, Registrar
from tests.open_klant.conftest import ASSISTANT, TEAM_ACTOR, make_draft, start_fake


def submitted(store, **draft):
    return store.submit(make_draft(**draft)).reference


def row(engine, reference) -> Registration:
    return Outbox(engine).get(reference)


def make_due(engine) -> None:
    """Every row of the outbox due now (instead of waiting for its backoff)."""
    with engine.begin() as connection:
        connection.execute(update(Registration).values(next_attempt_at=dt.datetime.now(dt.timezone.utc)))


async def test_a_confirmed_handoff_becomes_a_klantcontact_with_a_task_for_the_team(store, engine, registrar, fake):
    reference = submitted(store, urgency=["beslag of deurwaarder"])
    assert row(engine, reference).status == PENDING  # written with the handoff itself

    assert await registrar.run_once() == 1

    assert [(c.method, c.path) for c in fake.calls] == [
        ("POST", "/maak-klantcontact"),
        ("POST", "/digitaleadressen"),
        ("POST", "/actorklantcontacten"),
        ("POST", "/internetaken"),
    ]
    maak, adres, actor, taak = (c.body for c in fake.calls)
    contact = maak["klantcontact"]
    assert contact["kanaal"] == "Hulpwijzer chat" and contact["taal"] == "nld" and contact["vertrouwelijk"] is True
    assert contact["onderwerp"] == "Hulpwijzer: geldzorgen en mantelzorg"
    assert reference in contact["inhoud"] and "ik heb schulden" in contact["inhoud"]
    assert maak["betrokkene"] == {"rol": "klant", "initiator": True, "contactnaam": {"voornaam": "Fatma de Vries"}}
    assert maak["onderwerpobject"]["onderwerpobjectidentificator"]["objectId"] == reference
    assert adres["adres"] == "+31612345678" and adres["soortDigitaalAdres"] == "telefoonnummer"
    assert actor["actor"] == {"uuid": ASSISTANT}
    assert taak["gevraagdeHandeling"] == "Contact opnemen met inwoner" and taak["status"] == "te_verwerken"
    assert taak["toegewezenAanActoren"] == [{"uuid": TEAM_ACTOR}]
    assert "DRINGEND: beslag of deurwaarder" in taak["toelichting"] and "21-12-2026" in taak["toelichting"]
    assert "bsn" not in str(fake.calls).lower()

    registration = row(engine, reference)
    assert registration.status == REGISTERED and registration.error is None
    klantcontact = next(iter(fake.objects["klantcontacten"].values()))
    assert registration.objects["klantcontact"] == klantcontact["uuid"]
    assert registration.objects["klantcontact_nummer"] == klantcontact["referentienummer"]
    assert registration.objects["internetaak"] == next(iter(fake.objects["internetaken"]))
    assert await registrar.run_once() == 0 and len(fake.calls) == 4  # registered once


async def test_a_whatsapp_handoff_is_sent_on_its_channel_without_the_residents_number(store, engine, registrar, fake):
    reference = submitted(store, method="chat", channel="whatsapp")
    await registrar.run_once()
    assert fake.posted("/maak-klantcontact")[0].body["klantcontact"]["kanaal"] == "Hulpwijzer WhatsApp"
    assert fake.posted("/digitaleadressen") == []
    assert "WhatsApp" in fake.posted("/internetaken")[0].body["toelichting"]
    assert row(engine, reference).status == REGISTERED


async def test_an_email_address_is_sent_as_email(store, engine, registrar, fake):
    submitted(store, method="e-mail", email="fatma@example.nl")
    await registrar.run_once()
    body = fake.posted("/digitaleadressen")[0].body
    assert (body["adres"], body["soortDigitaalAdres"]) == ("fatma@example.nl", "email")


async def test_open_klant_down_is_retried_with_backoff_and_nothing_is_lost(
    store, engine, registrar, aiohttp_server, port
):
    reference = submitted(store)
    await registrar.run_once()  # connection refused: nothing listens on the port yet
    first = row(engine, reference)
    assert first.status == PENDING and first.attempts == 1 and first.error["kind"] == "unavailable"
    assert first.objects == {}
    assert await registrar.run_once() == 0  # not due yet: it backs off

    fake = await start_fake(aiohttp_server, port)
    fake.fail("POST", "/maak-klantcontact", 503)
    make_due(engine)
    await registrar.run_once()
    second = row(engine, reference)
    assert second.status == PENDING and second.attempts == 2 and second.error["status"] == 503
    assert second.next_attempt_at.replace(tzinfo=dt.timezone.utc) > dt.datetime.now(dt.timezone.utc)

    make_due(engine)
    await registrar.run_once()
    assert row(engine, reference).status == REGISTERED
    assert fake.count("klantcontacten") == 1 and fake.count("internetaken") == 1
    assert fake.violations == []


def test_the_backoff_doubles_up_to_its_cap_and_honours_retry_after():
    backoff = Backoff(base=10, cap=100)
    assert 8 <= backoff.delay(1) <= 12 and 16 <= backoff.delay(2) <= 24 and 80 <= backoff.delay(9) <= 100
    assert backoff.delay(1, retry_after=60) == 60


async def test_a_429_is_retried_after_the_time_open_klant_asks(store, engine, registrar, fake):
    reference = submitted(store)
    fake.fail("POST", "/maak-klantcontact", 429, headers={"Retry-After": "120"})
    before = dt.datetime.now(dt.timezone.utc)
    await registrar.run_once()
    waiting = row(engine, reference)
    assert waiting.status == PENDING and waiting.error["status"] == 429
    # the cap of this test's backoff (0.2 s) bounds the wait
    assert waiting.next_attempt_at.replace(tzinfo=dt.timezone.utc) >= before + dt.timedelta(seconds=0.2)


async def test_a_refusal_with_field_errors_stops_and_keeps_open_klants_reasons(store, engine, registrar, fake):
    fake.actors.discard(TEAM_ACTOR)  # the team's actor does not exist (yet) in Open Klant
    reference = submitted(store)
    await registrar.run_once()

    failed = row(engine, reference)
    assert failed.status == FAILED
    assert failed.error["kind"] == "refused" and failed.error["step"] == "internetaak" and failed.error["status"] == 400
    assert failed.error["invalidParams"] == [
        {
            "name": "toegewezenAanActoren.0.uuid",
            "code": "does_not_exist",
            "reason": "Ongeldige uuid - object bestaat niet.",
        }
    ]
    assert failed.objects["klantcontact"] and failed.in_flight is None
    make_due(engine)  # due or not: a refused row is not retried by itself
    assert await registrar.run_once() == 0


async def test_a_team_without_an_actor_stops_before_anything_is_sent(store, engine, config, fake):
    reference = submitted(store)
    unmapped = dataclasses.replace(config, actors={})
    await Registrar(engine, unmapped).run_once()
    failed = row(engine, reference)
    assert failed.status == FAILED and failed.error["kind"] == "config"
    assert "almelo-kcc" in failed.error["detail"] and fake.calls == []


async def test_a_crash_between_two_calls_resumes_without_a_second_klantcontact(store, engine, config, fake):
    class Crash(BaseException):
        """The process dies (kill -9 is as abrupt: nothing after the crash runs)."""

    class CrashingOutbox(Outbox):
        saves = 0

        def save(self, claimed):
            super().save(claimed)
            CrashingOutbox.saves += 1
            if CrashingOutbox.saves == 2:  # the klantcontact's uuid is recorded, the next call not made
                raise Crash

    reference = submitted(store)
    crashing = Registrar(engine, config, outbox=CrashingOutbox(engine, lease=dt.timedelta(0)))
    try:
        await crashing.run_once()
    except Crash:
        pass
    assert row(engine, reference).status == "working" and fake.count("klantcontacten") == 1

    # another process (or the restarted one) takes the row over once its lease ran out
    await Registrar(engine, config).run_once()
    assert row(engine, reference).status == REGISTERED
    assert fake.count("klantcontacten") == 1 and len(fake.posted("/maak-klantcontact")) == 1
    assert fake.count("internetaken") == 1


async def test_a_lost_answer_is_looked_up_instead_of_creating_the_klantcontact_again(store, engine, registrar, fake):
    reference = submitted(store)
    fake.lose_answer("POST", "/maak-klantcontact")  # Open Klant made it; the answer never arrived
    await registrar.run_once()
    waiting = row(engine, reference)
    assert waiting.status == PENDING and waiting.in_flight == "klantcontact" and fake.count("klantcontacten") == 1

    make_due(engine)
    await registrar.run_once()
    done = row(engine, reference)
    assert done.status == REGISTERED and fake.count("klantcontacten") == 1
    assert done.objects["klantcontact"] == next(iter(fake.objects["klantcontacten"]))
    assert done.objects["betrokkene"] == next(iter(fake.objects["betrokkenen"]))
    assert [c.path for c in fake.calls if c.method == "GET"] == ["/klantcontacten"]


async def test_a_lost_answer_of_the_task_is_looked_up_too(store, engine, registrar, fake):
    reference = submitted(store)
    fake.lose_answer("POST", "/internetaken")
    await registrar.run_once()
    make_due(engine)
    await registrar.run_once()
    assert row(engine, reference).status == REGISTERED and fake.count("internetaken") == 1


class IgnoresFilters:
    """An Open Klant whose search ignores the filters: it answers with someone else's objects."""

    def __init__(self, results):
        self.results = results

    async def find(self, resource, **filters):
        return self.results


async def test_a_look_up_never_adopts_another_residents_objects(config):
    from open_klant.outbox import Claimed
    from open_klant.worker import look_up

    claimed = Claimed(1, "t", "HW-AAAA-BBBB", PENDING, 0, "klantcontact", {})
    other = {"uuid": "11111111-1111-4111-8111-111111111111", "inhoud": "Hulpwijzer-overdracht HW-CCCC-DDDD voor KCC."}
    assert not await look_up(IgnoresFilters([other]), "klantcontact", claimed, config)
    assert "klantcontact" not in claimed.objects
    claimed.objects["klantcontact"] = "22222222-2222-4222-8222-222222222222"
    task = {"uuid": "33333333-3333-4333-8333-333333333333", "aanleidinggevendKlantcontact": {"uuid": other["uuid"]}}
    assert not await look_up(IgnoresFilters([task]), "internetaak", claimed, config)
    ours = {**task, "aanleidinggevendKlantcontact": {"uuid": claimed.objects["klantcontact"]}}
    assert await look_up(IgnoresFilters([task, ours]), "internetaak", claimed, config)
    assert claimed.objects["internetaak"] == ours["uuid"]
