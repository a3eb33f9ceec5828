from bot import spacy_pipeline


def test_pipeline_is_built_offline_and_says_which_one_it_is(tmp_path):
    spacy_pipeline.main([str(tmp_path / "nl")])
    kind = spacy_pipeline.describe(tmp_path / "nl")
    assert kind in (spacy_pipeline.FULL_MODEL, "blank-nl+lookup-lemmatizer")


def test_saved_pipeline_lemmatises_dutch_nouns(tmp_path):
    import spacy

    spacy_pipeline.main([str(tmp_path / "nl")])
    nlp = spacy.load(tmp_path / "nl")
    lemmas = {t.text: t.lemma_ for t in nlp("ik heb schulden en de deurwaarders komen langs")}
    assert lemmas["schulden"] == "schuld"
    assert lemmas["deurwaarders"] == "deurwaarder"
