"""Prepare the Dutch spaCy pipeline that Hulpwijzer uses for lemmas.

``nl_core_news_sm`` is only published on GitHub releases, which many build machines cannot
reach. When it is installed it is used; otherwise an offline pipeline is built: a blank
Dutch tokenizer with spaCy's lookup lemmatizer (tables from ``spacy-lookups-data``).
Either way it is saved to one directory, whose ``meta.json`` says which one it is:

    python -m bot.spacy_pipeline build/spacy-nl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

FULL_MODEL = "nl_core_news_sm"


def build():
    """Return ``(nlp, kind)``: the full model if installed, else the offline pipeline."""
    import spacy

    try:
        return spacy.load(FULL_MODEL), FULL_MODEL
    except OSError:
        pass
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup table from spacy-lookups-data
    return nlp, "blank-nl+lookup-lemmatizer"


def describe(path: Path) -> str:
    """Which pipeline was saved at ``path`` (for logs and reports)."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    return meta.get("description") or meta.get("name", "unknown")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    args.target.mkdir(parents=True, exist_ok=True)
    nlp, kind = build()
    nlp.meta["name"] = "hulpwijzer_nl"
    nlp.meta["description"] = kind
    nlp.to_disk(args.target)
    print(f"spaCy pipeline: {kind} -> {args.target}")


if __name__ == "__main__":
    main()
