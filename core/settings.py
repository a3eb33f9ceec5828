"""The deployment's settings: one frozen object, read from the environment once per process
(:func:`current`, or :meth:`Settings.from_env` in an entry point that passes it down), never
at import time. :data:`VARIABLES` lists every variable; ``tests/core/test_settings.py``
checks the README's configuration tables against it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

DEFAULT_GEMEENTE = "almelo"
#: how long handoffs and conversations are kept (HULPWIJZER_RETENTION_DAYS); the widget's privacy line says it
DEFAULT_RETENTION_DAYS = 365
#: how long the review queue keeps a (redacted) question not understood (HULPWIJZER_REVIEW_DAYS)
DEFAULT_REVIEW_DAYS = 90
DEFAULT_WIDGET_SERVER = "http://127.0.0.1:5005"
DEFAULT_ACTION_SERVER_URL = "http://127.0.0.1:5055/webhook"

#: every environment variable the project reads, and what for (the README's tables say more)
VARIABLES = {
    "HULPWIJZER_GEMEENTE": "the municipality this deployment serves",
    "HULPWIJZER_HOST": "the interface the Rasa server listens on (scripts/run.sh)",
    "DATABASE_URL": "knowledge base, handoffs, staff accounts and, by default, conversations",
    "TRACKER_DATABASE_URL": "where the staff app reads Rasa's conversations, when not in DATABASE_URL",
    "REDIS_URL": "Rasa's lock store (Redis), needed for more than one worker",
    "HULPWIJZER_ACTION_SERVER_URL": "where the Rasa server reaches the action server's webhook",
    "HULPWIJZER_WORKERS": "how many Rasa server workers (more than 1 only with REDIS_URL)",
    "HULPWIJZER_RETENTION_DAYS": "how long handoffs, conversations and kept WhatsApp numbers are kept",
    "HULPWIJZER_REVIEW_DAYS": "how long the review queue keeps a (redacted) question the assistant did not understand",
    "HULPWIJZER_SPOOL_DIR": "where the action server keeps handoffs while the database is down (local disk)",
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
    "OPEN_KLANT_URL": "Open Klant's Klantinteracties API (…/klantinteracties/api/v1): registering handoffs there is on",
    "OPEN_KLANT_TOKEN": "the API token for Open Klant (header Authorization: Token …)",
    "OPEN_KLANT_ACTORS": "which Open Klant actor (organisatorische eenheid) each team is: team=uuid,team=uuid",
    "OPEN_KLANT_ASSISTANT_ACTOR": "the uuid of the assistant's own actor in Open Klant (geautomatiseerde actor)",
    "OPEN_KLANT_ERASURE": "delete (default) or leave: what a deletion or purge does with the objects made in Open Klant",
    "PYTHON310": "the Python 3.10 interpreter that creates .venv (scripts/find-python310.sh)",
}


def parse_action_server_url(value: str) -> str:
    """``http(s)://host[:port]/webhook``: the action server's webhook, checked, so that a typo
    stops the start with a message instead of every answer failing later."""
    value = value.strip()
    if not re.match(r"^https?://[^/\s]+/webhook$", value):
        raise ValueError(f"HULPWIJZER_ACTION_SERVER_URL must look like http://host:5055/webhook, not {value!r}")
    return value


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


#: the API's base path in every Open Klant (2.x) installation
OPEN_KLANT_BASE_PATH = "/klantinteracties/api/v1"
OPEN_KLANT_ERASURE_MODES = ("delete", "leave")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TEAM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def _uuid(value: str, what: str) -> str:
    value = value.strip().lower()
    if not _UUID.match(value):
        raise ValueError(f"{what} must be a uuid (like 3fa85f64-5717-4562-b3fc-2c963f66afa6), not {value!r}")
    return value


def parse_open_klant_actors(value: str) -> dict[str, str]:
    """``almelo-kcc=<uuid>,almelo-werkplein=<uuid>``: our team id -> its Open Klant actor."""
    actors: dict[str, str] = {}
    for part in _list(value):
        team, sep, actor = part.partition("=")
        team = team.strip()
        if not sep or not team:
            raise ValueError(f"OPEN_KLANT_ACTORS: write team=uuid pairs, separated by commas; {part!r} is not one")
        if not _TEAM_ID.match(team):
            raise ValueError(f"OPEN_KLANT_ACTORS: {team!r} is no team id (knowledge_base/content/*.yml: teams.id)")
        if team in actors:
            raise ValueError(f"OPEN_KLANT_ACTORS names team {team!r} twice")
        actors[team] = _uuid(actor, f"OPEN_KLANT_ACTORS: the actor of {team}")
    return actors


def parse_open_klant(env: Mapping[str, str]) -> dict:
    """The OPEN_KLANT_* variables, checked: all needed ones or none (then it is off)."""
    given = {k: (env.get(k) or "").strip() for k in VARIABLES if k.startswith("OPEN_KLANT_")}
    url = given["OPEN_KLANT_URL"].rstrip("/")
    if not url:
        stray = sorted(k for k, v in given.items() if v)
        if stray:
            raise ValueError(f"{', '.join(stray)} set without OPEN_KLANT_URL: set it too, or remove them")
        return {}
    if not re.match(r"^https?://[^/\s]+", url) or not url.endswith(OPEN_KLANT_BASE_PATH):
        raise ValueError(
            f"OPEN_KLANT_URL must be the API's address, starting with https:// and ending in {OPEN_KLANT_BASE_PATH} "
            f"(e.g. https://openklant.gemeente.nl{OPEN_KLANT_BASE_PATH})"
        )
    missing = [k for k in ("OPEN_KLANT_TOKEN", "OPEN_KLANT_ACTORS", "OPEN_KLANT_ASSISTANT_ACTOR") if not given[k]]
    if missing:
        raise ValueError(f"with OPEN_KLANT_URL set, Open Klant also needs {', '.join(missing)}")
    erasure = given["OPEN_KLANT_ERASURE"].lower() or OPEN_KLANT_ERASURE_MODES[0]
    if erasure not in OPEN_KLANT_ERASURE_MODES:
        raise ValueError(f"OPEN_KLANT_ERASURE must be delete or leave, not {erasure!r}")
    return {
        "open_klant_url": url,
        "open_klant_token": given["OPEN_KLANT_TOKEN"],
        "open_klant_actors": MappingProxyType(parse_open_klant_actors(given["OPEN_KLANT_ACTORS"])),
        "open_klant_assistant_actor": _uuid(given["OPEN_KLANT_ASSISTANT_ACTOR"], "OPEN_KLANT_ASSISTANT_ACTOR"),
        "open_klant_erasure": erasure,
    }


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
    #: the action server's webhook as the Rasa server reaches it (HULPWIJZER_ACTION_SERVER_URL)
    action_server_url: str = DEFAULT_ACTION_SERVER_URL
    workers: int = 1
    retention_days: int = DEFAULT_RETENTION_DAYS
    #: how long the review queue keeps a question (HULPWIJZER_REVIEW_DAYS)
    review_days: int = DEFAULT_REVIEW_DAYS
    #: the handoff spool folder (HULPWIJZER_SPOOL_DIR); None: var/handoff-spool
    spool_dir: str | None = None
    trusted_proxies: frozenset[str] = frozenset()
    widget_origins: tuple[str, ...] = ()
    widget_server: str = DEFAULT_WIDGET_SERVER
    privacy_url: str = ""
    #: the WHATSAPP_* variables that are set, by their full name
    whatsapp: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: registering handoffs in Open Klant (open_klant/): on when the URL is set
    open_klant_url: str | None = None
    open_klant_token: str = field(default="", repr=False)
    #: our team id -> the uuid of its Open Klant actor (organisatorische eenheid)
    open_klant_actors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    open_klant_assistant_actor: str = ""
    #: what a deletion or purge does with the objects made in Open Klant: delete or leave
    open_klant_erasure: str = "delete"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        redis_url = (env.get("REDIS_URL") or "").strip() or None
        return cls(
            gemeente=(env.get("HULPWIJZER_GEMEENTE") or DEFAULT_GEMEENTE).strip().lower(),
            database_url=(env.get("DATABASE_URL") or "").strip() or None,
            tracker_database_url=(env.get("TRACKER_DATABASE_URL") or "").strip() or None,
            redis_url=redis_url,
            action_server_url=parse_action_server_url(
                env.get("HULPWIJZER_ACTION_SERVER_URL") or DEFAULT_ACTION_SERVER_URL
            ),
            workers=parse_workers(env.get("HULPWIJZER_WORKERS") or 1, redis_url is not None),
            retention_days=parse_retention_days(env.get("HULPWIJZER_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS),
            spool_dir=(env.get("HULPWIJZER_SPOOL_DIR") or "").strip() or None,
            review_days=parse_retention_days(env.get("HULPWIJZER_REVIEW_DAYS") or DEFAULT_REVIEW_DAYS),
            trusted_proxies=frozenset(_list(env.get("HULPWIJZER_TRUSTED_PROXIES"))),
            widget_origins=tuple(o.rstrip("/") for o in _list(env.get("HULPWIJZER_WIDGET_ORIGINS"))),
            widget_server=(env.get("HULPWIJZER_WIDGET_SERVER") or DEFAULT_WIDGET_SERVER).strip(),
            privacy_url=(env.get("HULPWIJZER_PRIVACY_URL") or "").strip(),
            whatsapp=MappingProxyType(
                {k: v.strip() for k, v in env.items() if k.startswith("WHATSAPP_") and k in VARIABLES and v.strip()}
            ),
            **parse_open_klant(env),
        )


@lru_cache(maxsize=1)
def current() -> Settings:
    """This process's settings, read from the environment the first time they are needed."""
    return Settings.from_env()
