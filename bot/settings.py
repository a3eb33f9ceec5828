"""Deployment settings, read from the environment when asked for (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_GEMEENTE = "almelo"


@dataclass(frozen=True)
class Settings:
    #: the municipality this deployment serves (a file knowledge_base/content/<id>.yml)
    gemeente: str = DEFAULT_GEMEENTE

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(gemeente=(env.get("HULPWIJZER_GEMEENTE") or DEFAULT_GEMEENTE).strip().lower())
