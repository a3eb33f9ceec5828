"""What the Open Klant registration needs from the settings, and a start-up check of the
team mapping against the knowledge base's teams."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import yaml

from core.settings import Settings
from knowledge_base import CONTENT_DIR


@dataclass(frozen=True)
class OpenKlantConfig:
    #: the API's base URL, ending in /klantinteracties/api/v1
    url: str
    token: str = field(repr=False)
    #: our team id -> the uuid of its actor (organisatorische eenheid)
    actors: Mapping[str, str]
    #: the uuid of the assistant's own actor (geautomatiseerde actor)
    assistant_actor: str
    #: ``delete`` or ``leave``: what erasure and retention do with the objects made there
    erasure: str = "delete"

    @classmethod
    def from_settings(cls, settings: Settings) -> "OpenKlantConfig | None":
        """``None`` when Open Klant is off (no OPEN_KLANT_URL)."""
        if not settings.open_klant_url:
            return None
        return cls(
            url=settings.open_klant_url,
            token=settings.open_klant_token,
            actors=dict(settings.open_klant_actors),
            assistant_actor=settings.open_klant_assistant_actor,
            erasure=settings.open_klant_erasure,
        )


def known_teams(content_dir: Path = CONTENT_DIR) -> dict[str, set[str]]:
    """Every team id in the content files, by municipality id."""
    teams: dict[str, set[str]] = {}
    for path in sorted(content_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        gemeente = (data.get("municipality") or {}).get("id", path.stem)
        teams.setdefault(gemeente, set()).update(t["id"] for t in data.get("teams") or [] if "id" in t)
    return teams


def check_teams(config: OpenKlantConfig, gemeente: str, content_dir: Path = CONTENT_DIR) -> tuple[list[str], list[str]]:
    """(errors, warnings) about OPEN_KLANT_ACTORS: a team id no content file knows is an
    error (a typo would leave that team's handoffs unregistered); a team of this
    municipality without an actor is a warning (its handoffs stop as failed, for staff to see)."""
    teams = known_teams(content_dir)
    everywhere = set().union(*teams.values()) if teams else set()
    errors = [
        f"OPEN_KLANT_ACTORS: team {team!r} is in no content file (knowledge_base/content/*.yml)"
        for team in sorted(set(config.actors) - everywhere)
    ]
    warnings = [
        f"OPEN_KLANT_ACTORS has no actor for team {team!r}: its handoffs are not registered in Open Klant"
        for team in sorted(teams.get(gemeente, set()) - set(config.actors))
    ]
    return errors, warnings
