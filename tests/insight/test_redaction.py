"""insight.redaction: personal data removed from residents' messages before storage. The
number, address and date rules and the name rules' logic (on a small word list) run
everywhere; what needs Debian's frog and hunspell-nl skips without them (fails in CI)."""

import re
import time
from pathlib import Path

import pytest

from insight import frog as frog_module
from insight import lexicon as lexicon_module
from insight import redaction
from insight.frog import Frog
from insight.names import NameFinder
from insight.processes import HelperError
from insight.redaction import PLACEHOLDERS, RedactionUnavailable, Redactor, elfproef, iban_valid
from tests.conftest import missing_service

RULES = Redactor()  # everything but names


def clean(text: str) -> str:
    return RULES.redact(text).text


# ---- BSN ----------------------------------------------------------------------------------


def test_elfproef_accepts_valid_bsns_and_rejects_others():
    assert elfproef("111222333") and elfproef("123456782") and elfproef("079401995")
    assert not elfproef("123456789") and not elfproef("000000000") and not elfproef("12345678")


@pytest.mark.parametrize("written", ["628194821", "628 194 821", "628.194.821", "6281 94821", "252.76.01.89"])
def test_valid_bsn_is_removed_in_every_usual_spelling(written):
    assert clean(f"mijn bsn is {written}, graag hulp") == "mijn bsn is [bsn], graag hulp"


def test_bsn_with_a_leading_zero_is_removed_also_when_the_zero_was_left_off():
    assert clean("bsn 079401995") == "bsn [bsn]"
    assert clean("mijn burgerservicenummer: 79401995") == "mijn burgerservicenummer: [bsn]"


def test_eight_digits_without_bsn_nearby_are_kept():
    assert clean("klantnummer 79401995") == "klantnummer 79401995"


def test_nine_digits_failing_the_elfproef_are_removed_as_a_number_not_as_a_bsn():
    result = RULES.redact("mijn nummer bij de bank is 123456789")
    assert result.text == "mijn nummer bij de bank is [nummer]"
    assert result.kinds == ("nummer",)


@pytest.mark.parametrize(
    "text",
    [
        "ik heb een schuld van € 628.194.821 bij niemand",
        "dat kost 628.194.821 euro",
        "het saldo is 6.281.948,21",
        "afspraak op 6-2-1948 om 21:00",
        "afspraak om 6.28 uur in kamer 194",
    ],
)
def test_the_digits_of_a_valid_bsn_as_an_amount_date_or_time_are_kept(text):
    assert clean(text) == text


# ---- phone numbers, e-mail, IBAN -----------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06 - 4433 2211",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 12345678",
        "0031-6-12345678",
        "+31 (0)20 123 4567",
        "020-1234567",
        "0546 123456",
        "(0546) 123456",
        "074 - 250 11 22",
        "+32 470 12 34 56",
    ],
)
def test_phone_numbers_are_removed_in_every_usual_spelling(number):
    assert clean(f"bel mij op {number} na vijf uur") == "bel mij op [telefoonnummer] na vijf uur"


def test_e_mail_addresses_are_removed():
    assert clean("mail naar fatma.yilmaz+gemeente@hotmail.co.uk aub") == "mail naar [e-mail] aub"


def test_iban_checksum_follows_iso_13616():
    assert iban_valid("NL91ABNA0417164300") and iban_valid("nl91 abna 0417 1643 00")
    assert iban_valid("BE68539007547034") and iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("NL91ABNA0417164301") and not iban_valid("NL91ABNA041716430")


@pytest.mark.parametrize(
    "iban", ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "BE68 5390 0754 7034"]
)
def test_valid_ibans_are_removed_with_or_without_spaces(iban):
    assert clean(f"rekening {iban} tnv mij") == "rekening [iban] tnv mij"


def test_a_dutch_iban_failing_its_checksum_is_removed_as_a_number():
    result = RULES.redact("rekening NL91ABNA0417164301")
    assert result.text == "rekening [nummer]" and result.kinds == ("nummer",)


