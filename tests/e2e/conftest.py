"""Start the real assistant (action server + Rasa server with the REST channel) once."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy

from core.ports import free_port
from tests.conftest import MODEL, POSTGRES_URL, ROOT, missing_service
from tests.e2e.fake_graph import FakeGraph

RASA = str(Path(sys.executable).with_name("rasa"))


def server_env(**extra: str) -> dict[str, str]:
    """The environment the servers of these tests run in, as ``make`` exports it (quiet, one
    TensorFlow thread, warnings kept out of the logs), for Almelo; ``extra`` on top."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_INTRA_OP_PARALLELISM_THREADS": "1",
        "TF_INTER_OP_PARALLELISM_THREADS": "1",
        "HULPWIJZER_GEMEENTE": "almelo",
        "PYTHONWARNINGS": "ignore",
        "SANIC_HOST": "127.0.0.1",
        **extra,
    }


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


@contextlib.contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new database on this machine's PostgreSQL, dropped when the block ends
    (``missing_service`` when the server is unreachable: a failure in CI)."""
    admin = sqlalchemy.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - the server is not running here
        admin.dispose()
        missing_service(f"PostgreSQL at {POSTGRES_URL} is unreachable: {type(exc).__name__}")
    database = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{database}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{database}"
    finally:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def run_staff(env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 120) -> str:
    """``python -m staff ARGS...`` in ``env``, which must succeed; what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "staff", *args],
        input=stdin,
        text=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def create_staff_user(env: dict[str, str], username: str, *roles: str) -> None:
    """``python -m staff create-user USERNAME ROLES...`` with the tests' password (it also
    brings the database to the newest schema)."""
    from tests.staff.conftest import PASSWORD

    run_staff(env, "create-user", username, *roles, stdin=PASSWORD + "\n")


def write_endpoints(work: Path, action_port: int) -> None:
    """``work/endpoints.yml`` as ``bot.endpoints`` writes it for the embedded default, with
    this test's action server and the conversations in ``work/tracker.db``."""
    import yaml

    from bot.endpoints import endpoints

    config = endpoints(None, f"http://127.0.0.1:{action_port}/webhook")
    config["tracker_store"]["db"] = str(work / "tracker.db")
    (work / "endpoints.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def rasa_server_command(work: Path, port: int) -> list[str]:
    """The Rasa server as `make run` starts it (`rasa run` with the speed-up of
    bot/server.py), with ``work``'s endpoints.yml and credentials.yml, on 127.0.0.1:``port``."""
    return [
        sys.executable,
        "-m",
        "bot.server",
        "run",
        "--model",
        str(MODEL),
        "--endpoints",
        str(work / "endpoints.yml"),
        "--credentials",
        str(work / "credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]


@contextlib.contextmanager
def assistant_servers(
    work: Path, env: dict[str, str], action_port: int, rasa_port: int, stop_seconds: float = 20
) -> Iterator[list[subprocess.Popen]]:
    """The action server and the Rasa server (as `make run` starts it: `rasa run` with the
    speed-up of bot/server.py) with ``work``'s endpoints.yml and credentials.yml, logging to
    ``work/servers.log``, until the block ends."""
    logs = open(work / "servers.log", "w")
    procs = [
        subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(action_port)],
            cwd=ROOT,
            env=env,
            stdout=logs,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            rasa_server_command(work, rasa_port), cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT
        ),
    ]
    try:
        wait_for(f"http://127.0.0.1:{action_port}/health", procs[0])
        wait_for(f"http://127.0.0.1:{rasa_port}/", procs[1])
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=stop_seconds)
            except subprocess.TimeoutExpired:
                proc.kill()
        logs.close()


