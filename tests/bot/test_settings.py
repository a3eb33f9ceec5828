import pytest

from bot.settings import DEFAULT_GEMEENTE, Settings, parse_retention_days


def test_default_municipality_when_nothing_is_configured():
    assert Settings.from_env({}).gemeente == DEFAULT_GEMEENTE


def test_municipality_from_environment_is_normalised():
    assert Settings.from_env({"HULPWIJZER_GEMEENTE": " Almere "}).gemeente == "almere"


@pytest.mark.parametrize("value", ["0", "-3", "een jaar", ""])
def test_a_retention_period_below_one_day_or_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        parse_retention_days(value)
    assert parse_retention_days(" 30 ") == 30
