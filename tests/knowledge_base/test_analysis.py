"""From Dutch text to search terms: folding, function words, lemmas and stems, hyphens and
compound words."""

import pytest

from knowledge_base.analysis import Analyzer, stem


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


# -- folding -------------------------------------------------------------------------------


def test_accents_and_capitals_are_folded(analyzer):
    assert analyzer.words("Cliëntondersteuning") == ["clientondersteuning"]
    assert analyzer.words("Zorgen om mijn KIND") == ["zorgen", "om", "mijn", "kind"]
    assert analyzer.terms("ÉÉN café") == ["cafe"]


def test_a_word_with_and_without_accent_is_one_term(analyzer):
    assert analyzer.terms("cliëntondersteuner") == analyzer.terms("clientondersteuner")
    assert analyzer.terms("Suïcide") == analyzer.terms("suicide")


# -- function words ------------------------------------------------------------------------


def test_function_words_are_dropped(analyzer):
    assert analyzer.terms("ik heb een vraag over de rekening") == ["rekening"]
    assert analyzer.terms("ik wil dat je me helpt") == []


def test_words_that_say_nothing_about_the_need_are_dropped_on_their_lemma(analyzer):
    # "hulp" and "helpen" say nothing about which help: every question has them
    assert analyzer.terms("ik heb hulp nodig") == ["nodig"]
    assert "help" not in analyzer.terms("wie kan mij helpen met mijn kinderen")
    assert analyzer.terms("wie kan mij helpen met mijn kinderen") == ["kind"]


def test_a_written_short_form_is_a_function_word_too(analyzer):
    assert analyzer.terms("m'n moeder") == ["moeder"]
    assert analyzer.terms("mn moeder") == ["moeder"]


# -- lemmas and stems ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [
        ("rekening", "rekeningen", "rekeningetje"),
        ("kind", "kinderen", "kindje", "kindjes"),
        ("schuld", "schulden"),
        ("kost", "kosten"),
        ("mantelzorger", "mantelzorgers"),
        ("aanmaning", "aanmaningen"),
        ("moeder", "moeders", "mama"),
        # noun and verb: residents send "sollicitaties", facilities offer help to "solliciteren"
        ("solliciteren", "sollicitaties", "sollicitatie", "gesolliciteerd", "solliciteer"),
    ],
)
def test_singular_plural_and_diminutive_are_one_term(analyzer, forms):
    terms = {tuple(analyzer.terms(form)) for form in forms}
    assert len(terms) == 1, terms
    assert analyzer.term(forms[0]) == analyzer.terms(forms[0])[0]


def test_the_stemmer_and_the_irregular_forms_work_without_the_lemma_table():
    bare = Analyzer(lemmas={})
    assert bare.terms("rekeningen kinderen schulden mantelzorgers") == bare.terms("rekening kind schuld mantelzorger")


def test_the_stemmer_keeps_short_words_whole():
    assert stem("kind") == "kind"
    assert stem("geld") == "geld"
    # "maatje": stripping "tje" would leave too little; "je" is stripped instead
    assert stem("maatje") == "maat"


def test_the_stemmer_drops_one_of_a_double_consonant_at_the_end():
    assert stem("kosten") == stem("kost") == "kost"


# -- hyphens -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,words",
    [
        ("re-integratie", ["re", "integratie", "reintegratie"]),
        ("co-ouderschap", ["co", "ouderschap", "coouderschap"]),
        ("jeugd-ggz", ["jeugd", "ggz", "jeugdggz"]),
    ],
)
def test_a_hyphenated_word_gives_its_parts_and_its_joined_form(analyzer, text, words):
    assert analyzer.words(text) == words


def test_the_hyphenated_and_the_joined_spelling_share_their_terms(analyzer):
    assert set(analyzer.terms("reintegratie")) <= set(analyzer.terms("re-integratie"))


# -- compound words -------------------------------------------------------------------------


def known(*words):
    vocabulary = set(words)
    return lambda word: word in vocabulary


def test_a_compound_is_split_into_parts_the_vocabulary_knows(analyzer):
    assert analyzer.split_compound("budgetcursus", known("budget", "cursus")) == ["budget", "cursus"]


@pytest.mark.parametrize("vocabulary", [(), ("budget",), ("cursus",), ("geld", "cursus")])
def test_a_compound_whose_parts_are_not_both_known_is_not_split(analyzer, vocabulary):
    assert analyzer.split_compound("budgetcursus", known(*vocabulary)) == []


def test_a_word_too_short_for_two_parts_is_not_split(analyzer):
    assert analyzer.split_compound("geldpot", lambda word: True) == []


def test_a_linking_s_or_en_between_the_parts_is_dropped(analyzer):
    assert analyzer.split_compound("schuldenlast", known("schuld", "last")) == ["schuld", "last"]
    assert analyzer.split_compound("werkervaringsplaats", known("werkervaring", "plaats")) == ["werkervaring", "plaats"]


def test_the_longest_known_head_wins_and_parts_are_split_again(analyzer):
    vocabulary = known("schuldhulp", "schuld", "hulp", "verlening", "hulpverlening")
    assert analyzer.split_compound("schuldhulpverlening", vocabulary) == ["schuldhulp", "verlening", "schuld", "hulp"]
    vocabulary = known("werkervaring", "werk", "ervaring", "plaats")
    assert analyzer.split_compound("werkervaringsplaats", vocabulary) == ["werkervaring", "plaats", "werk", "ervaring"]


def test_a_function_word_as_head_is_left_out(analyzer):
    assert analyzer.split_compound("overgewicht", known("gewicht")) == ["gewicht"]


def test_depth_zero_does_not_split(analyzer):
    assert analyzer.split_compound("budgetcursus", known("budget", "cursus"), depth=0) == []


def test_the_dictionary_holds_forms_and_lemmas_of_the_lemma_table(analyzer):
    dictionary = analyzer.dictionary()
    assert {"kinderen", "kind", "schuld", "geld"} <= dictionary
    assert analyzer.split_compound("geldzorgen", lambda w: w in dictionary) == ["geld", "zorgen"]


def test_older_people_and_parents_are_different_terms(analyzer):
    """ "ouderen" (older people) and "ouders" (parents) share a stem; a question about parents
    must not favour the ouderenadviseur, nor one about older people a parenting course."""
    assert analyzer.terms("ouderen") == analyzer.terms("senioren") == analyzer.terms("oudere")
    assert analyzer.terms("ouderen") != analyzer.terms("ouders")
