"""Idempotent import of the content files into the database.

The files are validated first (:mod:`knowledge_base.validate`); with any problem nothing is
written. Then, in one transaction, every municipality, team, facility and route is added,
updated (only when its content changed) or removed (when it left the files). Running the
import twice changes nothing the second time.

    python -m knowledge_base import
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge_base import CONTENT_DIR
from knowledge_base.models import (
    MULTI_TOPIC,
    Facility,
    FacilityTopic,
    Gemeente,
    ImportState,
    Route,
    Source,
    Team,
    TeamTopic,
)
from knowledge_base.validate import LINE, Problem, load, validate


class ContentProblems(ValueError):
    """The content files have problems; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content files")
        self.problems = problems


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) + sum(self.updated.values()) + sum(self.removed.values()))

    def summary(self) -> str:
        kinds = ("gemeente", "team", "facility", "route")
        parts = []
        for kind in kinds:
            parts.append(
                f"{kind}: +{self.added[kind]} ~{self.updated[kind]} -{self.removed[kind]} ={self.unchanged[kind]}"
            )
        return "; ".join(parts)


def _clean(value: Any) -> Any:
    """The entry without the loader's line numbers."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def content_fingerprint(content_dir: Path = CONTENT_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(content_dir.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _indication(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)) if value else None


def _fill_source(source: Source, block: dict, titles: dict[str, str]) -> None:
    source.document = block.get("document")
    source.title = titles.get(block.get("document") or "")
    source.lines = str(block["lines"]) if block.get("lines") else None
    source.year = block.get("year")
    source.quote = block.get("quote")
    source.organisation = block.get("organisation")
    source.url = block.get("url")


def _fill_facility(row: Facility, entry: dict, gemeente_id: str | None) -> None:
    row.gemeente_id = gemeente_id
    row.name = entry["name"]
    row.offers = entry["offers"].strip()
    row.for_whom = entry["for_whom"].strip()
    row.how_to_reach = entry["how_to_reach"].strip()
    row.cost = str(entry.get("cost") or "onbekend")
    row.indication_needed = _indication(entry.get("indication_needed"))
    row.neighbourhood = entry.get("neighbourhood")
    row.crisis = bool(entry.get("crisis"))
    row.young_people_only = bool(entry.get("young_people_only"))
    row.rules_advice = bool(entry.get("rules_advice"))
    row.only_when_named = bool(entry.get("only_when_named"))
    row.keywords = [str(k) for k in entry.get("keywords") or []]
    row.verify = bool(entry.get("verify"))
    row.last_verified = _date(entry.get("last_verified"))
    row._topics = [FacilityTopic(topic=t) for t in dict.fromkeys(entry.get("topics") or [])]


def _fill_team(row: Team, entry: dict, gemeente_id: str) -> None:
    row.gemeente_id = gemeente_id
    row.name = entry["name"]
    row.reach = entry["reach"].strip()
    row.multi_topic = bool(entry.get("multi_topic"))
    row.response_working_days = entry.get("response_working_days")
    row.urgent_response_working_days = entry.get("urgent_response_working_days")
    row.verify = bool(entry.get("verify"))
    row.last_verified = _date(entry.get("last_verified"))
    row._topics = [TeamTopic(topic=t) for t in dict.fromkeys(entry.get("topics") or [])]


def _read(content_dir: Path) -> list[dict]:
    files = []
    for path in sorted(content_dir.glob("*.yml")):
        data, _ = load(path)
        files.append(_clean(data or {}))
    return files


def import_content(session: Session, content_dir: Path = CONTENT_DIR, seeds_dir: Path | None = None) -> ImportReport:
    """Validate and import the content files; commits. Raises :class:`ContentProblems`."""
    problems, _ = validate(content_dir, seeds_dir)
    if problems:
        raise ContentProblems(problems)
    files = _read(content_dir)
    report = ImportReport()

    wanted_gemeenten = {f["municipality"]["id"]: f for f in files if f.get("municipality")}
    existing = {g.id: g for g in session.scalars(select(Gemeente))}
    for gid, data in wanted_gemeenten.items():
        block = data["municipality"]
        print_ = fingerprint(block)
        row = existing.get(gid)
        if row is None:
            row = Gemeente(id=gid)
            session.add(row)
            report.added["gemeente"] += 1
        elif row.fingerprint == print_:
            report.unchanged["gemeente"] += 1
            continue
        else:
            report.updated["gemeente"] += 1
        row.name, row.phone, row.website = block["name"], str(block["phone"]), block["website"]
        row.fingerprint = print_
    session.flush()

    titles = {d["document"]: d["title"] for f in files for d in f.get("documents") or []}
    _sync(session, Team, files, "teams", titles, _fill_team, report, "team")
    _sync(session, Facility, files, "facilities", titles, _fill_facility, report, "facility")
    _sync_routes(session, files, report)

    for gid, row in existing.items():
        if gid not in wanted_gemeenten:
            session.delete(row)
            report.removed["gemeente"] += 1

    state = session.get(ImportState, 1) or ImportState(id=1)
    state.fingerprint = content_fingerprint(content_dir)
    state.imported_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    session.add(state)
    session.commit()
    return report


def _sync(session, model, files, key, titles, fill, report: ImportReport, kind: str) -> None:
    existing = {row.id: row for row in session.scalars(select(model))}
    wanted = set()
    for data in files:
        gemeente_id = (data.get("municipality") or {}).get("id")
        for entry in data.get(key) or []:
            wanted.add(entry["id"])
            print_ = fingerprint(
                {"entry": entry, "gemeente": gemeente_id, "titles": titles.get(entry["source"].get("document") or "")}
            )
            row = existing.get(entry["id"])
            if row is not None and row.fingerprint == print_:
                report.unchanged[kind] += 1
                continue
            if row is None:
                row = model(id=entry["id"])
                row.source = Source()
                session.add(row)
                report.added[kind] += 1
            else:
                report.updated[kind] += 1
            fill(row, entry, gemeente_id)
            _fill_source(row.source, entry["source"], titles)
            row.fingerprint = print_
    for row_id, row in existing.items():
        if row_id not in wanted:
            session.delete(row.source)
            session.delete(row)
            report.removed[kind] += 1
    session.flush()


def _sync_routes(session: Session, files: list[dict], report: ImportReport) -> None:
    existing = {(r.gemeente_id, r.topic): r for r in session.scalars(select(Route))}
    wanted: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for data in files:
        gemeente_id = (data.get("municipality") or {}).get("id")
        for route in data.get("routes") or []:
            topics = [MULTI_TOPIC] if route.get("multi_topic") else route.get("topics") or []
            for topic in topics:
                doors = [d for d in route.get("front_doors") or [] if topic in _facility_topics(files, d)]
                wanted[(gemeente_id, topic)] = (route["team"], doors)
    for key, (team_id, doors) in wanted.items():
        row = existing.get(key)
        if row is None:
            session.add(Route(gemeente_id=key[0], topic=key[1], team_id=team_id, front_doors=doors))
            report.added["route"] += 1
        elif row.team_id != team_id or list(row.front_doors or []) != doors:
            row.team_id, row.front_doors = team_id, doors
            report.updated["route"] += 1
        else:
            report.unchanged["route"] += 1
    for key, row in existing.items():
        if key not in wanted:
            session.delete(row)
            report.removed["route"] += 1
    session.flush()


def _facility_topics(files: list[dict], facility_id: str) -> list[str]:
    for data in files:
        for facility in data.get("facilities") or []:
            if isinstance(facility, dict) and facility.get("id") == facility_id:
                return list(facility.get("topics") or [])
    return []


def imported_fingerprint(session: Session) -> str | None:
    state = session.get(ImportState, 1)
    return state.fingerprint if state else None
