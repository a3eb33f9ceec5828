"""Dependencies run one way (issue 12): channels, actions, staff, widget and bot use handoff
and knowledge_base, which use core; core imports nothing of the project. open_klant (issue 13)
sits between: it uses handoff, knowledge_base and core, and staff runs it. Checked on every
import statement of the source, function-level imports included."""

import ast
from collections import defaultdict

import pytest

from tests.conftest import ROOT

PACKAGES = (
    "core",
    "actions",
    "bot",
    "channels",
    "handoff",
    "insight",
    "knowledge_base",
    "open_klant",
    "staff",
    "widget",
)
#: what each lower-layer package may import of the project
ALLOWED = {
    "core": set(),
    "handoff": {"core"},
    "knowledge_base": {"core"},
    "channels": {"core"},
    # registering handoffs in Open Klant: reads handoffs and the content's team ids; staff runs it
    "open_klant": {"core", "handoff", "knowledge_base"},
    # the municipality's figures and the review queue's redaction: counts and text, no handoffs
    "insight": {"core"},
}


def imports_by_package() -> dict[str, dict[str, set[str]]]:
    """package -> imported project package -> the files that import it."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top in PACKAGES and top != package:
                        found[package][top].add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_lower_layer_imports_only_what_is_below_it(package):
    imported = imports_by_package()[package]
    assert {top: sorted(files) for top, files in imported.items() if top not in ALLOWED[package]} == {}


def test_no_two_packages_import_each_other_directly_or_in_a_cycle():
    graph = {package: set(imports) for package, imports in imports_by_package().items()}

    def reaches(start, goal, seen=()):
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt))) for nxt in graph.get(start, ())
        )

    assert [package for package in PACKAGES if reaches(package, package)] == []
