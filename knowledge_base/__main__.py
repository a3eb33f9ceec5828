"""Knowledge-base tools.

python -m knowledge_base check [--seeds DIR]   validate the content files, print counts
python -m knowledge_base import                validate and import them into DATABASE_URL
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.topics import HELP_TOPICS
from knowledge_base.validate import CONTENT_DIR, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge_base")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content files and print counts per topic")
    check.add_argument("--content", type=Path, default=CONTENT_DIR)
    check.add_argument("--seeds", type=Path, help="seed documents, to check that every quote occurs in its source")
    do_import = commands.add_parser("import", help="validate the content files and import them into the database")
    do_import.add_argument("--content", type=Path, default=CONTENT_DIR)
    args = parser.parse_args(argv)
    if args.command == "import":
        return _import(args.content)

    seeds = args.seeds if args.seeds and args.seeds.is_dir() else None
    problems, counts = validate(args.content, seeds)
    columns = (*HELP_TOPICS, "crisis")
    print(f"{'file':<12}" + "".join(f"{c:>12}" for c in columns))
    for name, counter in counts.items():
        print(f"{name:<12}" + "".join(f"{counter.get(c, 0):>12}" for c in columns))
    print(
        f"quotes checked against seed documents: {'yes, in ' + str(seeds) if seeds else 'no (seeds not given or not found)'}"
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _import(content: Path) -> int:
    from core.db import make_engine, session_factory
    from knowledge_base.db import create_schema
    from knowledge_base.importer import ContentProblems, import_content

    engine = make_engine()
    create_schema(engine)
    with session_factory(engine)() as session:
        try:
            report = import_content(session, content)
        except ContentProblems as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"{len(exc.problems)} problem(s): nothing imported", file=sys.stderr)
            return 1
    where = engine.url.render_as_string(hide_password=True)
    print(f"imported into {where}: {report.summary()}  (+added ~updated -removed =unchanged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
