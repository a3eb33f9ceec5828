"""A team follows up a handoff whose resident chose contact via WhatsApp: the approved
template, sent from the staff app to a recording fake Graph API."""

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select

from channels.whatsapp_api import GraphClient
from channels.whatsapp_contacts import WhatsAppContacts
from channels.whatsapp_format import Template
from staff.models import AuditEntry
from staff.web import create_app
from staff.whatsapp import WhatsAppFollowUp
from tests.conftest import eventually
from tests.staff.conftest import login


@pytest.fixture
def make_staff(world, graph, aiohttp_client, tmp_path):
    """The staff app with WhatsApp follow-up to the fake Graph API; the resident of the
    "old" handoff chose contact via WhatsApp and last wrote at ``last``."""
    service, refs = world

    async def make(last: dt.datetime, template: str = "hulpwijzer_opvolging", **client_options):
        WhatsAppContacts(service.engine).remember(refs["old"], "31612345678", "wa-pseudonym", last)
        follow_up = WhatsAppFollowUp(
            GraphClient(graph["base"], "123", "token", outbox=tmp_path / "outbox", **client_options), Template(template)
        )
        return await aiohttp_client(create_app(service, secure_cookie=False, follow_up=follow_up)), follow_up

    return make


@pytest.fixture
async def staff(world, make_staff):
    service, refs = world
    client, _ = await make_staff(last=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=30))
    return client, service, refs


async def test_the_team_sees_the_number_and_that_only_a_template_may_go_after_24_hours(staff):
    client, _, refs = staff
    await login(client, "schuld")
    page = await (await client.get(f"/handoffs/{refs['old']}")).text()
    assert "+31612345678" in page and "alleen een goedgekeurd sjabloon" in page
    assert "Stuur WhatsApp-bericht (sjabloon hulpwijzer_opvolging)" in page
    # a handoff without contact via WhatsApp shows no WhatsApp part
    assert "WhatsApp" not in await (await client.get(f"/handoffs/{refs['urgent']}")).text()


async def test_the_template_goes_to_the_resident_with_the_reference_team_and_phone_number(staff, graph):
    client, service, refs = staff
    csrf = await login(client, "schuld")
    response = await client.post(f"/handoffs/{refs['old']}/whatsapp", data={"csrf": csrf})
    assert response.status == 200 and "Het WhatsApp-bericht is verstuurd." in await response.text()
    [(auth, body)] = graph["received"]
    assert auth == "Bearer token" and body["to"] == "31612345678" and body["type"] == "template"
    assert [p["text"] for p in body["template"]["components"][0]["parameters"]] == [refs["old"], "KCC", "14 0546"]
    with service.sessions() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "whatsapp_template")).all()
    assert [(a.actor, a.reference, a.detail) for a in audit] == [("schuld", refs["old"], "verstuurd")]


async def test_another_team_cannot_send_and_a_handoff_without_whatsapp_gets_a_clear_refusal(staff, graph):
    client, _, refs = staff
    csrf = await login(client, "wijk")
    assert (await client.post(f"/handoffs/{refs['old']}/whatsapp", data={"csrf": csrf})).status == 404
    csrf = await login(client, "schuld")
    refused = await client.post(f"/handoffs/{refs['urgent']}/whatsapp", data={"csrf": csrf})
    assert refused.status == 400 and "geen WhatsApp-bericht" in await refused.text()
    assert graph["received"] == []


async def test_deleting_a_handoff_deletes_the_number_kept_with_it(staff):
    _, service, refs = staff
    assert service.delete_reference(refs["old"])
    assert WhatsAppContacts(service.engine).get(refs["old"]) is None


def test_the_staff_app_keeps_its_own_outbox_apart_from_the_channels():
    from channels.whatsapp_api import DEFAULT_OUTBOX

    follow_up = WhatsAppFollowUp.from_environ(
        {
            "WHATSAPP_ACCESS_TOKEN": "t",
            "WHATSAPP_PHONE_NUMBER_ID": "1",
            "WHATSAPP_TEMPLATE_NAME": "hulpwijzer_opvolging",
        }
    )
    assert follow_up.client.outbox != DEFAULT_OUTBOX and follow_up.template.language == "nl"
    assert WhatsAppFollowUp.from_environ({"WHATSAPP_ACCESS_TOKEN": "t", "WHATSAPP_PHONE_NUMBER_ID": "1"}) is None


