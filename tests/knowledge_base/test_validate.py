from pathlib import Path

import pytest

from knowledge_base.validate import CONTENT_DIR, validate
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

GOOD = """\
municipality:
  id: testdorp
  name: Testdorp
  phone: "14 0123"
  website: www.testdorp.nl
teams:
  - id: testdorp-wijkteam
    name: Wijkteam
    topics: [mantelzorg, schulden, jeugd, werk]
    reach: "Via de gemeente: 14 0123"
    source: {organisation: "Gemeente Testdorp", url: null}
facilities:
  - id: testdorp-maatje
    name: Schuldhulpmaatje
    topics: [schulden]
    offers: "Een vrijwilliger helpt u met uw post."
    for_whom: "Voor iedereen met geldzorgen."
    how_to_reach: "Via de gemeente: 14 0123"
    source: {organisation: "Gemeente Testdorp", url: null}
routes:
  - topics: [mantelzorg, schulden, jeugd, werk]
    team: testdorp-wijkteam
  - multi_topic: true
    team: testdorp-wijkteam
"""


def check(tmp_path: Path, text: str):
    (tmp_path / "testdorp.yml").write_text(text, encoding="utf-8")
    problems, counts = validate(tmp_path)
    return [str(p) for p in problems], counts


def test_the_shipped_content_is_valid_and_covers_every_topic_per_municipality():
    seeds = SEEDS if SEEDS.is_dir() else None
    problems, counts = validate(CONTENT_DIR, seeds)
    assert problems == []
    for municipality in ("almelo", "almere", "hengelo"):
        for topic in ("mantelzorg", "schulden", "jeugd", "werk"):
            assert counts[municipality][topic] >= 1, (municipality, topic)


def test_a_valid_file_has_no_problems_and_is_counted(tmp_path):
    problems, counts = check(tmp_path, GOOD)
    assert problems == []
    assert counts["testdorp"]["schulden"] == 1


def test_missing_source_is_reported_with_file_and_line(tmp_path):
    text = GOOD.replace('    source: {organisation: "Gemeente Testdorp", url: null}\nroutes:', "routes:")
    problems, _ = check(tmp_path, text)
    assert problems == ["testdorp.yml:13: testdorp-maatje: no source"]


def test_unknown_topic_is_reported(tmp_path):
    problems, _ = check(tmp_path, GOOD.replace("topics: [schulden]", "topics: [schuld]"))
    assert any("testdorp.yml:13: testdorp-maatje: unknown topic 'schuld'" in p for p in problems)


def test_duplicate_id_names_both_places(tmp_path):
    problems, _ = check(tmp_path, GOOD.replace("id: testdorp-maatje", "id: testdorp-wijkteam"))
    assert "testdorp.yml:13: duplicate id 'testdorp-wijkteam' (also testdorp.yml:7)" in problems


def test_text_over_the_length_limit_is_reported(tmp_path):
    problems, _ = check(tmp_path, GOOD.replace("Een vrijwilliger helpt u met uw post.", "Lang. " * 60))
    assert any("'offers' is 360 characters (at most 300)" in p for p in problems)


def test_route_to_unknown_team_and_missing_topic_route_are_reported(tmp_path):
    text = GOOD.replace(
        "  - topics: [mantelzorg, schulden, jeugd, werk]\n    team: testdorp-wijkteam\n",
        "  - topics: [mantelzorg]\n    team: testdorp-niemand\n",
    )
    problems, _ = check(tmp_path, text)
    assert any("route to unknown team 'testdorp-niemand'" in p for p in problems)
    assert any("no route for 'schulden'" in p for p in problems)


