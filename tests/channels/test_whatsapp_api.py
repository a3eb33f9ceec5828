"""The Graph API client against a recording fake on loopback: retries, outbox, no loss."""

from channels.whatsapp import pseudonym, signature_ok
from channels.whatsapp_api import GraphClient


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


async def test_a_kept_reply_whose_24_hour_window_closed_is_set_aside_not_sent_late(graph, tmp_path):
    import datetime as dt

    sender = client(graph, tmp_path, retries=1)
    graph["fail"] = 2
    closed = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    assert not await sender.send([{"to": "316", "type": "text", "text": {"body": "te laat"}}], window_closes_at=closed)
    template = {"to": "316", "type": "template", "template": {"name": "hulpwijzer_opvolging"}}
    assert not await sender.send([template], window_closes_at=closed)
    # the free-form reply is not retried but kept for a person to see; the template waits
    assert len(sender.kept()) == 1 and len(list((tmp_path / "outbox" / "expired").glob("*.json"))) == 1
    assert await sender.send([{"to": "317", "type": "text", "text": {"body": "nu"}}])
    assert [body for _, body in graph["received"]] == [template, {"to": "317", "type": "text", "text": {"body": "nu"}}]
    assert sender.kept() == []


async def test_a_message_kept_by_an_older_release_is_still_sent_and_a_damaged_file_does_not_block(graph, tmp_path):
    import json as json_

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    old = {"messaging_product": "whatsapp", "to": "316", "type": "text", "text": {"body": "van voor de update"}}
    (outbox / "8efaaf5ee74c11f1ae5802fc00000001.json").write_text(json_.dumps(old))
    (outbox / "8efaaf5ee74c11f1ae5802fc00000002.json").write_text("{kapot")
    sender = client(graph, tmp_path)
    assert await sender.send([{"to": "317", "type": "text", "text": {"body": "nieuw"}}])
    assert [body["to"] for _, body in graph["received"]] == ["316", "317"]
    assert sender.kept() == [] and len(list((outbox / "refused").glob("*.json"))) == 1


async def test_a_refusal_is_reported_as_such_not_as_sent(graph, tmp_path):
    graph["fail"], graph["status"] = 1, 400  # e.g. a template that is not approved
    assert await client(graph, tmp_path).deliver([{"to": "316", "type": "template"}]) == "refused"


def test_what_was_set_aside_is_deleted_after_its_time(tmp_path):
    import os
    import time

    sender = GraphClient("http://127.0.0.1:9/v21.0", "123", "t", outbox=tmp_path / "outbox")
    for folder, age_days in (("refused", 31), ("expired", 31), ("expired", 1)):
        (tmp_path / "outbox" / folder).mkdir(parents=True, exist_ok=True)
        path = tmp_path / "outbox" / folder / f"{folder}-{age_days}.json"
        path.write_text("{}")
        then = time.time() - age_days * 86400
        os.utime(path, (then, then))
    assert sender.forget_set_aside(30) == 2
    assert [p.name for p in (tmp_path / "outbox").rglob("*.json")] == ["expired-1.json"]


async def test_two_workers_retrying_one_outbox_send_each_kept_reply_once(graph, tmp_path):
    """Issue 11: with several Rasa workers each retries the outbox; a file is claimed (an
    atomic rename) before it is sent."""
    import asyncio

    first, second = client(graph, tmp_path), client(graph, tmp_path)
    graph["fail"] = 99
    assert not await first.send([{"to": "316", "text": {"body": f"bericht {i}"}} for i in range(10)])
    graph["fail"] = 0
    await asyncio.gather(first.retry_outbox(), second.retry_outbox())
    bodies = [body["text"]["body"] for _, body in graph["received"]]
    assert sorted(bodies) == sorted(f"bericht {i}" for i in range(10))
    assert first.kept() == []


def test_a_claim_left_by_a_stopped_worker_goes_back_in_the_outbox(tmp_path):
    import os
    import time

    sender = GraphClient("http://127.0.0.1:9/v21.0", "123", "t", outbox=tmp_path / "outbox")
    (tmp_path / "outbox").mkdir()
    name = "8efaaf5ee74c11f1ae5802fc00000003.json"
    claimed = tmp_path / "outbox" / f"{name}.4242.claim"
    claimed.write_text("{}")
    assert sender.release_stale_claims() == 0  # a fresh claim is another worker's work
    old = time.time() - 3600
    os.utime(claimed, (old, old))
    assert sender.release_stale_claims() == 1
    assert [p.name for p in sender.kept()] == [name]
