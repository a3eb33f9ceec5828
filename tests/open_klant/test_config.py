from core.settings import Settings
from open_klant.config import OpenKlantConfig, check_teams
from tests.core.test_settings import OPEN_KLANT


def test_the_config_is_none_when_open_klant_is_off():
    assert OpenKlantConfig.from_settings(Settings.from_env({})) is None


def test_a_mapped_team_no_content_file_knows_is_an_error_and_an_unmapped_one_a_warning():
    settings = Settings.from_env(
        {
            **OPEN_KLANT,
            "OPEN_KLANT_ACTORS": "almelo-kcc="
            + "1" * 8
            + "-1111-1111-1111-"
            + "1" * 12
            + ",almelo-kc="
            + "2" * 8
            + "-2222-2222-2222-"
            + "2" * 12,
        }
    )
    errors, warnings = check_teams(OpenKlantConfig.from_settings(settings), "almelo")
    assert errors == ["OPEN_KLANT_ACTORS: team 'almelo-kc' is in no content file (knowledge_base/content/*.yml)"]
    assert warnings and all("almelo-" in w for w in warnings) and not any("'almelo-kcc'" in w for w in warnings)
