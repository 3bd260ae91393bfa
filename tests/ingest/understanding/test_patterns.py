"""Every pattern of the understanding modules runs on folded text, so it must not hold a letter
that folding rewrites (an Arabic alef with hamza, or alef maqsura: "جرى" never matches)."""

import re

import pytest

from ingest.understanding import (
    candidates,
    date_words,
    dates,
    documents,
    gazetteer,
    meeting_words,
    meetings,
    ordinals,
    reasoning,
    relevance,
    topics,
    wire,
)
from ingest.understanding._text import check_folded_pattern

MODULES = (
    candidates, date_words, dates, documents, gazetteer, meeting_words, meetings, ordinals,
    reasoning, relevance, topics, wire,
)  # fmt: skip


def _patterns(value, depth=0):
    """Compiled patterns in a module attribute, also inside tuples and lists of them."""
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, tuple | list) and depth < 2:
        for item in value:
            yield from _patterns(item, depth + 1)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_patterns_hold_no_letter_that_folding_removes(module):
    patterns = [
        (name, pattern.pattern)
        for name, value in vars(module).items()
        for pattern in _patterns(value)
        if isinstance(pattern.pattern, str)
    ]
    assert patterns
    for name, pattern in patterns:
        try:
            check_folded_pattern(pattern)
        except ValueError as error:
            pytest.fail(f"{module.__name__}.{name}: {error}")


def test_the_check_catches_a_letter_that_folding_removes():
    with pytest.raises(ValueError):
        check_folded_pattern("جرى")
    check_folded_pattern("جري")
