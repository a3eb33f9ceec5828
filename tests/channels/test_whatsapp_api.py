"""The Graph API client against a recording fake on loopback: retries, outbox, no loss."""

import pytest
from aiohttp import web

from channels.whatsapp import pseudonym, signature_ok
from channels.whatsapp_api import GraphClient


@pytest.fixture
async def graph(aiohttp_server):
    state = {"fail": 0, "status": 500, "received": []}

    async def messages(request):
        if state["fail"]:
            state["fail"] -= 1
            return web.json_response({}, status=state["status"])
        state["received"].append((request.headers["Authorization"], await request.json()))
        return web.json_response({"messages": [{"id": "wamid.x"}]})

    app = web.Application()
    app.router.add_post("/v21.0/{phone}/messages", messages)
    server = await aiohttp_server(app)
    state["base"] = str(server.make_url("/v21.0"))
    return state


def client(graph, tmp_path, retries=3):
    return GraphClient(graph["base"], "123", "secret-token", outbox=tmp_path / "outbox", retries=retries, backoff=0.01)


async def test_a_temporary_error_is_retried_and_the_message_delivered_once(graph, tmp_path):
    graph["fail"] = 2
    assert await client(graph, tmp_path).send([{"to": "316", "text": {"body": "hoi"}}])
    assert graph["received"] == [("Bearer secret-token", {"to": "316", "text": {"body": "hoi"}})]


async def test_an_undeliverable_message_is_kept_and_sent_before_the_next_one(graph, tmp_path):
    sender = client(graph, tmp_path)
    graph["fail"] = 3
    assert not await sender.send([{"to": "316", "text": {"body": "eerste"}}, {"to": "316", "text": {"body": "tweede"}}])
    kept = sender.kept()
    assert len(kept) == 2 and oct(kept[0].stat().st_mode)[-3:] == "600"
    assert await sender.send([{"to": "316", "text": {"body": "derde"}}])
    assert [body["text"]["body"] for _, body in graph["received"]] == ["eerste", "tweede", "derde"]
    assert sender.kept() == []


async def test_a_refused_message_is_set_aside_and_does_not_block_the_others(graph, tmp_path):
    sender = client(graph, tmp_path)
    graph["fail"], graph["status"] = 1, 400
    await sender.send([{"to": "316", "text": {"body": "x"}}, {"to": "316", "text": {"body": "y"}}])
    assert [body["text"]["body"] for _, body in graph["received"]] == ["y"]
    assert sender.kept() == [] and len(list((tmp_path / "outbox" / "refused").glob("*.json"))) == 1


def test_the_signature_is_an_hmac_of_the_raw_body():
    import hashlib
    import hmac

    body = b'{"object":"whatsapp_business_account"}'
    good = "sha256=" + hmac.new(b"geheim", body, hashlib.sha256).hexdigest()
    assert signature_ok("geheim", body, good)
    assert not signature_ok("geheim", body + b" ", good)
    assert not signature_ok("geheim", body, None) and not signature_ok("geheim", body, "sha1=abc")
    assert not signature_ok("geheim", body, "sha256=é")


def test_the_sender_id_is_a_stable_pseudonym():
    assert pseudonym("s", "31612345678") == pseudonym("s", "31612345678")
    assert pseudonym("s", "31612345678") != pseudonym("t", "31612345678")
    assert "31612345678" not in pseudonym("s", "31612345678")
