"""Shared test settings: the trained model is needed by the tests marked ``model``."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "hulpwijzer.tar.gz"


def pytest_collection_modifyitems(config, items):
    if MODEL.exists():
        return
    skip = pytest.mark.skip(reason=f"no trained model at {MODEL}: run `make model` (make test does)")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)
