"""The import of the content files into the database: complete, idempotent, only what
changed, nothing on problems; on SQLite and on PostgreSQL."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select, text

from core.db import make_engine, session_factory
from knowledge_base import CONTENT_DIR
from knowledge_base.db import create_schema
from knowledge_base.importer import ContentProblems, content_fingerprint, import_content, imported_fingerprint
from knowledge_base.models import Facility, Gemeente, Route, Source, Team
from knowledge_base.service import ensure_imported

# -- helpers ------------------------------------------------------------------------


def expected_counts(content_dir: Path = CONTENT_DIR) -> dict[str, int]:
    """What the content files hold, read straight from the YAML."""
    counts = {"gemeente": 0, "team": 0, "facility": 0, "route": 0}
    for path in sorted(content_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if data.get("municipality"):
            counts["gemeente"] += 1
        counts["team"] += len(data.get("teams") or [])
        counts["facility"] += len(data.get("facilities") or [])
        for route in data.get("routes") or []:
            counts["route"] += 1 if route.get("multi_topic") else len(route.get("topics") or [])
    return counts


def db_counts(session) -> dict[str, int]:
    return {
        kind: session.scalar(select(func.count()).select_from(model))
        for kind, model in (("gemeente", Gemeente), ("team", Team), ("facility", Facility), ("route", Route))
    }


def snapshot(session) -> dict[str, tuple]:
    """Every facility with what identifies its row and content."""
    return {
        f.id: (f.source_id, f.fingerprint, f.offers, f.gemeente_id, tuple(f.topics))
        for f in session.scalars(select(Facility))
    }


def fresh_sqlite(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    create_schema(engine)
    return engine


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the shipped content files that a test may change."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


@pytest.fixture
def imported(tmp_path):
    """A SQLite database with the shipped content imported, and its session factory."""
    engine = fresh_sqlite(tmp_path)
    sessions = session_factory(engine)
    with sessions() as session:
        import_content(session)
    yield sessions
    engine.dispose()


def edit_facility(content_dir: Path, file: str, facility_id: str, **changes) -> None:
    path = content_dir / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (entry,) = [f for f in data["facilities"] if f["id"] == facility_id]
    entry.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def remove_facility(content_dir: Path, file: str, facility_id: str) -> None:
    path = content_dir / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = len(data["facilities"])
    data["facilities"] = [f for f in data["facilities"] if f["id"] != facility_id]
    assert len(data["facilities"]) == before - 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


# -- a fresh import and a second one ----------------------------------------------------


def test_importing_the_content_adds_every_municipality_team_facility_and_route(tmp_path):
    expected = expected_counts()
    assert expected["gemeente"] == 3
    engine = fresh_sqlite(tmp_path)
    with session_factory(engine)() as session:
        report = import_content(session)
        assert dict(report.added) == expected
        assert sum(report.updated.values()) == 0
        assert sum(report.removed.values()) == 0
        assert report.changed is True
        assert db_counts(session) == expected
        assert {g.id for g in session.scalars(select(Gemeente))} == {"almelo", "almere", "hengelo"}


def test_every_imported_facility_and_team_has_its_own_source_row(imported):
    with imported() as session:
        facilities = list(session.scalars(select(Facility)))
        teams = list(session.scalars(select(Team)))
        source_ids = [f.source_id for f in facilities] + [t.source_id for t in teams]
        assert len(set(source_ids)) == len(source_ids)
        assert session.scalar(select(func.count()).select_from(Source)) == len(source_ids)


def test_national_facilities_have_no_municipality_and_keep_their_topics_and_flags(imported):
    with imported() as session:
        geldfit = session.get(Facility, "national-geldfit")
        assert geldfit.gemeente_id is None
        assert geldfit.topics == ["schulden"]
        assert geldfit.source.label() == "Geldfit (geldfit.nl)"
        crisis_line = session.get(Facility, "national-113-zelfmoordpreventie")
        assert crisis_line.crisis is True
        assert crisis_line.topics == []
        assert session.get(Facility, "national-kindertelefoon").young_people_only is True
        assert geldfit.young_people_only is False
        assert session.get(Facility, "national-juridisch-loket").rules_advice is True
        assert session.get(Facility, "almere-sociaal-raadslieden").rules_advice is True
        assert geldfit.rules_advice is False
        assert session.get(Facility, "national-idw-diplomawaardering").only_when_named is True
        assert geldfit.only_when_named is False
        voedselloket = session.get(Facility, "almere-voedselloket")
        assert voedselloket.gemeente_id == "almere"
        assert voedselloket.source.title == "Monitor Sociaal Domein van de gemeente Almere (2015)"
        assert voedselloket.source.year == 2015


def test_a_second_import_of_unchanged_content_changes_nothing(imported):
    with imported() as session:
        before = snapshot(session)
    with imported() as session:
        report = import_content(session)
        assert report.changed is False
        assert dict(report.unchanged) == expected_counts()
        assert snapshot(session) == before
        assert imported_fingerprint(session) == content_fingerprint(CONTENT_DIR)


# -- changed content: only what changed --------------------------------------------------


def test_changing_one_facility_updates_exactly_that_facility(imported, content):
    new_offers = "Hulp met eten en boodschappen voor mensen die niet rond kunnen komen."
    edit_facility(content, "almere.yml", "almere-voedselloket", offers=new_offers)
    with imported() as session:
        before = snapshot(session)
        report = import_content(session, content)
        assert dict(report.updated) == {"facility": 1}
        assert sum(report.added.values()) == 0
        assert sum(report.removed.values()) == 0
        after = snapshot(session)
    assert after["almere-voedselloket"][2] == new_offers
    # the updated facility keeps its row and its source row
    assert after["almere-voedselloket"][0] == before["almere-voedselloket"][0]
    assert after["almere-voedselloket"][1] != before["almere-voedselloket"][1]
    others = set(before) - {"almere-voedselloket"}
    assert {i: after[i] for i in others} == {i: before[i] for i in others}


def test_changing_a_facilitys_topics_replaces_its_topic_rows(imported, content):
    edit_facility(content, "almere.yml", "almere-voedselloket", topics=["schulden", "jeugd"])
    with imported() as session:
        import_content(session, content)
    with imported() as session:
        assert session.get(Facility, "almere-voedselloket").topics == ["jeugd", "schulden"]


def test_deleting_a_facility_removes_it_and_its_source_and_keeps_the_other_rows(imported, content):
    remove_facility(content, "hengelo.yml", "hengelo-jongerenwerk")
    with imported() as session:
        before = snapshot(session)
        sources_before = session.scalar(select(func.count()).select_from(Source))
        report = import_content(session, content)
        assert dict(report.removed) == {"facility": 1}
        assert sum(report.added.values()) == 0
        assert sum(report.updated.values()) == 0
    with imported() as session:
        assert session.get(Facility, "hengelo-jongerenwerk") is None
        assert session.get(Source, before["hengelo-jongerenwerk"][0]) is None
        assert session.scalar(select(func.count()).select_from(Source)) == sources_before - 1
        after = snapshot(session)
    del before["hengelo-jongerenwerk"]
    assert after == before


def test_adding_back_a_deleted_facility_adds_it_again(imported, content):
    remove_facility(content, "hengelo.yml", "hengelo-jongerenwerk")
    with imported() as session:
        import_content(session, content)
    with imported() as session:
        report = import_content(session)  # the shipped files again
        assert dict(report.added) == {"facility": 1}
        assert session.get(Facility, "hengelo-jongerenwerk") is not None


# -- content with problems: nothing is written -------------------------------------------


def test_a_facility_with_an_unknown_topic_is_reported_with_file_and_line_and_nothing_is_written(imported, content):
    path = content / "almere.yml"
    line = line_of(path, "- id: almere-voedselloket")
    text_ = path.read_text(encoding="utf-8")
    # a valid change elsewhere must not slip in either
    text_ = text_.replace('offers: "Hulp met eten voor mensen', 'offers: "Hulp met eten en drinken voor mensen')
    start = text_.index("- id: almere-voedselloket")
    topics_at = text_.index("topics: [schulden]", start)
    text_ = text_[:topics_at] + "topics: [schulden, wonen]" + text_[topics_at + len("topics: [schulden]") :]
    path.write_text(text_, encoding="utf-8")
    with imported() as session:
        before = snapshot(session)
        state_before = imported_fingerprint(session)
        with pytest.raises(ContentProblems) as raised:
            import_content(session, content)
    problems = raised.value.problems
    assert [(p.file, p.line) for p in problems] == [("almere.yml", line)]
    assert "unknown topic 'wonen'" in problems[0].message
    assert str(problems[0]).startswith(f"almere.yml:{line}: almere-voedselloket")
    with imported() as session:
        assert snapshot(session) == before
        assert imported_fingerprint(session) == state_before


def test_a_duplicate_id_is_reported_with_both_places_and_nothing_is_written(imported, content):
    first = line_of(content / "almelo.yml", "- id: almelo-stadsbank")
    path = content / "hengelo.yml"
    line = line_of(path, "- id: hengelo-stadsbank")
    path.write_text(
        path.read_text(encoding="utf-8").replace("- id: hengelo-stadsbank", "- id: almelo-stadsbank"), encoding="utf-8"
    )
    with imported() as session:
        before = snapshot(session)
        with pytest.raises(ContentProblems) as raised:
            import_content(session, content)
    problems = [str(p) for p in raised.value.problems]
    assert problems == [f"hengelo.yml:{line}: duplicate id 'almelo-stadsbank' (also almelo.yml:{first})"]
    with imported() as session:
        assert snapshot(session) == before


def test_content_with_problems_writes_nothing_into_an_empty_database(tmp_path, content):
    (content / "almere.yml").write_text("municipality: [this is: not valid", encoding="utf-8")
    engine = fresh_sqlite(tmp_path)
    with session_factory(engine)() as session:
        with pytest.raises(ContentProblems) as raised:
            import_content(session, content)
        assert raised.value.problems[0].file == "almere.yml"
        assert db_counts(session) == {"gemeente": 0, "team": 0, "facility": 0, "route": 0}
        assert imported_fingerprint(session) is None


# -- PostgreSQL ----------------------------------------------------------------------------


@pytest.fixture
def postgres_engine(postgres_url):
    """An engine on a schema of its own in the test database (tests/conftest.py)."""
    engine = make_engine(postgres_url)
    try:
        create_schema(engine)
        yield engine
    finally:
        engine.dispose()


def test_the_import_works_the_same_on_postgresql(postgres_engine, content):
    assert postgres_engine.dialect.name == "postgresql"
    sessions = session_factory(postgres_engine)
    expected = expected_counts()
    with sessions() as session:
        report = import_content(session)
        assert dict(report.added) == expected
        assert db_counts(session) == expected
        # the tables live in the test's own schema, not in public
        assert session.scalar(text("SELECT current_schema()")).startswith("test_")
    with sessions() as session:
        before = snapshot(session)
        assert import_content(session).changed is False
    edit_facility(
        content, "almelo.yml", "almelo-respijtzorg", for_whom="Voor mantelzorgers die even rust nodig hebben."
    )
    remove_facility(content, "almelo.yml", "almelo-studio15")
    with sessions() as session:
        report = import_content(session, content)
        assert dict(report.updated) == {"facility": 1}
        assert dict(report.removed) == {"facility": 1}
    with sessions() as session:
        after = snapshot(session)
        assert session.get(Facility, "almelo-respijtzorg").for_whom == "Voor mantelzorgers die even rust nodig hebben."
        assert session.get(Source, before["almelo-studio15"][0]) is None
        national = yaml.safe_load((CONTENT_DIR / "national.yml").read_text(encoding="utf-8"))
        (geldfit,) = [f for f in national["facilities"] if f["id"] == "national-geldfit"]
        assert session.get(Facility, "national-geldfit").keywords == [str(k) for k in geldfit["keywords"]]
    untouched = set(before) - {"almelo-respijtzorg", "almelo-studio15"}
    assert {i: after[i] for i in untouched} == {i: before[i] for i in untouched}


# -- ensure_imported ------------------------------------------------------------------------


def test_ensure_imported_imports_once_and_then_only_when_the_files_change(tmp_path, content):
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")  # no schema yet: ensure_imported makes it
    report = ensure_imported(engine, content)
    assert report is not None and dict(report.added) == expected_counts(content)
    assert ensure_imported(engine, content) is None
    edit_facility(content, "almere.yml", "almere-voedselloket", cost="gratis")
    report = ensure_imported(engine, content)
    assert report is not None and dict(report.updated) == {"facility": 1}
    assert ensure_imported(engine, content) is None


def test_ensure_imported_keeps_the_last_good_import_when_the_files_have_problems(tmp_path, content, caplog):
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    ensure_imported(engine, content)
    with session_factory(engine)() as session:
        before = snapshot(session)
        good = imported_fingerprint(session)
    edit_facility(content, "almere.yml", "almere-voedselloket", topics=["eten"])
    with caplog.at_level("ERROR", logger="knowledge_base.service"):
        assert ensure_imported(engine, content) is None
    assert any("unknown topic 'eten'" in r.getMessage() and "almere.yml:" in r.getMessage() for r in caplog.records)
    with session_factory(engine)() as session:
        assert snapshot(session) == before
        assert len(before) == expected_counts()["facility"]
        assert imported_fingerprint(session) == good


def test_a_team_response_promise_in_the_content_reaches_the_routing(tmp_path, content):
    path = content / "almelo.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - id: almelo-kcc\n",
            "  - id: almelo-kcc\n    response_working_days: 5\n    urgent_response_working_days: 1\n",
            1,
        ),
        encoding="utf-8",
    )
    engine = fresh_sqlite(tmp_path)
    with session_factory(engine)() as session:
        import_content(session, content)
    from knowledge_base.service import KnowledgeBase

    with session_factory(engine)() as session:
        team = KnowledgeBase.from_session(session).team_for("almelo", ["schulden"])
    assert (team.response_working_days, team.urgent_response_working_days) == (5, 1)


def test_a_database_of_the_release_before_the_migrations_gets_the_new_column_and_the_content(tmp_path):
    """kb_routes.front_doors came after the tables were made by create_all: the migrations
    add it to such a database, and the next import fills it."""
    from alembic import command

    from core import schema

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # the tables as the release before made them ...
        connection.execute(text("DROP TABLE alembic_version"))  # ... without knowing of migrations
    create_schema(engine)
    assert schema.revision(engine) == schema.head()
    with session_factory(engine)() as session:
        import_content(session)
        assert db_counts(session)["team"] == expected_counts()["team"]
        doors = session.execute(
            text("SELECT front_doors FROM kb_routes WHERE gemeente_id = 'almelo' AND topic = 'mantelzorg'")
        )
        assert "almelo-steunpunt-informele-zorg" in doors.scalar()
