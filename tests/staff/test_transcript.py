"""The conversation staff read (``staff.transcript``): what the resident saw and did, in
words. Events are stored as Rasa 3.6's SQL tracker store stores them."""

import json

import pytest
from rasa.shared.core.events import BotUttered, UserUttered
from sqlalchemy import insert

from core.db import make_engine
from staff import transcript

LONG_PAYLOAD = '/inform{"note": "' + "x" * 300 + '"}'


@pytest.fixture
def store(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    transcript._metadata.create_all(engine)

    def add(*events):
        rows = []
        for i, event in enumerate(events):
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": "c",
                    "type_name": data["event"],
                    "timestamp": 1_795_000_000.0 + i,
                    "data": json.dumps(data),
                }
            )
        with engine.begin() as connection:
            connection.execute(insert(transcript.events), rows)
        return [(line.text, line.button) for line in transcript.transcript(engine, "c") if line.speaker == "inwoner"]

    return add


def bot(text, *buttons):
    return BotUttered(text, data={"buttons": [{"title": t, "payload": p} for t, p in buttons]})


def test_a_topic_button_shows_its_title(store):
    assert store(
        UserUttered("ik zit ermee"),
        bot("Bedoelt u ...?", ("Geldzorgen of schulden", "/ask_schulden"), ("Werk of uitkering", "/ask_werk")),
        UserUttered("/ask_werk"),
    ) == [("ik zit ermee", False), ("Werk of uitkering", True)]


def test_the_handoff_buttons_show_their_titles(store):
    assert store(
        bot(
            "Hier is hulp.", ("Meer mogelijkheden", "/ask_more_options"), ("Contact met de gemeente", "/request_human")
        ),
        UserUttered("/request_human"),
        bot("Zal ik uw vraag doorsturen?", ("Ja, graag", "/affirm"), ("Nee, dank u", "/deny")),
        UserUttered("/affirm"),
        bot(
            "Klopt dit?", ("Ja, versturen", "/affirm"), ("Aanpassen", "/handoff_change"), ("Stoppen", "/handoff_cancel")
        ),
        UserUttered("/affirm"),
    ) == [("Contact met de gemeente", True), ("Ja, graag", True), ("Ja, versturen", True)]


def test_form_buttons_with_a_plain_word_as_payload_show_their_titles(store):
    assert store(
        bot("Hoe wilt u dat het team contact met u opneemt?", ("Bellen", "telefoon"), ("E-mail", "e-mail")),
        UserUttered("telefoon"),
        bot("Wanneer komt het u het best uit?", ("Maakt niet uit", "maakt niet uit")),
        UserUttered("maakt niet uit"),
    ) == [("Bellen", True), ("Maakt niet uit", True)]


def test_a_whatsapp_reply_button_and_list_row_show_their_titles(store):
    """WhatsApp sends back the reply's id: the payload, cut at 256 characters."""
    assert (
        store(
            bot(
                "Bedoelt u ...?",
                ("Geldzorgen of schulden", "/ask_schulden"),
                ("Zorgen voor een naaste", "/ask_mantelzorg"),
                ("Opvoeden of opgroeien", "/ask_jeugd"),
                ("Werk of uitkering", "/ask_werk"),
            ),  # four: a list
            UserUttered("/ask_jeugd"),
            bot("Waarover?", ("Een lange keuze", LONG_PAYLOAD)),
            UserUttered(LONG_PAYLOAD[:256]),
        )
        == [("Opvoeden of opgroeien", True), ("Een lange keuze", True)]
    )


def test_a_payload_without_its_button_in_the_conversation_is_still_said_in_words(store):
    assert store(
        UserUttered("/request_human"),
        UserUttered("/affirm"),
        UserUttered("/ask_schulden+ask_werk"),
        UserUttered("/iets_onbekends"),
    ) == [
        ("Contact met de gemeente", True),
        ("Ja", True),
        ("Geldzorgen of schulden + werk of uitkering", True),
        ("Een keuze uit de knoppen", True),
    ]


def test_typed_text_is_shown_as_typed_even_when_it_matches_an_earlier_button(store):
    """Only the buttons under the assistant's latest messages count: "telefoon" typed later
    is what the resident typed."""
    assert store(
        bot("Hoe?", ("Bellen", "telefoon")),
        UserUttered("telefoon"),
        bot("Op welk nummer?"),
        UserUttered("telefoon"),
        UserUttered("/mijn bsn wil ik niet geven"),
    ) == [("Bellen", True), ("telefoon", False), ("/mijn bsn wil ik niet geven", False)]


def test_bidi_overrides_in_what_the_resident_typed_do_not_reorder_what_staff_read(store):
    assert store(UserUttered("mijn rekening \u202eNL91ABNA\u0000")) == [("mijn rekening NL91ABNA", False)]
