import pytest

from handoff import validation as v


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("(053) 123 45 67", "+31531234567"),
        ("14 0546 0", None),
        ("0612345", None),
        ("1234567890", None),
        ("bel me maar", None),
    ],
)
def test_dutch_phone_numbers_are_accepted_in_the_ways_residents_type_them(typed, stored):
    if stored is None:
        with pytest.raises(v.Invalid, match="Typ 10 cijfers"):
            v.phone(typed)
    else:
        assert v.phone(typed) == stored


def test_a_phone_number_is_shown_the_dutch_way():
    assert v.display_phone("+31612345678") == "06 12345678"
    assert v.display_phone("+31531234567") == "053 1234567"


def test_e_mail_addresses_are_checked_and_lower_cased():
    assert v.email(" Fatma.de.Vries@Voorbeeld.NL. ") == "fatma.de.vries@voorbeeld.nl"
    for wrong in ("fatma@", "fatma at voorbeeld.nl", "@voorbeeld.nl", "a@b"):
        with pytest.raises(v.Invalid, match="naam@voorbeeld.nl"):
            v.email(wrong)


def test_postcodes_follow_the_dutch_format():
    assert v.postcode("7607ab") == "7607 AB"
    assert v.postcode("1315 RZ") == "1315 RZ"
    for wrong in ("0123 AB", "7607", "7607 SS", "AB 7607"):
        with pytest.raises(v.Invalid, match="4 cijfers en 2 letters"):
            v.postcode(wrong)


def test_a_name_is_taken_without_the_words_around_it():
    assert v.name("ik heet Fatma de Vries") == "Fatma de Vries"
    assert v.name("Mijn naam is Jan.") == "Jan"
    for wrong in ("0612345678", "x", "<script>alert(1)</script>", "jan@voorbeeld.nl"):
        with pytest.raises(v.Invalid):
            v.name(wrong)


@pytest.mark.parametrize(
    "typed, method",
    [
        ("bel me maar", "telefoon"),
        ("telefonisch graag", "telefoon"),
        ("per e-mail", "e-mail"),
        ("mail", "e-mail"),
        ("via deze chat", "chat"),
        ("whatsapp", "chat"),
    ],
)
def test_the_contact_method_is_read_from_plain_words(typed, method):
    assert v.contact_method(typed) == method


def test_an_unknown_contact_method_asks_again():
    with pytest.raises(v.Invalid, match="Typ bellen of e-mail"):
        v.contact_method("duif")


def test_optional_answers_can_be_skipped():
    assert v.is_skip("overslaan") and v.is_skip("Liever niet.") and not v.is_skip("7607 AB")
    assert v.moment("maakt niet uit") == "maakt niet uit"
    assert v.moment("dinsdag  na 15 uur") == "dinsdag na 15 uur"


def test_a_refusal_is_not_taken_as_a_name():
    for refusal in ("nee laat maar", "Nee.", "hou op", "liever niet"):
        with pytest.raises(v.Invalid, match="Typ dan 'stop'"):
            v.name(refusal)


# -- invisible characters (issue 12, finding 10) --------------------------------------------

BIDI_AND_CONTROL = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\x00", "\x07", "\ufeff"]


@pytest.mark.parametrize("char", BIDI_AND_CONTROL)
def test_bidi_overrides_and_control_characters_never_reach_a_name_an_email_or_a_moment(char):
    from handoff.validation import email, moment, name

    assert name(f"Fat{char}ma") == "Fatma"
    assert email(f"fatma{char}@voorbeeld.nl") == "fatma@voorbeeld.nl"
    assert moment(f"dinsdag{char}ochtend") == "dinsdagochtend"


def test_a_zero_width_joiner_inside_a_name_stays():
    from handoff.validation import visible

    assert visible("Zo\u200de") == "Zo\u200de"
