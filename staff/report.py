"""The weekly report for the municipality's management (``python -m staff report``): the
dashboard's figures for one ISO week, as one self-contained HTML page (styles inline, charts
as SVG) or as a PDF printed from it by Debian's Chromium."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import jinja2
from sqlalchemy.engine import Engine

from insight import figures
from staff.insight import InsightPages, Period
from staff.service import User

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def week_days(week: str) -> tuple[dt.date, dt.date]:
    """``2026-W50`` -> its Monday and Sunday; a ValueError for anything else."""
    found = re.fullmatch(r"(\d{4})-W(\d{2})", week.strip())
    if not found:
        raise ValueError(f"write the week as 2026-W50, not {week!r}")
    monday = dt.date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
    return monday, monday + dt.timedelta(days=6)


def render(engine: Engine, gemeente: str, week: str, made: dt.datetime | None = None) -> str:
    start, end = week_days(week)
    pages = InsightPages(engine)
    names = pages.gemeenten()
    if gemeente not in names:
        raise ValueError(f"unknown municipality {gemeente!r}; known: {', '.join(names)}")

    # the report is for management: every figure, as an analist sees them
    board = pages.dashboard(User("weekrapport", False, (), is_analyst=True), Period(gemeente, start, end))
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("report.html").render(
        board=board,
        gemeente_naam=names[gemeente],
        week=week,
        made=(made or dt.datetime.now(dt.timezone.utc)).strftime("%d-%m-%Y %H:%M UTC"),
        hidden=figures.HIDDEN,
    )


def chromium() -> str | None:
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


def write(html: str, out: Path) -> None:
    """``out`` as HTML, or as a PDF (a name ending in .pdf) printed by Chromium."""
    if out.suffix.lower() != ".pdf":
        out.write_text(html, encoding="utf-8")
        return
    browser = chromium()
    if browser is None:
        raise RuntimeError("a PDF needs Chromium (apt install chromium); write .html instead")
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "rapport.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={work}/profile",
                f"--print-to-pdf={out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
