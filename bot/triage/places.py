"""What kind of place a name is: a Dutch municipality, a part of the Netherlands that is no
municipality (Twente, Brabant), or a place abroad (Turkije, Paramaribo, Gronau).

The lists are in ``places.yml``. A name is compared after folding, so "den haag",
"Den-Haag" and "DEN HAAG" are the same, and so are "Súdwest-Fryslân" and "sudwest fryslan".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

import yaml

from core.text import fold

PLACES_FILE = Path(__file__).with_name("places.yml")


class Kind(str, Enum):
    #: one of the 342 Dutch municipalities
    MUNICIPALITY = "municipality"
    #: a province or region of the Netherlands, or the country itself
    REGION = "region"
    #: a country, city, island or region abroad
    FOREIGN = "foreign"
    #: not in the lists: a village, a neighbourhood, a misspelling or a word
    UNLISTED = "unlisted"


@dataclass(frozen=True)
class _Lists:
    municipalities: dict[str, str]
    regions: frozenset[str]
    foreign: frozenset[str]


def key(name: str) -> str:
    """The comparison key of a place name: folded letters only."""
    return re.sub(r"[^a-z]", "", fold(name))


@lru_cache(maxsize=1)
def _lists(path: Path = PLACES_FILE) -> _Lists:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    municipalities = {key(name): name for name in data["dutch_municipalities"]}
    for alias, official in data["aliases"].items():
        municipalities[key(alias)] = official
    return _Lists(
        municipalities,
        frozenset(key(name) for name in data["dutch_regions"]),
        frozenset(key(name) for name in data["foreign"]),
    )


def listed(name: str) -> Kind:
    """What ``name`` is by the lists alone, without taking districts to their municipality."""
    lists = _lists()
    folded = key(name)
    if folded in lists.municipalities:
        return Kind.MUNICIPALITY
    if folded in lists.regions:
        return Kind.REGION
    if folded in lists.foreign:
        return Kind.FOREIGN
    return Kind.UNLISTED


def kind(name: str) -> Kind:
    """What ``name`` is. A municipality that shares its name with a region (Groningen,
    Utrecht) is a municipality; a district ("Almere Buiten", "Hengelo-Noord") is its
    municipality."""
    lists = _lists()
    found = listed(name)
    if found is not Kind.UNLISTED or not key(name):
        return found
    words = re.split(r"[\s-]+", name.strip())
    if len(words) > 1 and key(words[0]) in lists.municipalities:
        return Kind.MUNICIPALITY
    if len(words) > 1 and key(words[0]) in lists.foreign:
        return Kind.FOREIGN
    return Kind.UNLISTED


def is_dutch_municipality(name: str) -> bool:
    return kind(name) is Kind.MUNICIPALITY
