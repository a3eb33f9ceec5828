"""The deployment's settings: one frozen object, read from the environment once per process
(:func:`current`, or :meth:`Settings.from_env` in an entry point that passes it down), never
at import time. :data:`VARIABLES` lists every variable; ``tests/core/test_settings.py``
checks the README's configuration tables against it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

DEFAULT_GEMEENTE = "almelo"
#: how long handoffs and conversations are kept (HULPWIJZER_RETENTION_DAYS); the widget's privacy line says it
DEFAULT_RETENTION_DAYS = 365
DEFAULT_WIDGET_SERVER = "http://127.0.0.1:5005"

#: every environment variable the project reads, and what for (the README's tables say more)
VARIABLES = {
    "HULPWIJZER_GEMEENTE": "the municipality this deployment serves",
    "HULPWIJZER_HOST": "the interface the Rasa server listens on (scripts/run.sh)",
    "DATABASE_URL": "knowledge base, handoffs, staff accounts and, by default, conversations",
    "TRACKER_DATABASE_URL": "where the staff app reads Rasa's conversations, when not in DATABASE_URL",
    "REDIS_URL": "Rasa's lock store (Redis), needed for more than one worker",
    "HULPWIJZER_WORKERS": "how many Rasa server workers (more than 1 only with REDIS_URL)",
    "HULPWIJZER_RETENTION_DAYS": "how long handoffs, conversations and kept WhatsApp numbers are kept",
    "HULPWIJZER_TRUSTED_PROXIES": "reverse proxies whose X-Forwarded-For the staff app believes",
    "HULPWIJZER_WIDGET_ORIGINS": "web sites whose pages may open the chat",
    "HULPWIJZER_WIDGET_SERVER": "the Rasa server as browsers reach it, for the demo pages",
    "HULPWIJZER_WIDGET_PORT": "the port of the widget's demo pages (scripts/run.sh)",
    "HULPWIJZER_PRIVACY_URL": "the municipality's privacy statement, linked from the demo pages",
    "WHATSAPP_VERIFY_TOKEN": "the WhatsApp webhook's verify token",
    "WHATSAPP_APP_SECRET": "the Meta app secret that signs webhooks",
    "WHATSAPP_ACCESS_TOKEN": "the System User token for the Graph API",
    "WHATSAPP_PHONE_NUMBER_ID": "the WhatsApp Business phone number id",
    "WHATSAPP_API_BASE_URL": "the Graph API base URL (a pinned version)",
    "WHATSAPP_TEMPLATE_NAME": "the approved template for staff follow-ups",
    "WHATSAPP_TEMPLATE_LANGUAGE": "that template's language (default nl)",
    "PYTHON310": "the Python 3.10 interpreter that creates .venv (scripts/find-python310.sh)",
}


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


def parse_workers(value: str | int, with_redis: bool) -> int:
    """The number of Rasa server workers: at least 1, and more than 1 only with Redis as the
    lock store (two workers with in-memory locks could handle one conversation at once)."""
    try:
        workers = int(str(value).strip())
    except ValueError:
        raise ValueError(f"HULPWIJZER_WORKERS must be a whole number, not {value!r}") from None
    if workers < 1:
        raise ValueError(f"HULPWIJZER_WORKERS must be at least 1, not {workers}")
    if workers > 1 and not with_redis:
        raise ValueError("HULPWIJZER_WORKERS above 1 needs REDIS_URL: Rasa's lock store must be shared by the workers")
    return workers


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    #: the municipality this deployment serves (a file knowledge_base/content/<id>.yml)
    gemeente: str = DEFAULT_GEMEENTE
    #: DATABASE_URL as given; ``None``: the embedded SQLite default (``core.db``)
    database_url: str | None = None
    tracker_database_url: str | None = None
    #: Rasa's lock store; ``None``: in memory (one worker only)
    redis_url: str | None = None
    workers: int = 1
    retention_days: int = DEFAULT_RETENTION_DAYS
    trusted_proxies: frozenset[str] = frozenset()
    widget_origins: tuple[str, ...] = ()
    widget_server: str = DEFAULT_WIDGET_SERVER
    privacy_url: str = ""
    #: the WHATSAPP_* variables that are set, by their full name
    whatsapp: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        redis_url = (env.get("REDIS_URL") or "").strip() or None
        return cls(
            gemeente=(env.get("HULPWIJZER_GEMEENTE") or DEFAULT_GEMEENTE).strip().lower(),
            database_url=(env.get("DATABASE_URL") or "").strip() or None,
            tracker_database_url=(env.get("TRACKER_DATABASE_URL") or "").strip() or None,
            redis_url=redis_url,
            workers=parse_workers(env.get("HULPWIJZER_WORKERS") or 1, redis_url is not None),
            retention_days=parse_retention_days(env.get("HULPWIJZER_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS),
            trusted_proxies=frozenset(_list(env.get("HULPWIJZER_TRUSTED_PROXIES"))),
            widget_origins=tuple(o.rstrip("/") for o in _list(env.get("HULPWIJZER_WIDGET_ORIGINS"))),
            widget_server=(env.get("HULPWIJZER_WIDGET_SERVER") or DEFAULT_WIDGET_SERVER).strip(),
            privacy_url=(env.get("HULPWIJZER_PRIVACY_URL") or "").strip(),
            whatsapp=MappingProxyType(
                {k: v.strip() for k, v in env.items() if k.startswith("WHATSAPP_") and k in VARIABLES and v.strip()}
            ),
        )


@lru_cache(maxsize=1)
def current() -> Settings:
    """This process's settings, read from the environment the first time they are needed."""
    return Settings.from_env()
