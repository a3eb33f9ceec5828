"""The insight dashboard's data for one staff member: the aggregate store's figures for a
municipality and period, named with the knowledge base's team and facility names, scoped to
the member's teams unless they are a beheerder or analist (issue 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from insight import figures
from insight.store import InsightStore
from knowledge_base.service import KnowledgeBase, load_knowledge_base

#: the period shown when none is asked for: the last four weeks, today included
DEFAULT_DAYS = 28
#: the longest period one page shows (a year and a day: a leap year fits)
LONGEST_DAYS = 367


@dataclass(frozen=True)
class Period:
    gemeente: str
    start: dt.date
    end: dt.date


def period(query: dict, gemeenten: list[str], today: dt.date) -> Period:
    """The municipality and period asked for (``gemeente``, ``van``, ``tot`` as YYYY-MM-DD),
    corrected to what can be shown: a ValueError says what is wrong."""
    gemeente = str(query.get("gemeente") or (gemeenten[0] if gemeenten else ""))
    if gemeente not in gemeenten:
        raise ValueError("Kies een gemeente uit de lijst.")
    try:
        end = dt.date.fromisoformat(query["tot"]) if query.get("tot") else today
        start = dt.date.fromisoformat(query["van"]) if query.get("van") else end - dt.timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        raise ValueError("Schrijf een datum als 2026-12-07.") from None
    if start > end:
        raise ValueError("De begindatum ligt na de einddatum.")
    if (end - start).days >= LONGEST_DAYS:
        raise ValueError("Kies een periode van hoogstens een jaar.")
    return Period(gemeente, start, end)


class InsightPages:
    def __init__(self, engine: Engine):
        self.store = InsightStore(engine)
        self.engine = engine
        self._kb: KnowledgeBase | None = None

    def knowledge_base(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load_knowledge_base(self.engine)
        return self._kb

    def gemeenten(self) -> dict[str, str]:
        """Municipality id -> name, for the choice on the page."""
        return dict(sorted(self.knowledge_base().gemeenten.items(), key=lambda item: item[1]))

    def dashboard(self, user, chosen: Period) -> figures.Dashboard:
        kb = self.knowledge_base()
        teams = {team.id: team.name for team in kb.routes.values()}
        names = {facility.id: facility.name for facility in kb.facilities.values()}
        cells = self.store.cells(chosen.gemeente, chosen.start, chosen.end)
        only = None if user.sees_all_figures else user.teams
        return figures.build(cells, chosen.gemeente, chosen.start, chosen.end, teams, names, only_teams=only)


def _cell(value: str) -> str:
    """A spreadsheet must not read a name from the content files as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(board: figures.Dashboard) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # ';': Dutch spreadsheets read it
    writer.writerows([[_cell(value) for value in row] for row in board.csv_rows()])
    return out.getvalue()
