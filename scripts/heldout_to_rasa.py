"""Convert a labelled JSON-lines set into Rasa NLU YAML for `rasa test nlu`.

    python scripts/heldout_to_rasa.py tests/nlu/heldout.jsonl tests/nlu/heldout.yml

`other_language` rows are left out: that intent comes from the triage rules, not from
the trained classifier, and is measured by benchmarks/routing_accuracy.py instead.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml


def main(source: str, target: str) -> None:
    by_intent = defaultdict(list)
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["intent"] != "other_language":
                by_intent[row["intent"]].append(row["text"])
    nlu = [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in sorted(by_intent.items())
    ]
    yaml.SafeDumper.add_representer(
        str,
        lambda dumper, data: dumper.represent_scalar(
            "tag:yaml.org,2002:str", data, style="|" if "\n" in data else None
        ),
    )
    Path(target).write_text(
        yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
