"""Real headless Chromium (Debian's /usr/bin/chromium through Playwright) and axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); `make test` installs it with apt")


def need_axe() -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (node_modules/axe-core); `make test` installs it with npm")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
