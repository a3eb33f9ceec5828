"""Validation of the knowledge-base content files (``knowledge_base/content/*.yml``).

Every problem is reported with file and line, so a municipality's content editor can fix
it without reading code: YAML errors, missing fields or sources, unknown topics,
duplicate ids, texts over the length limits, routes to unknown teams, a municipality
without a route per topic, and (when the seed documents are at hand) source quotes that
do not occur in the cited document.

    python -m knowledge_base check [--seeds ../shared/seeds]
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from core.topics import HELP_TOPICS
from knowledge_base import CONTENT_DIR

LINE = "__line__"

#: maximum length (characters) of each resident-facing text field
MAX_LENGTH = {
    "name": 80,
    "offers": 300,
    "for_whom": 200,
    "how_to_reach": 300,
    "reach": 300,
    "text": 300,
    "cost": 200,
    "neighbourhood": 120,
}
# (the source is checked on its own, see _check_source)
FACILITY_FIELDS = ("id", "name", "topics", "offers", "for_whom", "how_to_reach")
TEAM_FIELDS = ("id", "name", "topics", "reach")
QUOTE_LIMIT = 300


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records each mapping's line number under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One content file with line numbers, or the YAML error as a problem."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [Problem(path.name, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, dict):
        return None, [Problem(path.name, 1, "expected a mapping with municipality/teams/facilities/routes")]
    return data, []


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


class _Seeds:
    """The seed documents, loaded once each, for checking quotes."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self._cache: dict[str, str | None] = {}

    def contains(self, document: str, quote: str) -> bool | None:
        """``None`` when the document is not available here."""
        if self.directory is None:
            return None
        if document not in self._cache:
            path = self.directory / document
            self._cache[document] = _normalise(path.read_text(encoding="utf-8")) if path.exists() else None
        text = self._cache[document]
        return None if text is None else _normalise(quote) in text


def _check_source(entry: dict, where: tuple[str, int], seeds: _Seeds) -> Iterable[Problem]:
    file, line = where
    source = entry.get("source")
    if not isinstance(source, dict):
        yield Problem(file, line, f"{entry.get('id', '?')}: no source")
        return
    if source.get("document"):
        quote = source.get("quote") or ""
        if not quote:
            yield Problem(file, source.get(LINE, line), f"{entry.get('id')}: source has no quote")
        elif len(quote) > QUOTE_LIMIT:
            yield Problem(
                file, source.get(LINE, line), f"{entry.get('id')}: quote longer than {QUOTE_LIMIT} characters"
            )
        elif seeds.contains(source["document"], quote) is False:
            yield Problem(file, source.get(LINE, line), f"{entry.get('id')}: quote not found in {source['document']}")
        if not source.get("lines"):
            yield Problem(file, source.get(LINE, line), f"{entry.get('id')}: source has no line numbers")
    elif not source.get("organisation"):
        yield Problem(
            file, source.get(LINE, line), f"{entry.get('id')}: source names neither a document nor an organisation"
        )


#: resident-facing contact lines say what to do, not what a policy document lacks
_SOURCE_TALK = re.compile(r"\b(?:de bron|bronnen|staat niet in)\b", re.IGNORECASE)
_ACTION = re.compile(r"\b(?:bel|ga naar|vraag|meld|via|op school|aanvragen|vraagt)\b", re.IGNORECASE)


