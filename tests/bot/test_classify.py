import json
import os
import subprocess
import sys

import pytest

from tests.conftest import MODEL, ROOT

pytestmark = pytest.mark.model

MESSAGES = [
    "ik doe alles voor mijn moeder en kan niet meer",
    "de deurwaarder stond vanochtend weer aan de deur",
    "mijn zoon van 14 spijbelt al weken",
    "ik ben mijn baan kwijt en wil weer aan het werk",
    "ik heb schulden en zorg ook voor mijn zieke moeder",
    "ik wil er niet meer zijn",
    "wanneer wordt het grofvuil opgehaald",
    "",
    "hoi",
]


@pytest.fixture(scope="module")
def classified():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "classify", "--model", str(MODEL)],
        input="\n".join(MESSAGES) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


def test_one_json_object_per_input_line_in_order(classified):
    records, _ = classified
    assert [r["text"] for r in records] == MESSAGES
    for record in records:
        assert set(record) == {"text", "topics", "intent", "confidence"}


def test_topics_of_typical_questions(classified):
    records, _ = classified
    topics = [r["topics"] for r in records]
    assert topics[0] == ["mantelzorg"]
    assert topics[1] == ["schulden"]
    assert topics[2] == ["jeugd"]
    assert topics[3] == ["werk"]
    assert set(topics[4]) == {"mantelzorg", "schulden"}
    assert topics[5][0] == "crisis"
    assert topics[6] == ["other"]
    assert topics[7] == [] and topics[8] == []


def test_crisis_message_gets_the_crisis_intent(classified):
    records, _ = classified
    assert records[5]["intent"] == "crisis"


def test_message_text_is_not_logged(classified):
    _, stderr = classified
    for text in MESSAGES:
        if text:
            assert text not in stderr


def test_missing_model_is_a_clear_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "classify", "--model", str(tmp_path / "none.tar.gz")],
        input="hoi\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "make model" in proc.stderr
