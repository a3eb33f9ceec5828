"""Schema migrations of the project's own tables (Alembic): ``python -m migrations upgrade``.

New revision, after changing a model::

    .venv/bin/python -m migrations revision -m "what changed"

``tests/migrations/test_migrations.py`` fails while the models and the migrations differ.
"""
