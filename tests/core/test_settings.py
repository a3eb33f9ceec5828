import pytest

from core.settings import DEFAULT_GEMEENTE, Settings, parse_retention_days


def test_default_municipality_when_nothing_is_configured():
    assert Settings.from_env({}).gemeente == DEFAULT_GEMEENTE


def test_municipality_from_environment_is_normalised():
    assert Settings.from_env({"HULPWIJZER_GEMEENTE": " Almere "}).gemeente == "almere"


@pytest.mark.parametrize("value", ["0", "-3", "een jaar", ""])
def test_a_retention_period_below_one_day_or_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        parse_retention_days(value)
    assert parse_retention_days(" 30 ") == 30


# -- one settings object, and the README says the same ---------------------------------------


def test_settings_are_read_from_the_environment_given_once_and_frozen():
    import dataclasses

    settings = Settings.from_env(
        {
            "DATABASE_URL": " postgresql://h@db/x ",
            "HULPWIJZER_TRUSTED_PROXIES": "127.0.0.1, ::1",
            "HULPWIJZER_WIDGET_ORIGINS": "https://www.almere.nl/",
            "WHATSAPP_APP_SECRET": "s",
            "WHATSAPP_ONBEKEND": "x",
            "HULPWIJZER_RETENTION_DAYS": "30",
        }
    )
    assert settings.database_url == "postgresql://h@db/x" and settings.retention_days == 30
    assert settings.trusted_proxies == {"127.0.0.1", "::1"} and settings.widget_origins == ("https://www.almere.nl",)
    assert dict(settings.whatsapp) == {"WHATSAPP_APP_SECRET": "s"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.gemeente = "almere"


def test_no_module_reads_the_environment_but_the_settings_module():
    """One place reads configuration (issue 12): everything else is given a Settings."""
    import re

    from tests.conftest import ROOT

    readers = []
    for package in ("core", "actions", "bot", "channels", "handoff", "knowledge_base", "open_klant", "staff", "widget"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"os\.environ(?!\.setdefault)|os\.getenv", text) and path.name != "settings.py":
                readers.append(str(path.relative_to(ROOT)))
    assert readers == ["bot/ask.py"]  # it starts servers and passes the environment on to them


def readme_variables() -> set[str]:
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", readme, re.MULTILINE))


def test_the_readme_documents_every_variable_the_project_reads():
    from core.settings import VARIABLES

    assert sorted(set(VARIABLES) - readme_variables()) == []


def test_the_readme_documents_no_variable_the_project_does_not_read():
    from core.settings import VARIABLES

    assert sorted(readme_variables() - set(VARIABLES)) == []


# -- Open Klant (issue 13) --------------------------------------------------------------------

OPEN_KLANT = {
    "OPEN_KLANT_URL": "https://openklant.almelo.nl/klantinteracties/api/v1/",
    "OPEN_KLANT_TOKEN": "geheim",
    "OPEN_KLANT_ACTORS": "almelo-kcc=0B9D3C7E-2F3A-4C51-9A51-3C8F2A6A1E01, almelo-sociaal-wijkteam=7e0c5a44-6a0e-4d7c-8a66-0f3f0f2b5c02",
    "OPEN_KLANT_ASSISTANT_ACTOR": "5b2a7f0e-1d3c-4e8a-9f60-0a1b2c3d4e5f",
}


def test_open_klant_is_off_without_its_url_and_read_whole_with_it():
    assert Settings.from_env({}).open_klant_url is None
    settings = Settings.from_env(OPEN_KLANT)
    assert settings.open_klant_url == "https://openklant.almelo.nl/klantinteracties/api/v1"
    assert dict(settings.open_klant_actors) == {
        "almelo-kcc": "0b9d3c7e-2f3a-4c51-9a51-3c8f2a6a1e01",
        "almelo-sociaal-wijkteam": "7e0c5a44-6a0e-4d7c-8a66-0f3f0f2b5c02",
    }
    assert settings.open_klant_erasure == "delete" and "geheim" not in repr(settings)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"OPEN_KLANT_URL": ""}, "set without OPEN_KLANT_URL"),
        ({"OPEN_KLANT_URL": "https://openklant.almelo.nl"}, "ending in /klantinteracties/api/v1"),
        ({"OPEN_KLANT_TOKEN": ""}, "also needs OPEN_KLANT_TOKEN"),
        ({"OPEN_KLANT_ACTORS": "almelo-kcc"}, "team=uuid pairs"),
        ({"OPEN_KLANT_ACTORS": "almelo-kcc=42"}, "the actor of almelo-kcc must be a uuid"),
        (
            {"OPEN_KLANT_ACTORS": "a=5b2a7f0e-1d3c-4e8a-9f60-0a1b2c3d4e5f,a=5b2a7f0e-1d3c-4e8a-9f60-0a1b2c3d4e5f"},
            "twice",
        ),
        ({"OPEN_KLANT_ASSISTANT_ACTOR": "assistent"}, "OPEN_KLANT_ASSISTANT_ACTOR must be a uuid"),
        ({"OPEN_KLANT_ERASURE": "anonymise"}, "delete or leave"),
    ],
)
def test_a_wrong_open_klant_setting_is_refused_with_what_to_do(change, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_env({**OPEN_KLANT, **change})
