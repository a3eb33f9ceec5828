"""The municipalities in ``content/<gemeente>.yml`` and their general contact channels."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.text import fold
from knowledge_base import CONTENT_DIR

#: how residents of a municipality the knowledge base does not know reach their own
UNKNOWN_TELEFOON = "het algemene nummer van uw gemeente (vaak 14 + uw netnummer)"
UNKNOWN_WEBSITE = "de website van uw gemeente"


@dataclass(frozen=True)
class Gemeente:
    id: str
    naam: str
    telefoon: str
    website: str
    #: ``False`` for a municipality without content: the assistant offers national help
    known: bool = True

    @classmethod
    def unknown(cls, naam: str) -> "Gemeente":
        return cls("", naam, UNKNOWN_TELEFOON, UNKNOWN_WEBSITE, known=False)


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


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name))


def resolve(name: str) -> Gemeente | None:
    """The known municipality ``name`` refers to ("almere", "Almeere", "ALMELO"), else ``None``.

    A small spelling slip is forgiven, but Almelo and Almere stay apart: they differ in two
    letters, and a match must be closer than that."""
    key = _key(name)
    if not key:
        return None
    by_key = {_key(g.naam): g for g in load().values()} | {_key(g.id): g for g in load().values()}
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.84)
    if close:
        return by_key[close[0]]
    # a district: "Almere-Buiten", "Almere Stad", "Hengelo Noord"
    first = re.split(r"[\s-]+", name.strip())[0]
    return resolve(first) if first and first != name.strip() else None


def display_name(name: str) -> str:
    """A municipality name as written by a resident, tidied: "den haag" -> "Den Haag"."""
    if name.startswith("'s"):
        return name
    return " ".join(
        w if w in ("aan", "op", "en", "de", "den", "ter") and i else w[:1].upper() + w[1:]
        for i, w in enumerate(name.split())
    )