# ---- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postcode 7607 KL 23, kom langs", "postcode [adres], kom langs"),
        ("ik woon op 1312AB", "ik woon op [adres]"),
        ("7559 AB, huisnummer 15", "[adres]"),
        ("1312ab nr. 8", "[adres]"),
        ("ik woon op de Dorpsstraat 12 in Almelo", "ik woon op de [adres] in Almelo"),
        ("adres: Kerkweg 3a", "adres: [adres]"),
        ("wij wonen aan de Burgemeester Jansenlaan 11 A", "wij wonen aan de [adres]"),
        ("Van Limburg Stirumstraat 18-2, boven", "[adres], boven"),
        ("naam henk, adres molenweg 7", "naam henk, adres [adres]"),
    ],
)
def test_postcodes_and_street_addresses_with_house_numbers_are_removed(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ik heb 2300 en nog wat schuld",
        "ik heb een baan van 32 uur",
        "mijn uitkering 1200 euro is te weinig",
        "de weg 3 keer per dag lopen",
    ],
)
def test_numbers_near_words_that_look_like_addresses_are_kept(text):
    assert clean(text) == text


# ---- dates of birth -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik ben geboren op 3 maart 1961", "ik ben geboren op [geboortedatum]"),
        ("geb. 03-03-1961, zoek hulp", "geb. [geboortedatum], zoek hulp"),
        ("mijn geboortedatum is 14/07/1952", "mijn geboortedatum is [geboortedatum]"),
        ("Ik (geboren 21 december 1944) woon alleen", "Ik (geboren [geboortedatum]) woon alleen"),
        ("ik ben van 12-03-1964", "ik ben van [geboortedatum]"),
    ],
)
def test_dates_of_birth_are_removed_where_the_text_says_so(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text", ["ik heb een afspraak op 12 maart", "de brief van 3 maart 2026 snap ik niet", "kom op 12-05-2027 langs"]
)
def test_other_dates_are_kept(text):
    assert clean(text) == text


# ---- what comes back ------------------------------------------------------------------------

MESSAGE = (
    "bsn 628194821, bel 06-12345678 of mail kees1961@gmail.com, rekening NL91ABNA0417164300, "
    "ik woon op de Kerkstraat 14, 7604 BL Almelo, geboren op 3 maart 1961"
)


def test_kinds_name_what_was_removed_and_never_a_value():
    result = RULES.redact(MESSAGE)
    assert result.kinds == ("adres", "bsn", "e-mail", "geboortedatum", "iban", "telefoonnummer")
    assert set(result.kinds) <= set(PLACEHOLDERS)
    assert not re.search(r"\d|@", " ".join(result.kinds))
    assert not re.search(r"\d{3}|@", result.text)


def test_redacting_twice_changes_nothing_more():
    once = RULES.redact(MESSAGE)
    assert RULES.redact(once.text).text == once.text


def test_a_text_without_personal_data_comes_back_unchanged():
    text = "Ik zorg elke dag voor mijn moeder en kan niet meer. Is er respijtzorg in Almere?"
    assert RULES.redact(text) == redaction.Redacted(text, ())


# ---- the name rules, on a small word list (no Debian packages needed) -----------------------


class SmallLexicon:
    """A stand-in for insight.lexicon.Lexicon with a handful of words and names."""

    words = set(
        "ik ben en mijn buurman buurvrouw is gevallen heet naam de moe ziek woont zoon kees bas wil "
        "heeft hulp nodig mevrouw van hier vries smit bakker alleen".split()
    )
    first = {"fatma", "kees", "bas", "sem", "julia", "henk", "wil", "tesfay"}
    last = {"yilmaz", "vries", "de vries", "smit", "bakker", "jansen"}

    def is_word(self, token):
        return token.lower() in self.words

    def is_known_capitalised(self, token):
        return token.lower() in self.first | self.last

    def is_first_name(self, token):
        return token.lower() in self.first

    def is_surname(self, token):
        return token.lower() in self.last

    def is_place(self, token):
        return token.lower() in {"almelo", "almere"}

    def is_street(self, name):
        return False

    def close(self):
        pass


def rule_names(text: str) -> str:
    return Redactor(NameFinder(SmallLexicon())).redact(text).text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik ben fatma yilmaz", "ik ben [naam]"),
        ("ik heet tesfay", "ik heet [naam]"),
        ("mijn buurman Kees is gevallen", "mijn buurman [naam] is gevallen"),
        ("mevrouw de Vries woont alleen", "mevrouw [naam] woont alleen"),
        ("mijn naam is henk yilmaz", "mijn naam is [naam]"),
        ("Sem en Julia hebben hulp nodig", "[naam] en [naam] hebben hulp nodig"),
    ],
)
def test_name_rules_remove_names_announced_by_their_context(text, expected):
    assert rule_names(text) == expected


