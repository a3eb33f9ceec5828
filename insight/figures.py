"""The dashboard's figures from the aggregate store's cells, with small numbers hidden.

A count from 1 to 4 is shown as "< 5" (and its share as "–"): with so few, a team member
might recognise the resident. A median or percentile of fewer than 5 handoffs is not shown.
The same figures feed the page, the CSV export and the weekly report.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from core.topics import HELP_TOPICS
from insight import charts
from insight.store import Cell
from insight.tallies import (
    ACCEPTED,
    AFTER_CLARIFYING,
    AT_ONCE,
    CONFIRMED,
    CRISIS,
    NOT_UNDERSTOOD,
    OFFERED,
    OTHER_LANGUAGE,
    OUT_OF_SCOPE,
    SEVERAL,
)

SMALL = 5
HIDDEN = "< 5"
NO_SHARE = "–"

CATEGORY_LABELS = {
    **{topic: topic.capitalize() for topic in HELP_TOPICS},
    SEVERAL: "Meerdere onderwerpen",
    CRISIS: "Crisis",
    OUT_OF_SCOPE: "Buiten bereik",
    OTHER_LANGUAGE: "Andere taal",
    NOT_UNDERSTOOD: "Niet begrepen",
    "overig": "Overig (geen vraag gesteld)",
}
UNDERSTANDING_LABELS = {
    AT_ONCE: "Meteen begrepen",
    AFTER_CLARIFYING: "Begrepen na “Bedoelt u…?”",
    NOT_UNDERSTOOD: "Niet begrepen",
}
FOLLOW_UP_LABELS = {"kosten": "Wat kost het?", "adres": "Waar zit het?", "meer": "Meer mogelijkheden"}


def shown(count: int) -> str:
    return HIDDEN if 0 < count < SMALL else str(count)


def share(count: int, total: int) -> str:
    if count < SMALL or not total:
        return NO_SHARE
    return f"{round(100 * count / total)}%"


def nearest_rank(values: list[int], fraction: float) -> int:
    return values[max(0, math.ceil(fraction * len(values)) - 1)]


@dataclass
class Figure:
    """One figure: a heading, a chart (SVG), and the same numbers as a table."""

    id: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    chart: str = ""
    note: str = ""


@dataclass
class Dashboard:
    gemeente: str
    start: dt.date
    end: dt.date
    figures: list[Figure] = field(default_factory=list)

    def csv_rows(self) -> list[list[str]]:
        """Every figure as rows of (figure, row label, column, value): what the CSV holds."""
        rows = [["figuur", "rij", "kolom", "waarde"]]
        for figure in self.figures:
            for row in figure.rows:
                for column, value in zip(figure.columns[1:], row[1:]):
                    rows.append([figure.title, row[0], column, value])
        return rows


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def build(
    cells: Iterable[Cell],
    gemeente: str,
    start: dt.date,
    end: dt.date,
    teams: Mapping[str, str] | None = None,
    facilities: Mapping[str, str] | None = None,
    only_teams: Iterable[str] | None = None,
) -> Dashboard:
    """The dashboard for one municipality and period. ``teams`` and ``facilities`` name the
    ids; with ``only_teams`` (a team member) only those teams' handoff figures are built."""
    teams, facilities = teams or {}, facilities or {}
    by_metric: dict[str, Counter] = defaultdict(Counter)
    per_day: Counter = Counter()
    for cell in cells:
        by_metric[cell.metric][(cell.key, cell.value)] += cell.count
        if cell.metric == "conversation_started":
            per_day[cell.day] += cell.count
    board = Dashboard(gemeente, start, end)
    if only_teams is None:
        board.figures += [
            _per_day(per_day, start, end),
            _per_category(by_metric),
            _understanding(by_metric),
            _facilities(by_metric, facilities),
        ]
    board.figures.insert(min(3, len(board.figures)), _handoffs(by_metric, teams, only_teams))
    return board


def _counted(labels: dict[str, str], values: dict[str, int], total: int) -> tuple[list[list[str]], list[tuple]]:
    """In the order of ``labels``: the table's rows (label, count as shown, share) and the
    chart's items (label, count, count as shown)."""
    rows = [[label, shown(values.get(key, 0)), share(values.get(key, 0), total)] for key, label in labels.items()]
    items = [(label, values.get(key, 0), shown(values.get(key, 0))) for key, label in labels.items()]
    return rows, items


def _per_day(per_day: Counter, start: dt.date, end: dt.date) -> Figure:
    days = _days(start, end)
    items = [(day.strftime("%d-%m"), per_day[day], shown(per_day[day])) for day in days]
    total = sum(per_day.values())
    return Figure(
        "gesprekken-per-dag",
        "Gesprekken per dag",
        ["Dag", "Gesprekken"],
        [[day.strftime("%d-%m-%Y"), shown(per_day[day])] for day in days],
        charts.column_chart("gesprekken-per-dag", "Gesprekken per dag", items),
        f"In totaal {shown(total)} gesprekken.",
    )