def _check_entry(
    entry: Any, kind: str, fields: tuple[str, ...], file: str, seeds: _Seeds, titles: dict[str, str]
) -> Iterable[Problem]:
    if not isinstance(entry, dict):
        yield Problem(file, 1, f"a {kind} must be a mapping")
        return
    line = entry.get(LINE, 1)
    for field in fields:
        if field == "topics":
            if "topics" not in entry:
                yield Problem(file, line, f"{entry.get('id', '?')}: missing field 'topics'")
        elif not entry.get(field):
            yield Problem(file, line, f"{entry.get('id', '?')}: missing field '{field}'")
    for topic in entry.get("topics") or []:
        if topic not in HELP_TOPICS:
            yield Problem(file, line, f"{entry.get('id')}: unknown topic '{topic}' (allowed: {', '.join(HELP_TOPICS)})")
    if kind == "facility" and not entry.get("topics") and not entry.get("crisis"):
        yield Problem(file, line, f"{entry.get('id')}: a facility needs at least one topic (or crisis: true)")
    for field, limit in MAX_LENGTH.items():
        value = entry.get(field)
        if isinstance(value, str) and len(value) > limit:
            yield Problem(file, line, f"{entry.get('id')}: '{field}' is {len(value)} characters (at most {limit})")
    keywords = entry.get("keywords")
    if keywords is not None and (
        not isinstance(keywords, list) or not all(isinstance(k, (str, int)) for k in keywords)
    ):
        yield Problem(file, line, f"{entry.get('id')}: 'keywords' must be a list of words or phrases")
    if entry.get("indication_needed") not in (None, True, False, "unknown"):
        yield Problem(file, line, f"{entry.get('id')}: 'indication_needed' must be true, false or unknown")
    for field in ("response_working_days", "urgent_response_working_days"):
        value = entry.get(field)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 60):
            yield Problem(file, line, f"{entry.get('id')}: '{field}' must be a whole number of working days (1-60)")
    if entry.get("last_verified") is not None and not _is_date(entry["last_verified"]):
        yield Problem(file, line, f"{entry.get('id')}: 'last_verified' must be a date like 2026-11-23")
    reach = entry.get("how_to_reach")
    if kind == "facility" and isinstance(reach, str) and reach:
        if _SOURCE_TALK.search(reach):
            yield Problem(
                file,
                line,
                f"{entry.get('id')}: 'how_to_reach' talks about the source; tell the resident "
                'what to do ("Bel de gemeente op 14 … en vraag naar …"), and keep what the source lacks '
                "in a comment",
            )
        elif not _ACTION.search(reach):
            yield Problem(
                file,
                line,
                f"{entry.get('id')}: 'how_to_reach' says no way to reach it (bel, ga naar, vraag, meld u, via …)",
            )
    yield from _check_source(entry, (file, line), seeds)
    document = (entry.get("source") or {}).get("document") if isinstance(entry.get("source"), dict) else None
    if document and document not in titles:
        yield Problem(file, line, f"{entry.get('id')}: document '{document}' has no title in a 'documents' block")


_ASK_FOR = re.compile(r"\bvraag naar ([^.]+)", re.IGNORECASE)
#: a facility reached through another one ("na een verwijzing van BudgetAlert") may ask for it
_REFERRAL = re.compile(r"\bverwijz\w*|\bdoorverwijz\w*", re.IGNORECASE)


def _core_name(name: str) -> str:
    """ "Jeugdgezondheidszorg (JGZ) en consultatiebureau" -> "jeugdgezondheidszorg"."""
    return re.split(r"\s*[(:]", name.strip(), maxsplit=1)[0].lower()


def _check_asked_for(facilities: list, file: str) -> Iterable[Problem]:
    """A contact line that tells the resident to ask for another facility of the file by its
    name ("vraag naar de ouderenadviseur" under BudgetAlert) sends them to the wrong desk:
    a contact line copied from one facility to the next."""
    entries = [e for e in facilities if isinstance(e, dict) and isinstance(e.get("name"), str)]
    for entry in entries:
        reach = str(entry.get("how_to_reach") or "")
        asked = " ".join(m.group(1).lower() for m in _ASK_FOR.finditer(reach))
        own = _core_name(entry["name"])
        if not asked or own in asked or _REFERRAL.search(reach):
            continue
        for other in entries:
            name = _core_name(other["name"])
            if other is not entry and len(name) >= 6 and name in asked:
                yield Problem(
                    file,
                    entry.get(LINE, 1),
                    f"{entry.get('id')}: 'how_to_reach' asks for {other['name']!r}, another facility of this file",
                )
                break


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _titles(files: list[tuple[Path, dict]]) -> tuple[dict[str, str], list[Problem]]:
    """Every document's title, from the ``documents`` blocks of all files."""
    titles: dict[str, str] = {}
    problems = []
    for path, data in files:
        for block in data.get("documents") or []:
            if not isinstance(block, dict) or not block.get("document") or not block.get("title"):
                line = block.get(LINE, 1) if isinstance(block, dict) else 1
                problems.append(Problem(path.name, line, "a documents entry needs 'document' and 'title'"))
                continue
            titles[block["document"]] = block["title"]
    return titles, problems


