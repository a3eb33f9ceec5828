"""Where does the resident live: the municipality named in a message
(``bot.triage.gemeente.find``) and which known municipality a name means
(``knowledge_base.gemeenten.resolve``)."""

import pytest

from bot.triage.gemeente import Mention, find
from knowledge_base.gemeenten import display_name, resolve

# -- find: a place is named ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,name",
    [
        ("ik woon in Almere", "Almere"),
        ("ik woon in almere", "almere"),
        ("Ik woon in Hengelo.", "Hengelo"),
        ("wij wonen in Almelo", "Almelo"),
        ("ik woon in 's-Hertogenbosch", "'s-Hertogenbosch"),
        ("wij komen uit 's-Hertogenbosch", "'s-Hertogenbosch"),
        ("ik woon in Den Haag", "Den Haag"),
        ("ik woon in den haag", "den haag"),
        ("ik woon in Bergen op Zoom", "Bergen op Zoom"),
        ("gemeente hengelo", "hengelo"),
        ("Gemeente Hengelo", "Hengelo"),
        ("mijn gemeente is Almelo", "Almelo"),
        ("ik woon in de gemeente Almelo", "Almelo"),
        ("ik ben net verhuisd naar Zwolle", "Zwolle"),
        ("woonachtig te Zwolle", "Zwolle"),
        ("ik ben woonachtig te Zwolle", "Zwolle"),
        ("ik woon nu in Zwolle", "Zwolle"),
        ("ik woon sinds kort in Hengelo", "Hengelo"),
        ("ik woon al 3 jaar in Almere", "Almere"),
    ],
)
def test_a_named_place_is_found_as_written_and_strong(text, name):
    assert find(text) == Mention(name, strong=True)


@pytest.mark.parametrize(
    "text",
    [
        "ik woon in Almere en heb schulden",
        "ik woon in Almere, ik heb schulden",
        "ik woon in Almere maar werk in Zwolle",
        "ik woon in Almere want daar woont mijn moeder",
        "ik woon in Almere sinds 2019",
        "ik woon in Almere!",
    ],
)
def test_the_name_ends_where_the_rest_of_the_sentence_begins(text):
    assert find(text).name == "Almere"


@pytest.mark.parametrize(
    "text",
    [
        "ik zit in de schulden",
        "ik woon in een flat",
        "ik woon in de wijk",
        "ik woon in mijn auto",
        "ik heb schulden",
        "ik woon in nederland",
        "wij zitten in de problemen",
        "",
    ],
)
def test_no_place_is_found_where_none_is_named(text):
    assert find(text) is None


def test_a_lower_case_word_after_a_weak_pattern_is_not_strong():
    assert find("ik ben van plan") == Mention("plan", strong=False)
    assert find("ik kom uit hengelo") == Mention("hengelo", strong=False)


def test_a_capitalised_name_after_a_weak_pattern_is_strong():
    assert find("ik kom uit Hengelo") == Mention("Hengelo", strong=True)
    assert find("ik zit in Enschede") == Mention("Enschede", strong=True)


def test_a_name_with_den_is_kept_whole():
    assert find("wij wonen in Alphen aan den Rijn").name == "Alphen aan den Rijn"
    assert find("ik woon in Capelle aan den IJssel").name == "Capelle aan den IJssel"


# -- resolve: which known municipality ------------------------------------------------------


@pytest.mark.parametrize(
    "name,gid",
    [
        ("Almere", "almere"),
        ("almere", "almere"),
        ("ALMELO", "almelo"),
        ("almelo ", "almelo"),
        ("Hengelo", "hengelo"),
        ("Almeere", "almere"),
        ("allmere", "almere"),
        ("almello", "almelo"),
        ("hengel", "hengelo"),
        ("hengello", "hengelo"),
        ("Hengelo (Ov)", "hengelo"),
    ],
)
def test_resolve_forgives_case_and_small_spelling_slips(name, gid):
    assert resolve(name).id == gid


SLIPS = {
    "almelo": ["almelo", "Almelo", "almeloo", "almello", "allmelo", "amelo", "almeelo", "almele", "almeo"],
    "almere": ["almere", "Almere", "almeere", "allmere", "almeer", "almerr", "almera", "almare", "almre"],
}


@pytest.mark.parametrize("meant,name", [(meant, name) for meant, names in SLIPS.items() for name in names])
def test_almelo_and_almere_are_never_confused(meant, name):
    """A slip in one name gives that municipality or none, never the other one."""
    found = resolve(name)
    assert found is None or found.id == meant


def test_the_exact_names_of_almelo_and_almere_resolve_to_themselves():
    assert (resolve("Almelo").id, resolve("Almere").id) == ("almelo", "almere")


@pytest.mark.parametrize("name", ["Zwolle", "Enschede", "Den Haag", "Amersfoort", "Alkmaar", "Almkerk", "Hellendoorn", "", "  ", "123"])
def test_resolve_gives_none_for_municipalities_the_knowledge_base_does_not_know(name):
    assert resolve(name) is None


def test_resolve_gives_the_contact_channels_of_the_municipality():
    almere = resolve("Almeere")
    assert (almere.naam, almere.telefoon, almere.known) == ("Almere", "14 036", True)


# -- display_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written,shown",
    [
        ("den haag", "Den Haag"),
        ("bergen op zoom", "Bergen op Zoom"),
        ("alphen aan den rijn", "Alphen aan den Rijn"),
        ("de bilt", "De Bilt"),
        ("zwolle", "Zwolle"),
        ("Zwolle", "Zwolle"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("'s-hertogenbosch", "'s-hertogenbosch"),
    ],
)
def test_display_name_capitalises_names_but_not_the_small_words_inside(written, shown):
    assert display_name(written) == shown


def test_a_name_before_is_mijn_woonplaats_is_found():
    assert find("Tilburg is mijn woonplaats") == Mention("Tilburg", strong=True)
    assert find("mijn woonplaats is Zwolle").name == "Zwolle"
    assert find("het is mijn gemeente") is None
