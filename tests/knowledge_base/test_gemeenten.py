import pytest

from knowledge_base import gemeenten


@pytest.mark.parametrize("gid,phone", [("almelo", "14 0546"), ("almere", "14 036"), ("hengelo", "14 074")])
def test_each_seed_municipality_has_its_14_number(gid, phone):
    assert gemeenten.get(gid).telefoon == phone


def test_unknown_municipality_is_an_explicit_error():
    with pytest.raises(gemeenten.UnknownGemeente):
        gemeenten.get("atlantis")