@pytest.mark.parametrize(
    "text", ["ik ben moe", "ik ben ziek en woont alleen", "mijn zoon wil hulp", "ik woon in Almelo"]
)
def test_name_rules_keep_ordinary_words_in_the_same_places(text):
    assert rule_names(text) == text


# ---- the helper processes ----------------------------------------------------------------


def test_a_helper_that_dies_makes_redaction_unavailable_instead_of_keeping_names():
    dead = Frog(command=("false",), start_timeout=5)
    with pytest.raises(RedactionUnavailable):
        Redactor(NameFinder(SmallLexicon(), dead)).redact("ik ben fatma")  # type: ignore[arg-type]


def test_a_helper_that_does_not_answer_in_time_is_killed():
    silent = Frog(command=("sleep", "30"), start_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(HelperError):
        silent.start()
    assert time.monotonic() - started < 3 and not silent.running


def test_without_frog_installed_names_cannot_be_removed(monkeypatch):
    monkeypatch.setattr(frog_module, "installed", lambda: False)
    redaction.default_redactor.cache_clear()
    try:
        with pytest.raises(RedactionUnavailable):
            redaction.redact("ik ben fatma")
    finally:
        redaction.default_redactor.cache_clear()


# ---- with Debian's frog and hunspell-nl -----------------------------------------------------


@pytest.fixture(scope="module")
def full():
    if not (frog_module.installed() and lexicon_module.installed()):
        missing_service("frog, frogdata, hunspell or hunspell-nl is not installed: run `make frog`")
    redactor = Redactor(NameFinder(lexicon_module.Lexicon(), Frog()))
    yield redactor
    redactor.close()


def test_frog_starts_on_first_use_and_stops_without_leaving_files(full):
    frog = full.names.frog
    tokens = frog.tag("Gisteren sprak ik Piet Jansen in Almelo.")
    assert frog.running
    assert [(t.word, t.ner) for t in tokens if t.ner != "O"] == [
        ("Piet", "B-PER"),
        ("Jansen", "I-PER"),
        ("Almelo", "B-LOC"),
    ]
    workdir = Path(frog._workdir.name)
    frog.stop()
    assert not frog.running
    assert not workdir.exists()
    assert frog.tag("Kees")[0].word == "Kees"  # started again


def test_frog_answers_each_message_of_several_sentences_in_step(full):
    frog = full.names.frog
    text = "Ik ben Anna.\nMijn zoon heet Daan! Hij is 7.  Wat nu?"
    assert [text[t.start : t.end] for t in frog.tag(text)] == [t.word for t in frog.tag(text)]
    assert frog.tag("Tweede bericht")[0].word == "Tweede"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoi ik ben fatma en ik heb schulden", "hoi ik ben [naam] en ik heb schulden"),
        ("mijn buurman kees is gevallen", "mijn buurman [naam] is gevallen"),
        ("mijn moeder gerda kok krijgt geen hulp", "mijn moeder [naam] krijgt geen hulp"),
        ("naam henk smit bsn 385280841", "naam [naam] bsn [bsn]"),
        ("Mijn schoonvader Henk Bakker heeft dementie", "Mijn schoonvader [naam] heeft dementie"),
        ("Meneer Öztürk van hiernaast is blind", "Meneer [naam] van hiernaast is blind"),
        ("Groet, J.W. van der Berg", "Groet, [naam]"),
    ],
)
def test_names_are_removed_also_in_lower_case_and_with_first_names_only(full, text, expected):
    assert full.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mijn moeder heeft Alzheimer en woont in Almelo",
        "ik werk bij de Albert Heijn en krijg een WW-uitkering",
        "Ik ben Pools en woon in de Hofkamp",
        "ik ben moe en mijn vrouw wil niet meer",
        "Geachte heer/mevrouw, Hierbij vraag ik om hulp",
    ],
)
def test_ordinary_words_that_look_like_names_are_kept(full, text):
    assert full.redact(text).text == text


def test_full_redaction_twice_changes_nothing_more(full):
    for text in [
        "ik ben fatma, bel 06-12345678, mijn buurman kees de vries woont op de Dorpsstraat 12",
        "Goedemorgen, mijn naam is Khadija Benali. Mijn man Said werkt in ploegendienst.",
    ]:
        once = full.redact(text)
        assert full.redact(once.text).text == once.text
        assert "naam" in once.kinds
