"""Command-line tools of the assistant.

python -m bot classify [--model models/hulpwijzer.tar.gz] < messages.txt
python -m bot ask [--gemeente almere] "vraag"
python -m bot ask --jsonl < questions.jsonl      (lines {"gemeente": ..., "text": ...})
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.logging_setup import quiet_rasa
from core.settings import current


def main(argv: list[str] | None = None) -> int:
    from bot import classify

    parser = argparse.ArgumentParser(prog="python -m bot", description="Hulpwijzer tools")
    commands = parser.add_subparsers(dest="command", required=True)
    p_classify = commands.add_parser(
        "classify", help="classify messages from stdin (one per line) into topics, as JSON lines"
    )
    p_classify.add_argument("--model", type=Path, default=classify.DEFAULT_MODEL)
    p_ask = commands.add_parser("ask", help="what the assistant replies to a question (JSON)")
    p_ask.add_argument("question", nargs="?", help="the resident's question (omit with --jsonl)")
    p_ask.add_argument("--gemeente", default=current().gemeente, help="municipality id (default: configured)")
    p_ask.add_argument("--jsonl", action="store_true", help='read {"gemeente": ..., "text": ...} lines from stdin')
    p_ask.add_argument("--model", type=Path, default=classify.DEFAULT_MODEL)
    p_ask.add_argument("--action-endpoint", help="a running action server's webhook URL (default: start one)")
    args = parser.parse_args(argv)

    quiet_rasa()
    if args.command == "ask":
        from bot import ask

        try:
            return ask.run(args.model, args.gemeente, args.question, args.jsonl, args.action_endpoint)
        except ask.AskError as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.command == "classify":
        try:
            classify.run(args.model)
        except classify.ModelMissing as exc:
            print(exc, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
