"""Hygiene of the NLU data: no leaks from the evaluation sets, no contradictions."""

import json
import re
from collections import defaultdict

import pytest
import yaml

from tests.conftest import ROOT
from tests.conftest import training_examples as all_training_examples

TRAINING_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))
EVALUATION_SETS = [ROOT / "tests" / "nlu" / "heldout.jsonl", *sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))]


def normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def training_examples() -> dict[str, set[str]]:
    by_text: dict[str, set[str]] = defaultdict(set)
    for _, intent, text in all_training_examples():
        by_text[normalise(text)].add(intent)
    return by_text


def evaluation_texts(path):
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_topic_has_many_training_examples():
    counts = defaultdict(int)
    for text, intents in training_examples().items():
        for intent in intents:
            counts[intent] += 1
    for intent in ("ask_mantelzorg", "ask_schulden", "ask_jeugd", "ask_werk", "crisis"):
        assert counts[intent] >= 120, intent


def test_crisis_examples_name_only_help_topics_in_their_metadata():
    for path in TRAINING_FILES:
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if isinstance(block.get("examples"), list):
                for example in block["examples"]:
                    topics = (example.get("metadata") or {}).get("topics", [])
                    assert set(topics) <= {"mantelzorg", "schulden", "jeugd", "werk"}, example["text"]


def test_no_example_is_labelled_with_two_intents():
    conflicting = {text: intents for text, intents in training_examples().items() if len(intents) > 1}
    assert conflicting == {}


@pytest.mark.parametrize("path", EVALUATION_SETS, ids=lambda p: p.name)
def test_evaluation_messages_are_not_in_the_training_data(path):
    # Short messages written independently may coincide ("hoi", "schuldhulp aanvragen hoe",
    # "vertel eens een mop"); messages of five words or more must not.
    train = training_examples()
    leaked = [t for t in evaluation_texts(path) if len(t.split()) > 4 and normalise(t) in train]
    assert leaked == []


def test_held_out_and_development_sets_do_not_overlap():
    heldout = {normalise(t) for t in evaluation_texts(EVALUATION_SETS[0]) if len(t.split()) > 4}
    for other in EVALUATION_SETS[1:]:
        assert heldout & {normalise(t) for t in evaluation_texts(other) if len(t.split()) > 4} == set(), other.name
