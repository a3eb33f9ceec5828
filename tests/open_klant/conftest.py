import datetime as dt

import pytest

from core.db import make_engine
from core.ports import free_port
from handoff.service import Draft, HandoffStore
from handoff.summary import Contact, Summary
from open_klant.config import OpenKlantConfig
from open_klant.worker import Backoff, Registrar
from tests.open_klant import contract
from tests.open_klant.fake_server import TOKEN, FakeOpenKlant

TEAM = "almelo-kcc"
TEAM_ACTOR = "0b9d3c7e-2f3a-4c51-9a51-3c8f2a6a1e01"
ASSISTANT = "7e0c5a44-6a0e-4d7c-8a66-0f3f0f2b5c02"


def open_klant_env(url: str) -> dict[str, str]:
    """The Open Klant variables of ``python -m staff`` for the fake server at ``url``."""
    return {
        "OPEN_KLANT_URL": url,
        "OPEN_KLANT_TOKEN": TOKEN,
        "OPEN_KLANT_ACTORS": f"{TEAM}={TEAM_ACTOR}",
        "OPEN_KLANT_ASSISTANT_ACTOR": ASSISTANT,
    }


def make_draft(
    conversation="c-1", method="telefoon", channel="rest", urgency=(), question="ik heb schulden", **contact
):
    details = {"phone": "+31612345678"} if method == "telefoon" else {}
    details.update(contact)
    summary = Summary(
        gemeente="Almelo",
        team="KCC",
        topics=["schulden", "mantelzorg"],
        question=question,
        facts=["zorgt voor: moeder"],
        urgency=list(urgency),
        contact=Contact("Fatma de Vries", method, moment="ochtend", postcode="7607 AB", **details),
        channel=channel,
    )
    consent = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    return Draft("almelo", TEAM, "KCC", summary, conversation, consent, dt.date(2026, 12, 21))


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine, tmp_path):
    store = HandoffStore(engine, spool_dir=tmp_path / "spool", backoff=0, register_with=("open_klant",))
    store.create_schema()
    return store


@pytest.fixture
def port():
    return free_port()


def config_for(port: int, erasure: str = "delete") -> OpenKlantConfig:
    return OpenKlantConfig(
        url=f"http://127.0.0.1:{port}{contract.BASE_PATH}",
        token=TOKEN,
        actors={TEAM: TEAM_ACTOR},
        assistant_actor=ASSISTANT,
        erasure=erasure,
    )


@pytest.fixture
def config(port):
    return config_for(port)


@pytest.fixture
def registrar(engine, config):
    return Registrar(engine, config, backoff=Backoff(base=0.05, cap=0.2))


async def start_fake(aiohttp_server, port: int, fake: FakeOpenKlant | None = None) -> FakeOpenKlant:
    fake = fake or FakeOpenKlant(actors={TEAM_ACTOR, ASSISTANT})
    server = await aiohttp_server(fake.app(), port=port)
    fake.host_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def fake(aiohttp_server, port):
    """The fake Open Klant on this test's port; every request and response it saw must keep
    to the contract."""
    fake = await start_fake(aiohttp_server, port)
    yield fake
    assert fake.violations == []