def validate(content_dir: Path = CONTENT_DIR, seeds_dir: Path | None = None) -> tuple[list[Problem], dict]:
    """All problems in the content files, and per file: counts of facilities by topic."""
    problems: list[Problem] = []
    counts: dict[str, Counter] = {}
    seen_ids: dict[str, tuple[str, int]] = {}
    seeds = _Seeds(seeds_dir)
    loaded = []
    for path in sorted(content_dir.glob("*.yml")):
        data, load_problems = load(path)
        problems += load_problems
        if data is not None:
            loaded.append((path, data))
    titles, title_problems = _titles(loaded)
    problems += title_problems
    for path, data in loaded:
        file = path.name
        entries = [("team", TEAM_FIELDS, e) for e in data.get("teams") or []]
        entries += [("facility", FACILITY_FIELDS, e) for e in data.get("facilities") or []]
        for kind, fields, entry in entries:
            problems += _check_entry(entry, kind, fields, file, seeds, titles)
            if isinstance(entry, dict) and entry.get("id"):
                if entry["id"] in seen_ids:
                    other_file, other_line = seen_ids[entry["id"]]
                    problems.append(
                        Problem(
                            file, entry.get(LINE, 1), f"duplicate id '{entry['id']}' (also {other_file}:{other_line})"
                        )
                    )
                else:
                    seen_ids[entry["id"]] = (file, entry.get(LINE, 1))
        problems += _check_asked_for(data.get("facilities") or [], file)
        counts[path.stem] = Counter(
            t for e in data.get("facilities") or [] if isinstance(e, dict) for t in e.get("topics") or ["crisis"]
        )
    national_topics = {
        f.get("id"): set(f.get("topics") or [])
        for _, data in loaded
        if "municipality" not in data
        for f in data.get("facilities") or []
        if isinstance(f, dict)
    }
    for path, data in loaded:
        if "municipality" in data:
            problems += _check_routes(data, path.name, national_topics)
    return problems, counts


def _check_routes(data: dict, file: str, national_topics: dict[str, set[str]]) -> Iterable[Problem]:
    """Every topic has a route to a team of this municipality; a front door is a facility of
    this municipality with the route's topic, or a national one (where the municipality has
    no facility of its own for everyone with the topic: werk.nl for job seekers in Almere)."""
    municipality = data["municipality"] or {}
    line = municipality.get(LINE, 1)
    for field in ("id", "name", "phone", "website"):
        if not municipality.get(field):
            yield Problem(file, line, f"municipality: missing field '{field}'")
    team_ids = {t.get("id") for t in data.get("teams") or [] if isinstance(t, dict)}
    covered: set[str] = set()
    facility_topics = {
        **national_topics,
        **{f.get("id"): set(f.get("topics") or []) for f in data.get("facilities") or [] if isinstance(f, dict)},
    }
    for route in data.get("routes") or []:
        route_line = route.get(LINE, 1)
        if route.get("team") not in team_ids:
            yield Problem(file, route_line, f"route to unknown team '{route.get('team')}'")
        for door in route.get("front_doors") or []:
            if door not in facility_topics:
                yield Problem(
                    file, route_line, f"front door '{door}' is no facility of this municipality nor a national one"
                )
            elif not facility_topics[door] & set(route.get("topics") or []):
                yield Problem(file, route_line, f"front door '{door}' has none of the route's topics")
        if route.get("front_doors") and route.get("multi_topic"):
            yield Problem(file, route_line, "a multi_topic route has no front door: each topic's own comes first")
        covered.update(route.get("topics") or [])
        if route.get("multi_topic"):
            covered.add("multi_topic")
    for needed in (*HELP_TOPICS, "multi_topic"):
        if needed not in covered:
            yield Problem(file, line, f"no route for '{needed}'")