def _per_category(by_metric: dict[str, Counter]) -> Figure:
    counted = {key: n for (key, _), n in by_metric["conversation"].items()}
    started = sum(by_metric["conversation_started"].values())
    rest = max(0, started - sum(counted.values()))
    values = {**counted, "overig": rest}
    rows, items = _counted(CATEGORY_LABELS, values, sum(values.values()))
    return Figure(
        "gesprekken-per-onderwerp",
        "Gesprekken per onderwerp",
        ["Onderwerp", "Gesprekken", "Aandeel"],
        rows,
        charts.bar_chart("gesprekken-per-onderwerp", "Gesprekken per onderwerp", items),
        "Een gesprek telt bij het onderwerp van zijn eerste antwoord; "
        "‘Overig’ zijn gesprekken zonder vraag (alleen een groet, of gestopt).",
    )


def _understanding(by_metric: dict[str, Counter]) -> Figure:
    values = {key: n for (key, _), n in by_metric["understanding"].items()}
    total = sum(values.values())
    rows, items = _counted(UNDERSTANDING_LABELS, values, total)
    asked = sum(by_metric["asked_for_person"].values())
    started = sum(by_metric["conversation_started"].values())
    rows.append(["Vroeg om een medewerker", shown(asked), share(asked, started)])
    denied = sum(by_metric["deny_after_answer"].values())
    rows.append(["Zei „nee” direct na een antwoord", shown(denied), share(denied, total)])
    return Figure(
        "begrepen",
        "Hoe vragen begrepen werden",
        ["", "Vragen", "Aandeel"],
        rows,
        charts.bar_chart("begrepen", "Hoe vragen begrepen werden", items),
        "‘Vroeg om een medewerker’ is een aandeel van alle gesprekken, ‘nee’ na een antwoord een aandeel van alle vragen.",
    )


def _handoffs(by_metric: dict[str, Counter], teams: Mapping[str, str], only: Iterable[str] | None) -> Figure:
    steps: dict[str, Counter] = defaultdict(Counter)
    for (team, step), n in by_metric["handoff"].items():
        steps[team][step] += n
    hours: dict[str, list[int]] = defaultdict(list)
    for (team, value), n in by_metric["first_contact_hours"].items():
        hours[team] += [int(value)] * n
    overdue = {team: n for (team, _), n in by_metric["first_contact_overdue"].items()}
    allowed = set(only) if only is not None else None
    team_ids = sorted(set(steps) | set(hours), key=lambda t: teams.get(t, t))
    rows, items = [], []
    for team in team_ids:
        if allowed is not None and team not in allowed:
            continue
        name = teams.get(team, team)
        contact = sorted(hours[team])
        if len(contact) >= SMALL:
            median, p90 = f"{nearest_rank(contact, 0.5)} u", f"{nearest_rank(contact, 0.9)} u"
        else:
            median = p90 = "te weinig" if contact else "–"
        counts = steps[team]
        rows.append(
            [
                name,
                shown(counts[OFFERED]),
                shown(counts[ACCEPTED]),
                shown(counts[CONFIRMED]),
                shown(len(contact)),
                median,
                p90,
                shown(overdue.get(team, 0)),
            ]
        )
        items.append((name, counts[CONFIRMED], shown(counts[CONFIRMED])))
    return Figure(
        "overdrachten-per-team",
        "Overdrachten per team",
        ["Team", "Aangeboden", "Akkoord", "Verstuurd", "Eerste contact", "Mediaan", "90e percentiel", "Te laat"],
        rows,
        charts.bar_chart("overdrachten-per-team", "Verstuurde overdrachten per team", items),
        "Tijd tot eerste contact: uren van het akkoord van de inwoner tot het team ‘contact gelegd’ zette. "
        "‘Te laat’: na de datum die de inwoner hoorde. Onder 5 overdrachten geen mediaan.",
    )


def _facilities(by_metric: dict[str, Counter], names: Mapping[str, str], top: int = 10) -> Figure:
    shown_counts = Counter({key: n for (key, _), n in by_metric["facility_shown"].items()})
    follow: dict[str, Counter] = defaultdict(Counter)
    for (facility, kind), n in by_metric["follow_up"].items():
        follow[facility][kind] += n
    rows, items = [], []
    for facility, n in shown_counts.most_common(top):
        name = names.get(facility, facility)
        rows.append([name, shown(n), *(shown(follow[facility][k]) for k in FOLLOW_UP_LABELS)])
        items.append((name, n, shown(n)))
    return Figure(
        "voorzieningen",
        "Voorzieningen die het vaakst getoond werden",
        ["Voorziening", "Getoond", *FOLLOW_UP_LABELS.values()],
        rows,
        charts.bar_chart("voorzieningen", "Voorzieningen die het vaakst getoond werden", items),
        "Met de vervolgvragen die inwoners erover stelden.",
    )
