"""What kind of place a name is (``bot.triage.places``)."""

import pytest

from bot.triage.places import Kind, kind, listed


@pytest.mark.parametrize(
    "name",
    [
        "Almere",
        "almelo",
        "HENGELO",
        "Den Haag",
        "den bosch",
        "'s-Hertogenbosch",
        "Súdwest-Fryslân",
        "sudwest fryslan",
        "Alphen aan den Rijn",
        "Groningen",
        "Utrecht",
        "Bergen",
    ],
)
def test_dutch_municipalities_are_municipalities_however_written(name):
    assert kind(name) is Kind.MUNICIPALITY


@pytest.mark.parametrize("name", ["Almere Buiten", "Almere-Haven", "Hengelo-Noord", "Almelo De Riet"])
def test_a_district_is_its_municipality(name):
    assert kind(name) is Kind.MUNICIPALITY
    assert listed(name) is Kind.UNLISTED


@pytest.mark.parametrize("name", ["Twente", "Brabant", "Flevoland", "Nederland", "Bonaire"])
def test_regions_of_the_netherlands_are_no_municipality(name):
    assert kind(name) is Kind.REGION


@pytest.mark.parametrize(
    "name",
    ["Turkije", "Marokko", "Syrië", "Syrie", "Polen", "Gronau", "Paramaribo", "Curaçao", "Kiev", "Duitsland"],
)
def test_places_abroad_are_foreign(name):
    assert kind(name) is Kind.FOREIGN


@pytest.mark.parametrize("name", ["Lutjebroek", "Nijverdal", "", "schulden"])
def test_other_names_are_unlisted(name):
    assert kind(name) is Kind.UNLISTED


def test_the_list_has_every_dutch_municipality_of_2024():
    from bot.triage.places import _lists

    # 342 municipalities, the two Bergens under one name, plus four everyday names
    assert len(set(_lists().municipalities.values())) == 341
