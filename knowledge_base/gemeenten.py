"""The municipalities in ``content/gemeenten.yml`` and their general contact channels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CONTENT = Path(__file__).parent / "content" / "gemeenten.yml"


@dataclass(frozen=True)
class Gemeente:
    id: str
    naam: str
    telefoon: str
    website: str


class UnknownGemeente(KeyError):
    """The configured or requested municipality is not in the content file."""


@lru_cache(maxsize=4)
def load(path: Path = CONTENT) -> dict[str, Gemeente]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        entry["id"]: Gemeente(entry["id"], entry["naam"], str(entry["telefoon"]), entry["website"])
        for entry in data["gemeenten"]
    }


def get(gemeente_id: str) -> Gemeente:
    try:
        return load()[gemeente_id]
    except KeyError:
        raise UnknownGemeente(gemeente_id) from None
