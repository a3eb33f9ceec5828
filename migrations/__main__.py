"""``python -m migrations upgrade`` (the database of DATABASE_URL to the newest revision),
``current``, or ``revision -m MESSAGE`` (a new revision from the models' changes)."""

from __future__ import annotations

import argparse
import sys

from alembic import command

from core import schema
from core.db import make_engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migrations", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="bring the database to the newest revision")
    commands.add_parser("current", help="print the database's revision")
    new = commands.add_parser("revision", help="a new revision from the models' changes")
    new.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    engine = make_engine()
    if args.command == "upgrade":
        schema.upgrade(engine)
        print(f"database at revision {schema.revision(engine)}")
    elif args.command == "current":
        print(schema.revision(engine) or "none")
    else:
        schema.upgrade(engine)
        config = schema.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=args.message, autogenerate=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
