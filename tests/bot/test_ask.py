"""``python -m bot ask``: the real trained assistant and the real actions, as JSON."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import MODEL, ROOT

pytestmark = pytest.mark.model


def ask(args, tmp_path, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--model", str(MODEL), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def jsonl_answers(tmp_path_factory):
    lines = [
        json.dumps({"gemeente": "almere", "text": "we hebben geen eten meer in huis"}),
        "this is not json",
        json.dumps({"gemeente": "hengelo", "text": "mijn zoon van 14 spijbelt al weken"}),
        json.dumps({"gemeente": "atlantis", "text": "ik heb schulden"}),
        json.dumps({"text": "ik wil er niet meer zijn, de schulden worden me te veel"}),
    ]
    proc = ask(["--gemeente", "almelo", "--jsonl"], tmp_path_factory.mktemp("ask"), "\n".join(lines) + "\n")
    return proc, [json.loads(line) for line in proc.stdout.splitlines()]


def test_a_question_prints_topics_replies_and_the_facilities_with_their_sources(tmp_path):
    proc = ask(["--gemeente", "almere", "er staat een deurwaarder aan de deur"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    answer = json.loads(proc.stdout)
    assert answer["gemeente"] == "almere"
    assert answer["topics"] == ["schulden"]
    assert answer["facilities"][0] == {
        "id": "almere-schulddienstverlening",
        "name": "Schulddienstverlening (PLANgroep)",
        "source": "Monitor Sociaal Domein van de gemeente Almere (2015)",
    }
    assert any("Bron: Monitor Sociaal Domein van de gemeente Almere (2015)." in r for r in answer["replies"])
    # the CLI does not print the question or the answer text to stderr
    assert "deurwaarder" not in proc.stderr


def test_jsonl_answers_every_line_in_order_and_reports_bad_lines(jsonl_answers):
    proc, answers = jsonl_answers
    assert len(answers) == 5
    assert answers[0]["facilities"][0]["id"] == "almere-voedselloket"
    assert answers[1] == {"line": 2, "error": "Expecting value: line 1 column 1 (char 0)"}
    assert answers[2]["topics"] == ["jeugd"] and answers[2]["facilities"][0]["id"].startswith("hengelo-")
    assert answers[3]["line"] == 4 and "unknown gemeente 'atlantis'" in answers[3]["error"]
    # some lines could not be answered: exit status 1
    assert proc.returncode == 1


def test_a_crisis_still_gets_the_crisis_answer_first(jsonl_answers):
    _, answers = jsonl_answers
    crisis = answers[4]
    assert crisis["topics"][0] == "crisis"
    assert "113" in crisis["replies"][0] + crisis["replies"][1]
    assert crisis["gemeente"] == "almelo"


def test_an_unknown_municipality_on_the_command_line_is_refused(tmp_path):
    proc = ask(["--gemeente", "atlantis", "ik heb schulden"], tmp_path)
    assert proc.returncode == 2
    assert "unknown gemeente 'atlantis' (known: almelo, almere, hengelo)" in proc.stderr
