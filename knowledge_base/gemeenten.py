"""The municipalities in ``content/<gemeente>.yml`` and their general contact channels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge_base import CONTENT_DIR



@dataclass(frozen=True)
class Gemeente:
    id: str
    naam: str
    telefoon: str
    website: str


class UnknownGemeente(KeyError):
    """The configured or requested municipality is not in the content files."""


@lru_cache(maxsize=4)
def load(directory: Path = CONTENT_DIR) -> dict[str, Gemeente]:
    """Every content file with a ``municipality`` block (national.yml has none)."""
    found = {}
    for path in sorted(directory.glob("*.yml")):
        block = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("municipality")
        if block:
            found[block["id"]] = Gemeente(block["id"], block["name"], str(block["phone"]), block["website"])
    return found


def get(gemeente_id: str) -> Gemeente:
    try:
        return load()[gemeente_id]
    except KeyError:
        raise UnknownGemeente(gemeente_id) from None
