"""Text folding shared by the matchers.

Every matcher runs on a *folded* copy of the input that has exactly the same length as the
original, so a span found in the folded text is also the span of the original wording: quotes
are cut from the original text with the same offsets.
"""

from __future__ import annotations

_FOLD_TABLE = str.maketrans(
    {
        "\u0130": "i",  # Turkish dotted capital I; str.lower() would make it two characters
        "\u0623": "\u0627",  # Arabic alef variants -> bare alef
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u0451": "\u0435",  # Russian yo -> ye
        "\u0401": "\u0415",
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u00b4": "'",
        "`": "'",
        "\u02bc": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
    }
)


def fold(text: str) -> str:
    """Return a lower-cased, normalised copy of ``text`` with the same length."""
    folded = text.translate(_FOLD_TABLE).lower()
    if len(folded) == len(text):
        return folded
    # A rare character whose lower case is longer: fold it character by character.
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, ch.lower()) for ch in text))


def check_folded_pattern(pattern: str) -> None:
    """Fail loudly when a pattern meant for folded text holds a letter that folding removes
    (it could never match): used by the tests over every module's patterns."""
    bad = sorted({ch for ch in pattern if ch in _FOLDED_AWAY})
    if bad:
        raise ValueError(f"pattern holds letters that folding removes: {bad}")


# Arabic letters folding rewrites (alef with hamza or madda, alef wasla, alef maqsura).
_FOLDED_AWAY = frozenset("\u0623\u0625\u0622\u0671\u0649")
