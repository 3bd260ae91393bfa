"""History that reads: a change to a text or list field as a word-level difference.

Pure functions on the values history stores (strings, JSON lists and objects); the admin's
history page (``rounds.admin``) shows their output.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words and the whitespace between them, so that the text joins back exactly.
TOKENS = re.compile(r"\s+|[^\s]+")
# Between the items of a list: each item starts on its own line.
ITEM_BREAK = "\n"


def as_text(value: Any) -> str | None:
    """A stored value as the text a reader compares: a list one item a line, an object as
    ``key: value`` lines; ``None`` for what has no words (numbers, dates, booleans, None)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ITEM_BREAK.join(as_text(v) or _scalar(v) for v in value)
    if isinstance(value, dict):
        return ITEM_BREAK.join(f"{k}: {as_text(v) or _scalar(v)}" for k, v in value.items())
    return None


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return str(value)


def _html(tokens: list[str]) -> str:
    return "".join("<br>" if t.strip() == "" and "\n" in t else escape(t) for t in tokens)


def word_diff(old: Any, new: Any) -> SafeString | None:
    """``old`` to ``new`` as HTML: removed words in ``<del>``, added words in ``<ins>``, the
    rest as it was (escaped; list items and line breaks as ``<br>``). ``None`` when either
    value is not text or a list/object (a date, a number: "old -> new" says it better)."""
    old_text, new_text = as_text(old), as_text(new)
    if old is None and new_text is not None:
        old_text = ""
    if new is None and old_text is not None:
        new_text = ""
    if old_text is None or new_text is None:
        return None
    a, b = TOKENS.findall(old_text), TOKENS.findall(new_text)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_html(a[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"<del>{_html(a[i1:i2])}</del>")
        if j2 > j1:
            out.append(f"<ins>{_html(b[j1:j2])}</ins>")
    return mark_safe("".join(out))  # noqa: S308 -- every token above is escaped
