"""Alembic's environment: the project's tables (``tables.py``), and the connection the
caller passes (``core.schema``). Rasa's ``events`` table is not ours and never touched."""

from alembic import context

from migrations.tables import TARGET, include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=TARGET,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite changes columns by copying the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
