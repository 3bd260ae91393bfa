"""``make bench``: run every ``bench/bench_*.py`` and rewrite its section of
docs/PERFORMANCE.md.

A benchmark owns the part of the document between ``<!-- bench:NAME -->`` and
``<!-- /bench:NAME -->`` (NAME: its file name without ``bench_`` and ``.py``). It is run with
``BENCH_SECTION_FILE`` naming a file; if it writes its section there, the runner puts it
between its markers. A benchmark that writes nothing (its figures need reading, like the
extraction quality) keeps the section as it stands; its output is in the log.

    .venv/bin/python bench/run_all.py               # every benchmark
    BENCH_ONLY=web,search .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "PERFORMANCE.md"


def section_markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def replace_section(doc: str, name: str, body: str) -> str:
    """``doc`` with the text between ``name``'s markers replaced (appended if it has none)."""
    start, end = section_markers(name)
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(doc):
        return pattern.sub(lambda _m: block, doc)
    return doc.rstrip() + "\n\n" + block + "\n"


def main() -> int:
    only = {n for n in os.environ.get("BENCH_ONLY", "").split(",") if n}
    failed = []
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            section = Path(tmp) / "section.md"
            print(f"== {script.name}", flush=True)
            run = subprocess.run(
                [sys.executable, str(script)],
                cwd=ROOT,
                env={**os.environ, "BENCH_SECTION_FILE": str(section)},
            )
            if run.returncode != 0:
                failed.append(script.name)
                continue
            if section.exists() and section.read_text(encoding="utf-8").strip():
                doc = DOC.read_text(encoding="utf-8")
                DOC.write_text(
                    replace_section(doc, name, section.read_text(encoding="utf-8")),
                    encoding="utf-8",
                )
                print(f"   docs/PERFORMANCE.md: section {name!r} rewritten", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
