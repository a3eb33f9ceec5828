"""The staff app's command line with Open Klant on: ``serve`` refuses a team mapping that
does not fit the content files, and ``delete`` with ``OPEN_KLANT_ERASURE=leave`` says what
was left in Open Klant."""

import asyncio
import os
import subprocess
import sys

import pytest

from core.db import make_engine
from core.ports import free_port
from staff import transcript
from staff.__main__ import main
from tests.conftest import ROOT
from tests.open_klant.conftest import TEAM_ACTOR, make_draft, open_klant_env

URL = "http://127.0.0.1:9/klantinteracties/api/v1"


@pytest.mark.parametrize(
    "given, said",
    [
        # a typo in a team id would leave that team's handoffs unregistered
        (
            {"OPEN_KLANT_ACTORS": f"almelo-kc={TEAM_ACTOR}"},
            "OPEN_KLANT_ACTORS: team 'almelo-kc' is in no content file",
        ),
        # a token without the URL is an error, not silently off
        (
            {"OPEN_KLANT_URL": ""},
            "OPEN_KLANT_ACTORS, OPEN_KLANT_ASSISTANT_ACTOR, OPEN_KLANT_TOKEN set without OPEN_KLANT_URL",
        ),
        ({"OPEN_KLANT_ASSISTANT_ACTOR": "chatbot"}, "OPEN_KLANT_ASSISTANT_ACTOR must be a uuid"),
    ],
)
def test_serve_stops_with_a_sentence_on_a_mapping_or_variable_that_does_not_fit(tmp_path, given, said):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore",
        "HULPWIJZER_GEMEENTE": "almelo",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        **open_klant_env(URL),
        **given,
    }
    done = subprocess.run(
        [sys.executable, "-m", "staff", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert "staff app on" not in done.stdout


async def registered(store, registrar, tmp_path) -> str:
    """A handoff registered in the fake Open Klant, its conversation store beside it."""
    reference = store.submit(make_draft()).reference
    await registrar.run_once()
    transcript._metadata.create_all(make_engine(f"sqlite:///{tmp_path / 'tracker.db'}"))
    return reference


def as_the_command_line(monkeypatch, tmp_path, open_klant_url: str, **more: str) -> None:
    """The variables ``python -m staff`` reads, for the test's databases and Open Klant."""
    for name, value in {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "HULPWIJZER_SPOOL_DIR": str(tmp_path / "spool"),
        **open_klant_env(open_klant_url),
        **more,
    }.items():
        monkeypatch.setenv(name, value)


async def test_delete_with_leave_prints_each_object_left_in_open_klant(
    store, registrar, fake, config, tmp_path, monkeypatch, capsys
):
    reference = await registered(store, registrar, tmp_path)
    as_the_command_line(monkeypatch, tmp_path, config.url, OPEN_KLANT_ERASURE="leave")
    since = len(fake.calls)

    assert await asyncio.to_thread(main, ["delete", reference.lower()]) == 0

    (klantcontact,) = fake.objects["klantcontacten"].values()
    (betrokkene,) = fake.objects["betrokkenen"]
    (onderwerpobject,) = fake.objects["onderwerpobjecten"]
    (adres,) = fake.objects["digitaleadressen"]
    (actor,) = fake.objects["actorklantcontacten"]
    (taak,) = fake.objects["internetaken"]
    left = "left in open_klant (OPEN_KLANT_ERASURE=leave): "
    assert capsys.readouterr().out.splitlines() == [
        "deleted",
        f"{left}klantcontact {klantcontact['referentienummer']} ({klantcontact['uuid']})",
        f"{left}onderwerpobject ({onderwerpobject})",
        f"{left}betrokkene ({betrokkene})",
        f"{left}digitaal adres ({adres})",
        f"{left}actorklantcontact ({actor})",
        f"{left}interne taak ({taak})",
    ]
    assert fake.calls[since:] == []  # nothing deleted (or even asked) in Open Klant


async def test_delete_with_open_klant_down_says_so_and_reports_nothing_as_done(
    store, registrar, fake, config, tmp_path, monkeypatch, capsys
):
    reference = await registered(store, registrar, tmp_path)
    as_the_command_line(monkeypatch, tmp_path, URL)  # nothing listens there

    assert await asyncio.to_thread(main, ["delete", reference]) == 1
    said = capsys.readouterr()
    assert "deleted" not in said.out and "not deleted completely" in said.err and "Traceback" not in said.err
