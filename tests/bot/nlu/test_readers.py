import json

import numpy as np
import pytest

from bot.nlu.readers import Example, ReaderConfig, Readers

TRAIN = [
    *(
        Example(t, "ask_schulden", ("schulden",))
        for t in (
            "ik heb schulden",
            "de deurwaarder komt",
            "ik kan de huur niet betalen",
            "aanmaningen en rekeningen",
            "ik heb een huurachterstand",
            "beslag op mijn loon",
        )
    ),
    *(
        Example(t, "ask_werk", ("werk",))
        for t in (
            "ik zoek werk",
            "hulp bij solliciteren",
            "ik ben mijn baan kwijt",
            "bijstand en werk zoeken",
            "een jobcoach voor mij",
            "weer aan het werk",
        )
    ),
    *(
        Example(t, "ask_schulden+ask_werk", ("schulden", "werk"))
        for t in ("geen werk en schulden", "ontslagen en nu rekeningen")
    ),
    *(Example(t, "crisis", None) for t in ("ik wil niet meer leven", "hij slaat me", "ik heb pillen gespaard")),
    *(Example(t, "crisis", ()) for t in ("ik sta op de brug", "zij slaat de kinderen")),
    *(Example(t, "out_of_scope", ("other",)) for t in ("paspoort verlengen", "wanneer komt het grofvuil")),
    *(Example(t, "ask_mantelzorg", ("mantelzorg",)) for t in ("ik zorg voor mijn moeder", "mantelzorg")),
    *(Example(t, "ask_jeugd", ("jeugd",)) for t in ("mijn zoon spijbelt", "opvoeden is zwaar")),
]


@pytest.fixture(scope="module")
def readers():
    return Readers(ReaderConfig(intent_c=10.0)).fit(TRAIN)


def test_a_reading_ranks_every_intent_and_reads_every_topic(readers):
    reading = readers.read("de deurwaarder stond voor de deur")
    assert reading.ranking[0][0] == "ask_schulden"
    assert abs(sum(p for _, p in reading.ranking) - 1.0) < 1e-6
    assert set(reading.topics) == {"mantelzorg", "schulden", "jeugd", "werk"}
    assert reading.topics["schulden"] > reading.topics["werk"]


def test_the_crisis_reader_reads_each_sentence_of_a_longer_message(readers):
    single = readers.read("ik kan de huur niet betalen")
    story = readers.read("Ik kan de huur niet betalen en heb aanmaningen. Ik wil niet meer leven.")
    assert single.sentence_crisis == 0.0
    assert story.sentence_crisis > story.crisis


def test_readers_are_saved_as_json_and_arrays_and_load_to_the_same_readings(readers, tmp_path):
    readers.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["readers.json", "readers.npz"]
    json.loads((tmp_path / "readers.json").read_text(encoding="utf-8"))
    with np.load(tmp_path / "readers.npz", allow_pickle=False) as arrays:  # no object arrays
        assert all(arrays[name].dtype != object for name in arrays.files)
    loaded = Readers.load(tmp_path)
    for text in ("ik zoek werk en heb schulden", "Ik sta op de brug. Dag."):
        a, b = readers.read(text), loaded.read(text)
        assert [n for n, _ in a.ranking] == [n for n, _ in b.ranking]
        assert a.topics == pytest.approx(b.topics, abs=1e-6)
        assert a.crisis == pytest.approx(b.crisis, abs=1e-6)
