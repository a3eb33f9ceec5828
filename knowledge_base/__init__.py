"""Facts the assistant answers from: municipalities (and, later, their facilities)."""

from pathlib import Path

#: the content files, one per municipality plus national.yml
CONTENT_DIR = Path(__file__).parent / "content"