@contextlib.contextmanager
def python_server(module_args: list[str], port: int, env: dict[str, str]) -> Iterator[str]:
    """``python -m <module_args>`` serving on ``port`` (with a /health page) until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", *module_args, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health", proc, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise TimeoutError(f"{url} did not come up within {timeout} s")


#: the WhatsApp channel's settings in the end-to-end tests (a fake Graph API on loopback)
WHATSAPP = {"verify_token": "verify-me", "app_secret": "app-secret-for-tests", "access_token": "token-for-tests"}


class Assistant:
    def __init__(self, base_url: str, log_path: Path, graph: FakeGraph | None = None, widget_port: int = 0):
        self.base_url = base_url
        #: the port of the widget's demo site, the one web origin allowed to open the chat
        self.widget_port = widget_port
        self.log_path = log_path
        self.graph = graph

    def say(self, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
        payload = {"sender": sender, "message": message}
        if metadata is not None:
            payload["metadata"] = metadata
        body = json.dumps(payload).encode()
        request = urllib.request.Request(
            f"{self.base_url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def text(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, message))

    def user_messages(self, sender: str) -> list[str]:
        """What the Rasa tracker store holds as the resident's messages in this conversation."""
        engine = sqlalchemy.create_engine(f"sqlite:///{self.log_path.parent / 'tracker.db'}")
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    sqlalchemy.text(
                        "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' ORDER BY id"
                    ),
                    {"sender": sender},
                )
                return [json.loads(row.data)["text"] for row in rows]
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def staff_app(assistant):
    """The staff app on the assistant's databases, with a user of the schulden team
    ("schuld") and one of the wijkteam ("wijk"); its follow-up template goes to the same fake
    Graph API as the WhatsApp channel's replies."""
    from tests.e2e.browser import need_chromium

    need_chromium()
    work = assistant.log_path.parent
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{work / 'hulpwijzer.db'}",
        "TRACKER_DATABASE_URL": f"sqlite:///{work / 'tracker.db'}",
        "WHATSAPP_ACCESS_TOKEN": WHATSAPP["access_token"],
        "WHATSAPP_PHONE_NUMBER_ID": assistant.graph.phone_number_id,
        "WHATSAPP_API_BASE_URL": assistant.graph.base_url,
        "WHATSAPP_TEMPLATE_NAME": "hulpwijzer_opvolging",
    }
    for user, team in (("schuld", "almelo-kcc"), ("wijk", "almelo-sociaal-wijkteam")):
        create_staff_user(env, user, "--team", team)
    with python_server(["staff", "serve", "--insecure-cookie"], free_port(), env) as url:
        yield url


HAND_OVER_QUESTION = "er staat een deurwaarder aan de deur <b>help</b> en ik kan de huur niet betalen"


def hand_over(assistant, question: str = HAND_OVER_QUESTION) -> str:
    """A new resident asks ``question`` over REST and goes through the whole handoff; the
    reference the assistant gives."""
    resident = f"test-{uuid.uuid4().hex[:12]}"
    assistant.text(resident, question)
    assistant.text(resident, "/request_human")
    for answer in ("ja", "Fatma", "bellen", "06-12345678", "maakt niet uit", "overslaan"):
        assistant.text(resident, answer)
    sent = assistant.text(resident, "ja")
    found = re.search(r"referentie is (HW-[0-9A-Z]{4}-[0-9A-Z]{4})", sent)
    assert found, sent
    return found.group(1)


def log_in(page, base: str, user: str) -> None:
    """Log ``user`` in to the staff app at ``base`` in a Playwright ``page``."""
    from tests.staff.conftest import PASSWORD

    page.goto(f"{base}/login")
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


# per module: a running sync Playwright holds an event loop that async tests elsewhere would meet
@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import CHROMIUM, need_chromium

    need_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    if not MODEL.exists():
        pytest.skip("no trained model: run `make model`")
    work = tmp_path_factory.mktemp("assistant")
    action_port, rasa_port, widget_port = free_port(), free_port(), free_port()
    graph = FakeGraph(free_port()).start()
    (work / "credentials.yml").write_text(
        "channels.rest.RestInput: {}\n"
        "channels.socketio.SocketIOInput: {user_message_evt: user_uttered, bot_message_evt: bot_uttered, session_persistence: true,"
        f" cors_allowed_origins: ['http://127.0.0.1:{widget_port}']}}\n"
        "channels.whatsapp.WhatsAppInput:\n"
        f"  verify_token: {WHATSAPP['verify_token']}\n"
        f"  app_secret: {WHATSAPP['app_secret']}\n"
        f"  access_token: {WHATSAPP['access_token']}\n"
        f"  phone_number_id: '{graph.phone_number_id}'\n"
        f"  api_base_url: {graph.base_url}\n"
    )
    write_endpoints(work, action_port)
    env = server_env(DATABASE_URL=f"sqlite:///{work / 'hulpwijzer.db'}")
    try:
        with assistant_servers(work, env, action_port, rasa_port):
            yield Assistant(f"http://127.0.0.1:{rasa_port}", work / "servers.log", graph, widget_port)
    finally:
        graph.stop()
