"""Statement texts written for these tests (not third-party texts), read from
``tests/data/statements/``: the newer text moves the last paragraph of the older one to the
front, rewords one, drops one and adds one."""

from pathlib import Path

DIR = Path(__file__).resolve().parent.parent / "data" / "statements"
OLDER_PATH = DIR / "older.txt"
NEWER_PATH = DIR / "newer.txt"
OLDER = OLDER_PATH.read_text(encoding="utf-8")
NEWER = NEWER_PATH.read_text(encoding="utf-8")
# Without the title line (plain-text extraction takes a short first line as the title).
OLDER_BODY = OLDER.split("\n", 1)[1].strip()
NEWER_BODY = NEWER.split("\n", 1)[1].strip()
EXPECTED_KINDS = ["moved", "unchanged", "unchanged", "reworded", "removed", "added"]
EXPECTED_SUMMARY = {"unchanged": 2, "moved": 1, "reworded": 1, "added": 1, "removed": 1}
