"""A handoff confirmed while the database restarts is not lost (issue 11), end to end.

The assistant runs on a PostgreSQL server of the test's own (initdb in a temporary folder, so
the machine's server and other tests are never disturbed). Between the Rasa server and the
action server sits a small proxy: when Rasa asks for ``action_submit_handoff`` (the resident
has just said "ja" to the summary), the proxy stops PostgreSQL with ``pg_ctl stop -m fast``
and starts it again a few seconds later, then passes the call on. The resident must be told
the handoff was received, with a reference, and that handoff must reach the database once it
is back, without another handoff coming in. Needs PostgreSQL's server programs (initdb,
pg_ctl): a failure in CI without them."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from handoff.models import Handoff
from tests.conftest import MODEL, ROOT, missing_service
from tests.e2e.conftest import Assistant, assistant_servers, free_port, server_env

pytestmark = pytest.mark.model

#: how long the database stays down: longer than the action server's retries (about 1 s)
DOWN_SECONDS = 4


class PrivateCluster:
    """A PostgreSQL server in ``folder`` on ``port``, run as the ``postgres`` user when the
    tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self, folder: Path, port: int):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binaries:
            missing_service("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        self.bin = Path(binaries[-1]).parent
        self.folder, self.port = folder, port
        self.data, self.log = folder / "data", folder / "server.log"
        self.url = f"postgresql://postgres@127.0.0.1:{port}/hulpwijzer"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, timeout=120)

    def create(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        self.start()
        admin = create_engine(self.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE hulpwijzer"))
        admin.dispose()

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


class RestartingProxy(ThreadingHTTPServer):
    """Passes the Rasa server's action calls on to the action server; on the first call of
    ``action_submit_handoff`` it stops the database first and starts it DOWN_SECONDS later."""

    def __init__(self, port: int, action_url: str, cluster: PrivateCluster):
        self.action_url, self.cluster = action_url, cluster
        self.restarted = threading.Event()
        self.database_back = threading.Event()
        super().__init__(("127.0.0.1", port), ProxyHandler)

    def restart_database(self) -> None:
        self.cluster.stop()
        self.restarted.set()

        def start_again():
            time.sleep(DOWN_SECONDS)
            self.cluster.start()
            self.database_back.set()

        threading.Thread(target=start_again, daemon=True).start()


class ProxyHandler(BaseHTTPRequestHandler):
    server: RestartingProxy

    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if json.loads(body).get("next_action") == "action_submit_handoff" and not self.server.restarted.is_set():
            self.server.restart_database()
        request = urllib.request.Request(
            self.server.action_url, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def restarting(tmp_path_factory):
    if not MODEL.exists():
        pytest.skip("no trained model: run `make model`")
    work = tmp_path_factory.mktemp("restart")
    # not under pytest's folders: they are private to root, and the server runs as postgres
    cluster = PrivateCluster(Path(tempfile.mkdtemp(prefix="hulpwijzer-postgres-")), free_port())
    cluster.create()
    action_port, proxy_port, rasa_port = free_port(), free_port(), free_port()
    proxy = RestartingProxy(proxy_port, f"http://127.0.0.1:{action_port}/webhook", cluster)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    env = server_env(
        DATABASE_URL=cluster.url,
        HULPWIJZER_SPOOL_DIR=str(work / "spool"),
        # Rasa calls the action server through the proxy that restarts the database
        HULPWIJZER_ACTION_SERVER_URL=f"http://127.0.0.1:{proxy_port}/webhook",
    )
    subprocess.run([sys.executable, "-m", "migrations", "upgrade"], env=env, cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "bot.endpoints", str(work / "endpoints.yml")], env=env, cwd=ROOT, check=True)
    (work / "credentials.yml").write_text("channels.rest.RestInput: {}\n")
    try:
        with assistant_servers(work, env, action_port, rasa_port):
            yield Assistant(f"http://127.0.0.1:{rasa_port}", work / "servers.log"), cluster, proxy, work
    finally:
        proxy.shutdown()
        with contextlib.suppress(subprocess.SubprocessError):
            cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)


def stored(url: str, conversation: str) -> list[str]:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(Handoff.reference).where(Handoff.conversation_id == conversation)))
    finally:
        engine.dispose()


def test_a_handoff_confirmed_while_the_database_restarts_reaches_it_when_it_is_back(restarting):
    assistant, cluster, proxy, work = restarting
    resident = f"restart-{uuid.uuid4().hex[:10]}"
    assistant.text(resident, "ik heb schulden en de brieven stapelen zich op")
    assert "Zal ik uw vraag doorsturen" in assistant.text(resident, "/request_human")
    assistant.text(resident, "ja")
    assistant.text(resident, "Fatma")
    assistant.text(resident, "bellen")
    assistant.text(resident, "06-12345678")
    assistant.text(resident, "dinsdagochtend")
    assert "Klopt dit?" in assistant.text(resident, "overslaan")

    answer = assistant.text(resident, "ja")  # the database goes down as this is handled
    assert proxy.restarted.is_set(), "the proxy never saw action_submit_handoff"
    reference = re.search(r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}", answer)
    assert reference, f"the resident was not given a reference: {answer!r}"
    assert proxy.database_back.wait(30), "PostgreSQL did not come back"
    # no other handoff comes in: the action server's drainer brings the spooled one in
    deadline = time.monotonic() + 60
    while stored(cluster.url, resident) != [reference.group(0)] and time.monotonic() < deadline:
        time.sleep(1)
    assert stored(cluster.url, resident) == [reference.group(0)]
    assert not list((work / "spool").glob("*.json")), "the spool still holds the handoff"
    # the conversation goes on, and the log holds neither the number nor the name
    assert assistant.say(resident, "dank je wel")
    log = assistant.log_path.read_text(errors="replace")
    # it went the long way: spooled while the database was down, imported by the drainer
    assert "handoff.spooled" in log and "handoff.spool_drained count=1" in log, log[-3000:]
    assert "12345678" not in log and "Fatma" not in log
