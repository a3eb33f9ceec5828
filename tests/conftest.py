"""Shared test settings: the trained model is needed by the tests marked ``model``."""

import asyncio
import functools
import os
import time
import uuid
from pathlib import Path

import pytest
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "hulpwijzer.tar.gz"


@functools.lru_cache(maxsize=1)
def training_examples() -> tuple[tuple[str, str, str], ...]:
    """(file name, intent, text) of every NLU training example, read by Rasa's own loader
    (block and list examples alike)."""
    from rasa.shared.nlu.training_data.loading import load_data

    found = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for message in load_data(str(path)).intent_examples:
            found.append((path.name, message.get("intent"), message.get("text")))
    return tuple(found)


def pytest_collection_modifyitems(config, items):
    if MODEL.exists():
        return
    skip = pytest.mark.skip(reason=f"no trained model at {MODEL}: run `make model` (make test does)")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


#: the PostgreSQL server this machine kind runs for tests (trust auth, database "test")
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def missing_service(reason: str) -> None:
    """Skip on a newcomer's laptop; fail in CI, where the services must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the services must run in CI)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url():
    """A URL on a schema of its own in the test database, dropped afterwards. Skips with
    the reason when no PostgreSQL server is reachable (e.g. on a laptop without one); in CI
    (``CI=true``) a missing server is a failure, never a skip."""
    from sqlalchemy import create_engine, text

    try:
        import psycopg2  # noqa: F401
    except ImportError:
        missing_service("psycopg2 not installed")
    admin = create_engine(POSTGRES_URL, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except Exception as exc:  # the server is not running here
        admin.dispose()
        missing_service(f"PostgreSQL at {POSTGRES_URL} is unreachable: {exc.__class__.__name__}")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
async def graph(aiohttp_server):
    """A recording fake of the Graph API's ``/{phone-number-id}/messages`` in this test's
    loop: the next ``fail`` requests get ``status`` (set ``fail`` high for an outage), the
    others are recorded in ``received`` as (Authorization header, body)."""
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


async def eventually(condition, timeout: float = 2.0, step: float = 0.02) -> None:
    """Wait until ``condition()`` is true, at most ``timeout`` seconds, letting background
    tasks run meanwhile; the caller asserts what it expects afterwards."""
    for _ in range(int(timeout / step)):
        if condition():
            return
        await asyncio.sleep(step)


async def largest_loop_gap(work, step: float = 0.02, steps: int = 20):
    """Run ``work`` (a coroutine) while a ticker sleeps ``steps`` times ``step`` seconds on
    the same event loop; ``work``'s result and the longest the ticker had to wait. A call
    that blocks the loop shows as a gap as long as the call."""
    gaps = []

    async def tick():
        last = time.monotonic()
        for _ in range(steps):
            await asyncio.sleep(step)
            gaps.append(time.monotonic() - last)
            last = time.monotonic()

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(step * 1.5)  # the loop is busy with other work when ``work`` runs
    result = await work
    await ticker
    return result, max(gaps)


@pytest.fixture(autouse=True)
def fresh_settings():
    """A process reads its settings once (``core.settings.current``); each test is a fresh
    process in that respect, so a test that sets a variable sees it."""
    from core.settings import current

    current.cache_clear()
    yield
    current.cache_clear()
