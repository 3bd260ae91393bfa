"""Round numbers written as words or digits in en/ru/tr/ar (and a little Persian).

A number counts only when it qualifies a round-like noun ("eighth round", "22nd International
Meeting on Syria", "восьмого раунда", "21. uluslararası toplantı", "الجولة الخامسة",
"Astana-8"); numbered Geneva rounds, working-group sessions and summits are rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._text import fold

MAX_ROUND = 40


@dataclass(frozen=True, slots=True)
class RoundMention:
    """A round number and the span of the phrase that states it."""

    number: int
    start: int
    end: int


# --- English ----------------------------------------------------------------------------------
_EN_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_TEENS = [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
_EN_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_EN_UNITS)}
_EN_WORDS.update({w: i + 10 for i, w in enumerate(_EN_TEENS)})
_EN_WORDS.update({"twentieth": 20, "thirtieth": 30})
for _tens_word, _tens in (("twenty", 20), ("thirty", 30)):
    for _i, _w in enumerate(_EN_UNITS):
        _EN_WORDS[f"{_tens_word}-{_w}"] = _tens + _i + 1
        _EN_WORDS[f"{_tens_word} {_w}"] = _tens + _i + 1

# --- Russian (stems; endings vary with case and gender) ------------------------------------------
_RU_UNITS = ["перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят"]
_RU_TEENS = [
    "десят", "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
    "семнадцат", "восемнадцат", "девятнадцат",
]  # fmt: skip
_RU_STEMS: dict[str, int] = {s: i + 1 for i, s in enumerate(_RU_UNITS)}
_RU_STEMS.update({s: i + 10 for i, s in enumerate(_RU_TEENS)})
_RU_STEMS.update({"двадцат": 20, "тридцат": 30})
for _tens_word, _tens in (("двадцать", 20), ("тридцать", 30)):
    for _i, _s in enumerate(_RU_UNITS):
        _RU_STEMS[f"{_tens_word} {_s}"] = _tens + _i + 1

# --- Turkish ------------------------------------------------------------------------------------
_TR_UNITS = ["birinci", "ikinci", "üçüncü", "dördüncü", "beşinci", "altıncı", "yedinci",
             "sekizinci", "dokuzuncu"]  # fmt: skip
_TR_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_TR_UNITS)}
_TR_WORDS.update({"onuncu": 10, "yirminci": 20, "otuzuncu": 30})
for _tens_word, _tens in (("on", 10), ("yirmi", 20), ("otuz", 30)):
    for _i, _w in enumerate(_TR_UNITS):
        _TR_WORDS[f"{_tens_word} {_w}"] = _tens + _i + 1

# --- Arabic (folded spelling: bare alef) ---------------------------------------------
_AR_M = ["اول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع"]
_AR_F = [
    "اولي",  # folded: alef maksura is ya
    "ثانية",
    "ثالثة",
    "رابعة",
    "خامسة",
    "سادسة",
    "سابعة",
    "ثامنة",
    "تاسعة",
]
AR_ORDINALS: dict[str, int] = {}
for _i, (_m, _f) in enumerate(zip(_AR_M, _AR_F, strict=True)):
    _n = _i + 1
    AR_ORDINALS["ال" + _m] = _n
    AR_ORDINALS["ال" + _f] = _n
    _m1 = "حادي" if _n == 1 else _m
    _f1 = "حادية" if _n == 1 else _f
    for _tail in ("عشر", "عشرة"):
        AR_ORDINALS[f"ال{_m1} {_tail}"] = 10 + _n
        AR_ORDINALS[f"ال{_f1} {_tail}"] = 10 + _n
    for _tens_word, _tens in (("عشرين", 20), ("عشرون", 20), ("ثلاثين", 30), ("ثلاثون", 30)):
        AR_ORDINALS[f"ال{_m1} وال{_tens_word}"] = _tens + _n
        AR_ORDINALS[f"ال{_f1} وال{_tens_word}"] = _tens + _n
AR_ORDINALS.update({"العاشر": 10, "العاشرة": 10, "العشرين": 20, "العشرون": 20,
                    "الثلاثين": 30, "الثلاثون": 30})  # fmt: skip

_FA_WORDS = {"اول": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پنجم": 5, "ششم": 6, "هفتم": 7,
             "هشتم": 8, "نهم": 9, "دهم": 10}  # fmt: skip

_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman(value: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(value):
        number = _ROMAN[ch]
        total = total - number if number < prev else total + number
        prev = max(prev, number)
    return total or None


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True)
    )


def _tr_alt(words) -> str:
    return (
        _alt(words)
        .replace("ı", "[ıi]")
        .replace("ü", "[üu]")
        .replace("ç", "[çc]")
        .replace("ş", "[şs]")
        .replace("ö", "[öo]")
    )


_EN_QUAL = (
    r"(?:international|high[- ]level|astana|astana[- ]format|format|syria|syrian|intra-syrian|"
    r"inter-syrian|peace|the|of|on)"
)
_EN_HEAD = r"(?:round|meeting|talks|session|negotiations|conference)"
_RU_HEAD = r"(?:раунд\w*|тур(?:а|е|ом)?|встреч\w*|переговор\w*|сесси\w*|заседани\w*|консультаци\w*)"
_RU_ADJ = r"(?:[а-я-]+(?:ый|ой|ий|ая|ую|ого|его|ом|ем|ых|их|ой|ей|ое|ее|ым|им)|по\s+сирии)"
# An ordinal stem with a cardinal's ending is a count, not a round: "девять встреч" (nine
# meetings), "после пяти раундов" (after five rounds), "двадцать раундов"; "третью" is ordinal.
_RU_NOT_CARDINAL = r"(?:(?<=трет)|(?!(?:ь|и|ью)(?![а-я])))"
_TR_HEAD = (
    r"(?:tur(?:u|un|unda|una|unun|da|nda|u'?nda)?|toplant[ıi]\w*|g[öo]r[üu][şs]me\w*|"
    r"m[üu]zakere\w*|oturum\w*)"
)
_AR_HEAD = (
    r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?(?:جولة|جولات|اجتماع|الاجتماع|لقاء|محادثات|مفاوضات|مؤتمر)"
)

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"(?<![\w-])(?P<word>{_alt(_EN_WORDS)}|(?P<digits>\d{{1,2}})(?:st|nd|rd|th))"
            rf"(?:[\s-]+{_EN_QUAL}){{0,4}}[\s-]+{_EN_HEAD}(?!\w)"
        ),
        "en",
    ),
    (re.compile(r"(?<!\w)round\s+(?P<digits>\d{1,2})(?![\d.,:]\d|\w)"), "en"),
    (
        re.compile(
            rf"(?<![\w-])(?:(?P<word>{_alt(_RU_STEMS)}){_RU_NOT_CARDINAL}[а-я]{{1,4}}|(?P<digits>\d{{1,2}})"
            rf"(?:-?(?:й|го|я|ой|ом|м|е|ая|ий|ого|ей|ую))|(?P<roman>[ivx]{{1,6}}))"
            rf"(?:\s+{_RU_ADJ}){{0,3}}\s+{_RU_HEAD}(?!\w)"
        ),
        "ru",
    ),
    (
        re.compile(
            rf"(?<![\w-])(?:(?P<word>{_tr_alt(_TR_WORDS)})|(?P<digits>\d{{1,2}})"
            rf"(?:\.|'(?:[ıiuü]?nc[ıiuü])|'(?:[ıiuü]nc[ıiuü])))"
            rf"(?:\s+[\w']+){{0,3}}?\s+{_TR_HEAD}(?!\w)"
        ),
        "tr",
    ),
    (
        re.compile(
            rf"{_AR_HEAD}(?:\s+(?:استان[اةه]|نور\s+سلطان))?(?:\s+(?:ال)?دولي(?:ة)?)?(?:\s+(?:رفيع\s+المستوي|حول\s+سوري[اة]))?\s+"
            rf"(?:رقم\s+)?(?:(?P<word>{_alt(AR_ORDINALS)})(?!\w)"
            rf"|\(?(?:الـ|ال|ـ)?\s*(?P<digits>\d{{1,2}})(?!\d)\)?)"
        ),
        "ar",
    ),
    (
        # Indefinite: "في جولة خامسة", "اجتماع ثالث" (the ordinal without its article).
        re.compile(
            rf"(?<!\w)[وف]?(?:ب|ل)?(?:جولة|اجتماع|لقاء)\s+"
            rf"(?P<word>{_alt(w[2:] for w in AR_ORDINALS)})(?!\w)"
        ),
        "ar_bare",
    ),
    (
        re.compile(rf"(?<!\w)(?:دور|نشست)\s+(?P<word>{_alt(_FA_WORDS)})(?!\w)"),
        "fa",
    ),
    (
        re.compile(
            r"(?<!\w)(?:astana|астана|نور سلطان|استانا|nur-sultan|нур-султан)(?:\s*-\s*|\s+)"
            r"(?P<digits>\d{1,2})(?![\d.,:/]|\w|\s*(?:ja|fe|ma|ap|ju|au|se|oc|no|de|я|ф|м|а|и|с|о|н|д)\w*\s*(?:\d|$))"
        ),
        "any",
    ),
]

# Numbers that belong to other processes or bodies, not to Astana rounds.
_REJECT_AFTER = re.compile(
    r"[\s,]*(?:of\s+(?:the\s+)?(?:un[- ]led\s+)?(?:syrian\s+)?"
    r"(?:geneva|constitutional|(?:joint\s+)?working\s+group|"
    r"voting|elections?|consultations?\s+between|intra-syrian\s+talks\s+in\s+geneva|sanctions)|"
    r"(?:at|on)\s+(?:the\s+)?(?:highest|summit|presidential|leaders'?)\s+level|"
    r"(?:of|between)\s+(?:the\s+)?(?:heads\s+of\s+state|presidents|leaders)|"
    r"на\s+высшем\s+уровне|глав\s+государств|liderler\w*|علي\s+مستوي\s+(?:ال)?(?:قمة|رؤساء)|"
    r"in\s+geneva|рабоч\w+\s+групп|конституционн\w+|в\s+женеве|женевск\w+|"
    r"çalışma\s+grub|anayasa|cenevre|"
    r"(?:ل)?(?:مجموعة|فريق)\s+العمل|(?:ل|في\s+)?جنيف|(?:ل)?(?:ال)?لجنة\s+(?:ال)?دستورية)"
)
_REJECT_BEFORE = re.compile(
    r"(?:geneva|женев\w*|cenevre(?:'?\w+)?|جنيف|çalışma\s+grubu\w*|working\s+group'?s?|"
    r"summit|саммит\w*|zirve\w*|قمة|trilateral|трехсторонн\w*)[\s,]*(?:[\w']+\s+){0,2}$"
)


def _value(match: re.Match[str], lang: str) -> int | None:
    groups = match.groupdict()
    if groups.get("digits"):
        return int(groups["digits"])
    if groups.get("roman"):
        return _roman(groups["roman"])
    word = re.sub(r"[\s-]+", " ", groups.get("word") or "")
    if lang == "en":
        return _EN_WORDS.get(word) or _EN_WORDS.get(word.replace(" ", "-"))
    if lang == "ru":
        return _RU_STEMS.get(word)
    if lang == "tr":
        for candidate, number in _TR_WORDS.items():
            if re.fullmatch(_tr_alt([candidate]), word):
                return number
        return None
    if lang == "ar":
        return AR_ORDINALS.get(word)
    if lang == "ar_bare":
        return AR_ORDINALS.get("ال" + word)
    if lang == "fa":
        return _FA_WORDS.get(word)
    return None


def find_round_numbers(text: str, folded: str | None = None) -> list[RoundMention]:
    """Round numbers stated in ``text``, in text order, without overlaps."""
    folded = fold(text) if folded is None else folded
    found: list[RoundMention] = []
    for pattern, lang in _PATTERNS:
        for match in pattern.finditer(folded):
            number = _value(match, lang)
            if not number or number > MAX_ROUND:
                continue
            if _REJECT_AFTER.match(folded, match.end()) or _REJECT_BEFORE.search(
                folded, max(0, match.start() - 40), match.start()
            ):
                continue
            found.append(RoundMention(number, match.start(), match.end()))
    found.sort(key=lambda m: (m.start, -m.end))
    result: list[RoundMention] = []
    for mention in found:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result
