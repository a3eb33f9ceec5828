"""Deployment settings, read from the environment when asked for (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_GEMEENTE = "almelo"

#: how long handoffs and conversations are kept (HULPWIJZER_RETENTION_DAYS); the widget's privacy line says it
DEFAULT_RETENTION_DAYS = 365


def parse_retention_days(value: str | int) -> int:
    """A retention period in whole days, at least 1: the running staff app purges with it,
    so 0 or a typo must not delete everything."""
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValueError(f"the retention period must be a whole number of days, not {value!r}") from None
    if days < 1:
        raise ValueError(f"the retention period must be at least 1 day, not {days}")
    return days


@dataclass(frozen=True)
class Settings:
    #: the municipality this deployment serves (a file knowledge_base/content/<id>.yml)
    gemeente: str = DEFAULT_GEMEENTE

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(gemeente=(env.get("HULPWIJZER_GEMEENTE") or DEFAULT_GEMEENTE).strip().lower())
