from bot.nlu.features import TermExtractor, folded_text, normalise, sentences


def test_chat_spellings_are_written_out():
    assert normalise("K heb ff geen geld voor mn huur") == ["ik", "heb", "even", "geen", "geld", "voor", "mijn", "huur"]
    assert folded_text("Ik wíl héééél graag") == "ik wil heel graag"


def test_compounds_split_into_words_the_training_data_knows():
    extractor = TermExtractor(compounds=True).fit(
        ["de huur is te hoog", "ik heb een achterstand", "geen werk", "mijn ervaring"]
    )
    assert extractor.compound_parts("huurachterstand") == ("huur", "achterstand")
    assert extractor.compound_parts("werkservaring") == ("werk", "ervaring")  # linking s
    assert extractor.compound_parts("zonnebloem") == ()
    # an adverb is no compound: "vannacht" and "vanochtend" would share a part "van"
    assert TermExtractor(compounds=True).fit(["van de nacht", "in de ochtend"]).compound_parts("vannacht") == ()
    assert "C:achterstand" in extractor("mijn huurachterstand")


def test_lemmas_and_compound_parts_are_off_unless_asked_for():
    terms = TermExtractor().fit(["de huur", "een achterstand"])("rekeningen en huurachterstand")
    assert terms == ["rekeningen", "en", "huurachterstand"]


def test_an_extractor_survives_a_round_trip_through_its_state():
    extractor = TermExtractor(compounds=True).fit(["de huur", "een achterstand"])
    copy = TermExtractor()
    copy.__setstate__(extractor.__getstate__())
    assert copy("huurachterstand") == extractor("huurachterstand")


def test_a_story_is_split_into_sentences_and_short_bits_stay_with_a_neighbour():
    text = "Hoi. Mijn moeder heeft dementie en ik zorg voor haar. Ik ben op!\nWat kan ik doen?"
    assert sentences(text) == [
        "Hoi. Mijn moeder heeft dementie en ik zorg voor haar. Ik ben op!",
        "Wat kan ik doen?",
    ]
    assert sentences("geen zinnen hier") == ["geen zinnen hier"]
    assert sentences("") == [""]
