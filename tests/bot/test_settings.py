from bot.settings import DEFAULT_GEMEENTE, Settings


def test_default_municipality_when_nothing_is_configured():
    assert Settings.from_env({}).gemeente == DEFAULT_GEMEENTE


def test_municipality_from_environment_is_normalised():
    assert Settings.from_env({"HULPWIJZER_GEMEENTE": " Almere "}).gemeente == "almere"