async def test_a_template_that_could_not_be_delivered_goes_out_later(world, graph, make_staff):
    graph["fail"], graph["status"] = 10**6, 503  # Meta is down
    _, refs = world
    staff, follow_up = await make_staff(last=dt.datetime.now(dt.timezone.utc), retries=1, backoff=0.01)
    csrf = await login(staff, "schuld")
    page = await (await staff.post(f"/handoffs/{refs['old']}/whatsapp", data={"csrf": csrf})).text()
    assert "Het bericht staat in de wachtrij" in page and follow_up.client.kept()
    graph["fail"] = 0
    retry = asyncio.create_task(follow_up.retry_kept(interval=0.05))
    await eventually(lambda: graph["received"])
    retry.cancel()
    assert [m["template"]["name"] for _, m in graph["received"]] == ["hulpwijzer_opvolging"]


async def test_a_template_whatsapp_refuses_is_shown_as_refused_not_as_sent(world, graph, make_staff):
    graph["fail"], graph["status"] = 10**6, 404  # "template name does not exist"
    service, refs = world
    staff, _ = await make_staff(last=dt.datetime.now(dt.timezone.utc), template="bestaat_niet")
    csrf = await login(staff, "schuld")
    page = await (await staff.post(f"/handoffs/{refs['old']}/whatsapp", data={"csrf": csrf})).text()
    assert "WhatsApp weigerde het bericht" in page and "is verstuurd" not in page
    with service.sessions() as session:
        assert session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "whatsapp_template")).all() == [
            "geweigerd"
        ]


def test_a_number_is_deleted_even_when_its_handoff_never_reached_the_database(world):
    service, _ = world
    WhatsAppContacts(service.engine).remember("HW-SPOO-LED1", "31612345678", "wa-p", dt.datetime.now(dt.timezone.utc))
    assert service.delete_reference("HW-SPOO-LED1")
    assert WhatsAppContacts(service.engine).get("HW-SPOO-LED1") is None


def test_purge_deletes_numbers_kept_longer_than_the_retention_period(world):
    from channels.whatsapp_contacts import contacts

    service, _ = world
    store = WhatsAppContacts(service.engine)
    store.remember("HW-OLDC-ONTA", "31612345678", "wa-p", dt.datetime.now(dt.timezone.utc))
    with service.engine.begin() as connection:
        connection.execute(
            contacts.update().values(consented_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400))
        )
    service.purge(365)
    assert store.get("HW-OLDC-ONTA") is None


def test_deleting_a_reference_also_drops_a_template_still_waiting_for_it(tmp_path):
    import json

    from staff.whatsapp import discard_kept

    (tmp_path / "refused").mkdir(parents=True)
    waiting = Template("hulpwijzer_opvolging").message("31612345678", ["HW-AAAA-BBBB", "KCC", "14 0546"])
    (tmp_path / "1.json").write_text(json.dumps({"body": waiting}))
    (tmp_path / "refused" / "2.json").write_text(json.dumps({"body": waiting}))
    other = Template("hulpwijzer_opvolging").message("31600000000", ["HW-CCCC-DDDD", "KCC", "14 0546"])
    (tmp_path / "3.json").write_text(json.dumps({"body": other}))
    assert discard_kept("HW-AAAA-BBBB", outbox=tmp_path) == 2
    assert [p.name for p in tmp_path.rglob("*.json")] == ["3.json"]


def test_the_staff_command_refuses_a_bad_retention_period_instead_of_purging(monkeypatch, capsys):
    from staff.__main__ import main

    monkeypatch.setenv("HULPWIJZER_RETENTION_DAYS", "0")
    with pytest.raises(SystemExit) as stopped:
        main(["purge"])
    assert stopped.value.code == 2 and "at least 1 day" in capsys.readouterr().err