def test_broken_yaml_is_reported_with_its_line(tmp_path):
    problems, _ = check(tmp_path, GOOD.replace("    name: Wijkteam", "    name: [Wijkteam"))
    assert len(problems) == 1 and problems[0].startswith("testdorp.yml:") and "not valid YAML" in problems[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not on this machine")
def test_a_quote_that_is_not_in_its_document_is_reported(tmp_path):
    text = GOOD.replace(
        'source: {organisation: "Gemeente Testdorp", url: null}\nroutes:',
        'source: {document: almelo-evaluatie-sociaal-domein-2018.txt, lines: "1-2", quote: "dit staat er niet in"}\nroutes:',
    )
    text += 'documents:\n  - document: almelo-evaluatie-sociaal-domein-2018.txt\n    title: "Evaluatie"\n'
    (tmp_path / "testdorp.yml").write_text(text, encoding="utf-8")
    problems, _ = validate(tmp_path, SEEDS)
    assert [str(p) for p in problems] == [
        "testdorp.yml:19: testdorp-maatje: quote not found in almelo-evaluatie-sociaal-domein-2018.txt"
    ]


def test_a_cited_document_without_a_title_is_reported(tmp_path):
    text = GOOD.replace(
        'source: {organisation: "Gemeente Testdorp", url: null}\nroutes:',
        'source: {document: almelo-evaluatie-sociaal-domein-2018.txt, lines: "1-2", quote: "dit staat er niet in"}\nroutes:',
    )
    (tmp_path / "testdorp.yml").write_text(text, encoding="utf-8")
    problems, _ = validate(tmp_path)
    assert [str(p) for p in problems] == [
        "testdorp.yml:13: testdorp-maatje: document 'almelo-evaluatie-sociaal-domein-2018.txt' has no title in a 'documents' block"
    ]


def test_keywords_indication_and_last_verified_are_checked(tmp_path):
    text = GOOD.replace(
        "    topics: [schulden]\n",
        "    topics: [schulden]\n    keywords: geld\n    indication_needed: misschien\n    last_verified: gisteren\n",
        1,
    )
    problems, _ = check(tmp_path, text)
    assert any("'keywords' must be a list" in p for p in problems)
    assert any("'indication_needed' must be true, false or unknown" in p for p in problems)
    assert any("'last_verified' must be a date" in p for p in problems)


@pytest.mark.parametrize(
    "reach",
    ["De bron geeft geen adres. Vraag ernaar via de gemeente: 14 0123.", "Dat staat niet in de bron. Bel 14 0123."],
)
def test_a_contact_line_that_talks_about_the_source_is_refused(tmp_path, reach):
    problems, _ = check(tmp_path, GOOD.replace('how_to_reach: "Via de gemeente: 14 0123"', f'how_to_reach: "{reach}"'))
    assert any("talks about the source" in p for p in problems)


def test_a_contact_line_that_names_no_way_to_reach_it_is_refused(tmp_path):
    problems, _ = check(
        tmp_path, GOOD.replace('how_to_reach: "Via de gemeente: 14 0123"', 'how_to_reach: "Er is een spreekuur."')
    )
    assert any("says no way to reach it" in p for p in problems)


def test_a_front_door_must_be_a_facility_of_the_routes_topic(tmp_path):
    text = GOOD.replace(
        "    team: testdorp-wijkteam\n  - multi_topic",
        "    team: testdorp-wijkteam\n    front_doors: [testdorp-onbekend]\n  - multi_topic",
    )
    problems, _ = check(tmp_path, text)
    assert any("front door 'testdorp-onbekend' is no facility" in p for p in problems)
    mantelzorg_only = GOOD.replace(
        "  - topics: [mantelzorg, schulden, jeugd, werk]\n    team: testdorp-wijkteam\n",
        "  - topics: [mantelzorg, jeugd, werk]\n    team: testdorp-wijkteam\n    front_doors: [testdorp-maatje]\n"
        "  - topics: [schulden]\n    team: testdorp-wijkteam\n",
    )
    problems, _ = check(tmp_path, mantelzorg_only)
    assert any("has none of the route's topics" in p for p in problems)


def test_a_national_facility_of_the_topic_may_be_a_front_door(tmp_path):
    """Almere has no facility of its own for every job seeker: werk.nl is its werk front door."""
    (tmp_path / "national.yml").write_text((CONTENT_DIR / "national.yml").read_text(encoding="utf-8"), encoding="utf-8")
    werk_door = GOOD.replace(
        "  - topics: [mantelzorg, schulden, jeugd, werk]\n    team: testdorp-wijkteam\n",
        "  - topics: [mantelzorg, schulden, jeugd]\n    team: testdorp-wijkteam\n"
        "  - topics: [werk]\n    team: testdorp-wijkteam\n    front_doors: [DOOR]\n",
    )
    problems, _ = check(tmp_path, werk_door.replace("DOOR", "national-uwv-werk-nl"))
    assert not [p for p in problems if "front door" in p]
    problems, _ = check(tmp_path, werk_door.replace("DOOR", "national-mantelzorglijn"))
    assert any("front door 'national-mantelzorglijn' has none of the route's topics" in p for p in problems)


def test_every_contact_line_residents_read_says_what_to_do():
    from core.db import make_engine
    from knowledge_base.service import load_knowledge_base

    kb = load_knowledge_base(make_engine("sqlite://"))
    assert [f.id for f in kb.facilities.values() if "bron" in f.how_to_reach.lower()] == []


#: GOOD with a second facility, the ouderenadviseur, whose contact line asks for itself
WITH_OUDERENADVISEUR = GOOD.replace(
    "routes:",
    """  - id: testdorp-ouderenadviseur
    name: Ouderenadviseur
    topics: [mantelzorg]
    offers: "Advies voor ouderen."
    for_whom: "Voor ouderen."
    how_to_reach: "Bel de gemeente op 14 0123 en vraag naar de ouderenadviseur."
    source: {organisation: "Gemeente Testdorp", url: null}
routes:""",
    1,
)


def maatje_reached(how: str) -> str:
    return WITH_OUDERENADVISEUR.replace('how_to_reach: "Via de gemeente: 14 0123"', f'how_to_reach: "{how}"', 1)


def test_a_contact_line_that_asks_for_another_facility_of_the_file_is_refused(tmp_path):
    """ "Vraag naar de ouderenadviseur" was copied into the contact lines of BudgetAlert, the
    JGZ and four more Hengelo facilities: residents were sent to the wrong desk."""
    problems, _ = check(tmp_path, WITH_OUDERENADVISEUR)
    assert problems == []
    problems, _ = check(tmp_path, maatje_reached("Bel de gemeente op 14 0123 en vraag naar de ouderenadviseur."))
    assert problems == [
        "testdorp.yml:13: testdorp-maatje: 'how_to_reach' asks for 'Ouderenadviseur', another facility of this file"
    ]


def test_a_facility_reached_through_another_may_ask_for_it(tmp_path):
    """The Stadsbank is reached after a referral by BudgetAlert: asking for BudgetAlert is
    the right contact line there, not a copy error."""
    reach = "Na een verwijzing. Bel de gemeente op 14 0123 en vraag naar de ouderenadviseur."
    problems, _ = check(tmp_path, maatje_reached(reach))
    assert problems == []
