"""The staff app's house style: NL Design System community components (the Utrecht
component library's CSS) with design tokens of a theme (the NL Design System "voorbeeld"
theme; a municipality swaps in its own tokens package).

The packages are pinned in ``package.json`` and installed by ``npm ci`` (``make run`` and
``make test`` do it); the app serves the files itself, no CDN. Without them the pages still
work, with the app's own plain stylesheet only.
"""

from __future__ import annotations

from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"

#: URL name -> file in node_modules, in the order the pages link them
STYLESHEETS = {
    "theme.css": "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
    "components.css": "@utrecht/component-library-css/dist/index.css",
}
#: the class that switches the theme's tokens on
THEME_CLASS = "voorbeeld-theme"


def stylesheet_path(name: str, node_modules: Path = NODE_MODULES) -> Path | None:
    """The file behind ``/static/nlds/<name>``, when ``name`` is one of ours and installed."""
    relative = STYLESHEETS.get(name)
    if relative is None:
        return None
    path = node_modules / relative
    return path if path.is_file() else None


def available(node_modules: Path = NODE_MODULES) -> list[str]:
    """The stylesheet names that are installed."""
    return [name for name in STYLESHEETS if stylesheet_path(name, node_modules)]
