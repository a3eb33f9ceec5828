"""Command-line tools of the assistant.

    python -m bot classify [--model models/hulpwijzer.tar.gz] < messages.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.logging_setup import quiet_rasa


def main(argv: list[str] | None = None) -> int:
    from bot import classify

    parser = argparse.ArgumentParser(prog="python -m bot", description="Hulpwijzer tools")
    commands = parser.add_subparsers(dest="command", required=True)
    p_classify = commands.add_parser(
        "classify", help="classify messages from stdin (one per line) into topics, as JSON lines"
    )
    p_classify.add_argument("--model", type=Path, default=classify.DEFAULT_MODEL)
    args = parser.parse_args(argv)

    quiet_rasa()
    if args.command == "classify":
        try:
            classify.run(args.model)
        except classify.ModelMissing as exc:
            print(exc, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
