"""How a facility's source is told (``bot.replies.facilities.source_line``)."""

import dataclasses

from bot.replies.facilities import source_line
from knowledge_base.service import FacilityInfo

FACILITY = FacilityInfo(
    id="almelo-stadsbank",
    gemeente_id="almelo",
    name="Stadsbank",
    offers="Hulp bij schulden.",
    for_whom="Voor inwoners met schulden.",
    how_to_reach="Bel de gemeente op 14 0546.",
    cost="onbekend",
    indication_needed="unknown",
    neighbourhood=None,
    topics=("schulden",),
    source="Evaluatie sociaal domein, gemeente Almelo (2018)",
    source_year=2018,
    verify=True,
)


def test_facts_from_an_old_document_say_their_year_and_to_ask_the_municipality():
    assert source_line(FACILITY) == (
        "Bron: Evaluatie sociaal domein, gemeente Almelo (2018). Deze informatie komt uit 2018. "
        "Vraag bij de gemeente of het nog klopt."
    )


def test_a_local_fact_from_a_website_without_a_year_asks_the_municipality_in_a_whole_sentence():
    web = dataclasses.replace(FACILITY, source="Gemeente Almere (www.almere.nl)", source_year=None)
    assert source_line(web) == (
        "Bron: Gemeente Almere (www.almere.nl). Vraag bij de gemeente of deze informatie nog klopt."
    )


def test_a_national_fact_from_a_website_sends_to_the_website_not_the_municipality():
    idw = dataclasses.replace(FACILITY, gemeente_id=None, source="IDW (www.idw.nl)", source_year=None)
    line = source_line(idw)
    assert line == "Bron: IDW (www.idw.nl). Kijk op de website of deze informatie nog klopt."
    assert "gemeente" not in line


def test_a_recent_fact_that_needs_no_check_names_only_its_source():
    recent = dataclasses.replace(FACILITY, source_year=2021, verify=False)
    assert source_line(recent) == "Bron: Evaluatie sociaal domein, gemeente Almelo (2018)."
