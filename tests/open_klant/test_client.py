"""The client's calls as the contract describes them, and the fake's contract check itself
(a check that let everything through would make the other tests prove nothing)."""

import datetime as dt

import pytest

from open_klant.client import OpenKlantClient, Refused, Unavailable, _retry_after
from tests.open_klant.fake_server import TOKEN


def client(fake):
    return OpenKlantClient(fake.host_url + "/klantinteracties/api/v1", TOKEN)


async def test_every_call_carries_the_token_header(fake):
    async with client(fake) as open_klant:
        assert await open_klant.find("internetaken", aanleidinggevendKlantcontact__uuid=fake_uuid()) == []
    assert fake.calls[0].status == 200


async def test_a_wrong_token_is_unavailable_not_refused(fake):
    async with OpenKlantClient(fake.host_url + "/klantinteracties/api/v1", "wrong") as open_klant:
        with pytest.raises(Unavailable) as problem:
            await open_klant.find("internetaken")
    assert problem.value.status == 401


async def test_a_body_the_contract_forbids_is_caught_by_the_fakes_contract_check(fake):
    async with client(fake) as open_klant:
        await open_klant.maak_klantcontact(
            {"klantcontact": {"kanaal": "x", "onderwerp": "y", "taal": "nederlands", "vertrouwelijk": True}}
        )
    assert any("taal" in violation and "too long" in violation for violation in fake.violations)
    fake.violations.clear()  # seen: the fixture's own check would fail the test otherwise


async def test_deleting_what_is_gone_already_is_no_error(fake):
    async with client(fake) as open_klant:
        assert await open_klant.delete("internetaken", fake_uuid()) is False


async def test_a_400_is_refused_with_its_field_errors(fake):
    fake.fail(
        "POST",
        "/internetaken",
        400,
        body={
            "type": "t",
            "code": "invalid",
            "title": "Invalid input.",
            "status": 400,
            "detail": "",
            "instance": "urn:x",
            "invalidParams": [{"name": "toelichting", "code": "max_length", "reason": "Te lang."}],
        },
    )
    async with client(fake) as open_klant:
        with pytest.raises(Refused) as refused:
            await open_klant.create("internetaken", {})
    assert refused.value.invalid_params() == [{"name": "toelichting", "code": "max_length", "reason": "Te lang."}]
    fake.violations.clear()  # the empty body was sent on purpose


async def test_retry_after_is_read_in_seconds_and_as_an_http_date(fake):
    fake.fail("GET", "/internetaken", 503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    async with client(fake) as open_klant:
        with pytest.raises(Unavailable) as problem:
            await open_klant.find("internetaken")
    assert problem.value.status == 503 and problem.value.retry_after > 3600

    now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    assert _retry_after("120", now) == 120.0
    assert _retry_after("Mon, 07 Dec 2026 09:02:00 GMT", now) == 120.0
    assert _retry_after("Mon, 07 Dec 2026 08:00:00 GMT", now) == 0.0  # in the past: now
    assert _retry_after("later", now) is None and _retry_after(None, now) is None and _retry_after("", now) is None


def fake_uuid() -> str:
    return "5b2a7f0e-1d3c-4e8a-9f60-0a1b2c3d4e5f"
