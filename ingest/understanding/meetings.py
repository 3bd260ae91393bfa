"""Meetings held and announced: rounds, the Sochi congress, preparatory meetings, summits,
working-group sessions and other meetings (foreign ministers, experts, consultations).

Each sentence is read on its own. Meeting nouns ("triggers") are found first; every date and
every venue ("in Sochi", "в Астане", "Astana'da", "في أستانا") in the sentence is attached to
the nearest trigger. A trigger becomes a meeting when it carries a date, a venue or a round
number. Status is ``announced`` when the meeting's dates lie after the publication date (or,
without dates, when the wording is future: "will hold", "состоится", "yapılacak", "ستعقد",
"next round"), else ``held``. Meetings that describe the same event are merged; the quote is
the sentence that gave the most specific fact (its date, else its number, else its place).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import FUTURE, PAST, DateMention, find_dates
from .gazetteer import BY_NAME, GUARANTORS, Mention, canonical_name
from .ordinals import RoundMention
from .round_calendar import RoundCalendar
from .sentences import Sentence

ROUND = "round"
CONGRESS = "congress"
PREPARATORY = "preparatory_meeting"
SUMMIT = "summit"
WORKING_GROUP = "working_group"
OTHER = "other"
HELD = "held"
ANNOUNCED = "announced"


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting the text reports as held or announces, with the sentence it came from."""

    kind: str
    round_number: int | None
    place: str | None
    start: dt.date | None
    end: dt.date | None
    status: str
    quote: str
    confidence: float = 0.5
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "round_number": self.round_number,
            "place": self.place,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "status": self.status,
            "quote": self.quote,
            "confidence": self.confidence,
            "reason": self.reason,
        }


_SPECIFIC = [
    (
        CONGRESS,
        r"(?:syrian\s+)?(?:national\s+)?dialogue\s+congress|(?<!u\.s\.\s)(?<!us\s)congress(?!\w)|"
        r"конгресс\w*|kongre\w*|مؤتمر\s+(?:ال)?حوار\w*(?:\s+(?:ال)?وطني)?(?:\s+(?:ال)?سوري)?|"
        r"مؤتمر\s+سوتشي",
    ),
    (
        PREPARATORY,
        r"preparatory\s+(?:meeting|session|consultations?)|подготовительн\w+\s+(?:встреч|совещани|"
        r"заседани|консультаци)\w*|haz[ıi]rl[ıi]k\s+toplant\w+|"
        r"(?:ال)?اجتماع(?:ا|ات)?\s+(?:ال)?تحضيري\w*",
    ),
    (
        SUMMIT,
        r"summit|highest[- ]level\s+meeting|"
        r"meeting\s+of\s+(?:the\s+)?(?:heads\s+of\s+state|presidents)|"
        r"саммит\w*|встреч\w+\s+на\s+высшем\s+уровне|zirve\w*|(?<!\w)[وف]?(?:ب|ل)?(?:ال)?قمة(?!\w)",
    ),
    (
        WORKING_GROUP,
        r"(?:meeting|session)\s+of\s+the\s+(?:joint\s+)?working\s+group|working\s+group\s+(?:meeting|"
        r"session)|(?:заседани|встреч)\w+\s+(?:совместной\s+)?рабоч\w+\s+групп\w*|"
        r"[çc]al[ıi][şs]ma\s+grubu\w*\s+toplant\w+|اجتماع\s+(?:ل)?(?:مجموعة|فريق)\s+(?:ال)?عمل",
    ),
    (
        OTHER,
        r"foreign\s+ministers'?\s+meeting|meeting\s+of\s+(?:the\s+)?(?:\w+\s+)?foreign\s+ministers|"
        r"ministerial\s+meeting|expert(?:-level)?\s+(?:meeting|consultations|talks)|"
        r"technical\s+(?:meeting|talks|consultations)|consultations|"
        r"встреч\w+\s+(?:глав\s+)?мид|встреч\w+\s+министров\s+иностранных\s+дел|консультаци\w*|"
        r"экспертн\w+\s+встреч\w*|техническ\w+\s+встреч\w*|"
        r"d[ıi][şs]i[şs]leri\s+bakanlar[ıi]\s+toplant\w+|bakanlar\s+toplant\w+|isti[şs]are\w*|"
        r"uzman\w*\s+toplant\w+|teknik\s+toplant\w+|"
        r"اجتماع\s+(?:ل)?وزراء\s+(?:ال)?خارجية|(?:ال)?مشاورات|اجتماع\s+(?:ال)?خبراء|اجتماع\s+فني",
    ),
]
_SPECIFIC_RE = [(kind, re.compile(rf"(?<!\w)(?:{p})")) for kind, p in _SPECIFIC]
_GENERIC_ROUND = re.compile(
    r"(?<!\w)(?:round|раунд\w*|tur(?:u|un|unda|una|unun|da)?|[وف]?(?:بال|لل|ال|ب|ل)?جول(?:ة|ات))(?!\w)"
)
_GENERIC_TALKS = re.compile(
    r"(?<!\w)(?:talks|negotiations|переговор\w*|g[öo]r[üu][şs]me\w*|m[üu]zakere\w*|"
    r"[وف]?(?:بال|لل|ال|ب|ل)?(?:محادثات|مفاوضات))(?!\w)"
)
_GENERIC_MEETING = re.compile(
    r"(?<!\w)(?:meeting|conference|forum|встреч\w*|заседани\w*|форум\w*|toplant[ıi]\w*|"
    r"forum\w*|[وف]?(?:بال|لل|ال|ب|ل)?(?:اجتماعا?|اجتماعات|لقاءا?|منتدي))(?!\w)"
)
_NEGATIVE = re.compile(
    r"press\s+conference|пресс-конференц\w*|bas[ıi]n\s+toplant\w*|مؤتمر\s+صحف\w*|"
    r"(?:tele)?phone\s+(?:call|talks|conversation)|телефонн\w+\s+\w+|telefon\s+g[öo]r[üu][şs]\w*|"
    r"(?:اتصال|مكالمة)\s+هاتفي\w*|security\s+council\s+meeting|"
    r"geneva\s+(?:peace\s+)?(?:talks|negotiations|round|process|conference)|"
    r"(?:talks|negotiations)\s+in\s+geneva|женевск\w+\s+(?:переговор|раунд|процесс|конференц)\w*|"
    r"переговор\w*\s+в\s+женеве|cenevre\s+(?:g[öo]r[üu][şs]me|m[üu]zakere|s[üu]re[çc])\w*|"
    r"(?:محادثات|مفاوضات|مؤتمر)\s+جنيف|"
    r"(?:each|every|all|previous|past|several|many)\s+(?:\w+\s+)?(?:rounds?|meetings)"
    r"(?:\s+of\s+(?:the\s+)?(?:\w+\s+)?talks)?"
)
_ASTANA_CONTEXT = re.compile(
    r"astana|астан|нур-султан|nur-sultan|استان[اةه]|نور\s+سلطان|international\s+(?:high-level\s+)?"
    r"meeting|международн\w+\s+встреч|uluslararas[ıi]\s+toplant|(?:ال)?اجتماع\s+(?:ال)?دولي|"
    r"meeting\s+on\s+syria"
)
_FUTURE_CUE = re.compile(
    r"(?<!\w)(?:will|shall|may\s+(?:be|take|hold|meet|host)|could\s+(?:be|take|hold|meet|host)|"
    r"to\s+be\s+held|to\s+take\s+place|is\s+to|are\s+to|scheduled|planned|"
    r"plans?\s+to|is\s+expected|are\s+expected|upcoming|forthcoming|decided\s+to|agreed\s+to|"
    r"to\s+convene|to\s+hold|would|"
    r"состоится|состоятся|мо(?:жет|гут)\s+(?:пройти|состояться|приехать|провести)|пройд[её]т|пройдут|проведут|проведет|будет|будут|планиру\w+|намечен\w*|"
    r"запланирован\w*|решили|договорились|условились|прибуд\w+|"
    r"встрет(?:ятся|ится|иться)|собер(?:утся|[её]тся)|"
    r"\w+(?:ecek|acak|ece[ğg]|aca[ğg])\w*|planl\w*|[öo]ng[öo]r[üu]l\w*|"
    r"[وف]?(?:سيجتمع\w*|ستجتمع\w*|سيلتقي|ستلتقي|ستعقد|سيعقد|ستنعقد|ستنطلق|سينطلق|ستجري|سيجري|ستكون|سيكون|ستستضيف|ستقام|سيقام|"
    r"من\s+المقرر|من\s+المزمع|من\s+المتوقع|يتوقع\w*|تستضيف|يستضيف|المرتقب\w*|المزمع|تقرر|اتفق\w*\s+علي\s+عقد)|"
    r"(?:ال)?(?:مقبل|قادم)(?:ة)?)(?!\w)"
)
_PAST_CUE = re.compile(
    r"(?<!\w)(?:held|took\s+place|concluded|ended|wrapped\s+up|finished|completed|met|convened|"
    r"attended|hosted|was|were|summarized|summed\s+up|began|opened|started|kicked\s+off|"
    r"начал(?:ись|ся|ась|и|о)|открыл(?:ись|ся|ась|и|о)|стартовал\w*|ba[şs]lad[ıi]\w*|a[çc][ıi]ld[ıi]|"
    r"[وف]?(?:بدات|بدا|بدات|بدا|افتتحت|افتتح)|"
    r"встретил\w*|собрал(?:ись|ся|ась)|"
    r"прош[её]л|прошла|прошли|прошло|состоял\w*|заверши\w*|закончи\w*|проходил\w*|провели|"
    r"yap[ıi]ld[ıi]|d[üu]zenlendi|ger[çc]ekle[şs]tirildi|ger[çc]ekle[şs]ti|sona\s+erdi|"
    r"tamamland[ıi]|toplan[dt][ıi]|bir\s+araya\s+geldi\w*|"
    r"[وف]?(?:اجتمع|اجتمعت|اجتمعوا|التقي|التقت|التقوا)|yap[ıi]lan|d[üu]zenlenen|ger[çc]ekle[şs]tirilen|"
    r"[وف]?(?:عقدت|انعقدت|عقد|اختتمت|اختتم|انطلقت|انطلق|جرت|جري|استضافت|انتهت|انتهي|اختتام))(?!\w)"
)
# A postponed meeting is still to come, and the dates it had no longer hold.
_POSTPONED = re.compile(
    r"(?<!\w)(?:postpone\w*|put\s+off|delayed|rescheduled|перенес[её]н\w*|перенесл\w*|"
    r"отложен\w*|отложил\w*|перенос\w*|ertelen\w*|ertele\w*|"
    r"[وف]?(?:تاجيل|تاجيل|ارجا\w*|ارجئ\w*|تم\s+تاجيل|اجلت|اجلت))(?!\w)"
)
# After "postponed", a date introduced by these words is the new date.
_NEW_DATE_BEFORE = re.compile(r"(?:to|until|till|на|до|الي|الي|حتي)\s+(?:the\s+|early\s+)?$")
# A meeting named only by a verb ("the guarantors will meet again", "delegations met",
# "стороны встретятся", "taraflar bir araya gelecek", "سيجتمع الضامنون"). Read only in a
# sentence with no meeting noun, and only when the sentence says who meets (see _GROUP).
_MEET_VERB = re.compile(
    r"(?<!\w)(?:meet(?:s|ing)?(?=\s+(?:again|in|on|at|next|later|early|late|mid|before|after|"
    r"for|to|this|during))|met|convened?|reconvene|gathered|"
    r"встрет\w+|встреча(?:ются|ться)|собер(?:утся|[её]тся)|собрал(?:ись|ся|ась)|"
    r"bir\s+araya\s+gel\w*|toplan(?!t)\w*|"
    r"[وف]?(?:س|ل)?(?:ي|ت|ا)جتمع\w*|[وف]?(?:س)?(?:ي|ت)لتق\w*|[وف]?التق(?:ي|ت|وا))(?!\w)"
)
_GROUP = re.compile(
    r"(?<!\w)(?:delegations?|sides|parties|guarantors?|envoys|diplomats|negotiators|"
    r"representatives|they|делегаци\w*|сторон\w*|гарант\w*|представител\w*|переговорщик\w*|"
    r"heyet\w*|taraf\w*|garant[öo]r\w*|temsilci\w*|"
    r"[وف]?(?:ال)?(?:وفود|وفد|اطراف|اطراف|ضامن\w*|دول\s+الضامنة|ممثل\w*|جانب\w*))(?!\w)"
)
_NEXT = re.compile(
    r"(?:next|upcoming|forthcoming|following|subsequent|future|следующ\w*|будущ\w*|"
    r"bir\s+sonraki|gelecek|[öo]n[üu]m[üu]zdeki|sonraki)[\s\w'-]{0,25}$"
)
_NEXT_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:ال)?(?:مقبل|قادم)\w*")
_BLOCK_AFTER_DATE = re.compile(
    r"^[\s,]*(?:agreement|memorandum|decision|resolution|ceasefire|truce|statement|deadline|"
    r"соглашени\w*|меморандум\w*|решени\w*|перемири\w*|anla[şs]ma\w*|mutabakat\w*|muht[ıi]ra\w*|"
    r"karar\w*|ate[şs]kes\w*|اتفاق\w*|مذكرة|قرار)"
)
# A date that follows another event's noun belongs to that event: "the ceasefire of December
# 30", "the memorandum signed on 4 May", "меморандума от 17 сентября", "17 Eylül tarihli
# mutabakat", "مذكرة التفاهم الموقعة في 17 أيلول".
_EVENT_BEFORE_DATE = re.compile(
    r"(?<!\w)(?:ceasefire|truce|memorandum|agreement|accord|deal|resolution|decision|elections?|"
    r"attack|offensive|escalation|перемири\w*|меморандум\w*|соглашени\w*|договор[её]нност\w*|"
    r"решени\w*|выбор\w*|ate[şs]kes\w*|mutabakat\w*|anla[şs]ma\w*|muht[ıi]ra\w*|se[çc]im\w*|"
    r"[وف]?(?:ال)?(?:اتفاق\w*|مذكرة|هدنة|انتخابات|قرار)|وقف\s+(?:ال)?اطلاق\s+(?:ال)?نار)"
    r"(?:\s+[^\s,.;]+){0,3}?\s+(?:of|from|dated|signed\s+(?:on|in)|reached\s+on|agreed\s+on|"
    r"от|tarihli|بتاريخ|(?:ال)?موقع\w*\s+في|في)\s+(?:the\s+)?$"
)
_BLOCK_BEFORE_DATE = re.compile(r"(?:by|since|as\s+of|until|till|before|до|с)\s+(?:the\s+)?$")
_PROCESS_AFTER = re.compile(
    r"^[\s-]*(?:process|format|talks|peace|platform|guarantor|trio|troika|процесс|формат|"
    r"s[üu]re[cç]\w*|format\w*|g[öo]r[üu][şs]me\w*|bar[ıi][şs])"
)
_PROCESS_BEFORE = re.compile(r"(?:مسار|صيغة|محادثات|مفاوضات|عملية|منصة|ضامني|اجتماعات)\s+$")
_GUARANTOR_NAMES = frozenset(GUARANTORS)
_PRECISION_RANK = {"day": 2, "relative": 1, "window": 0}
_RELATIONAL = re.compile(
    r"(?<!\w)(?:before|prior\s+to|ahead\s+of|after|following|перед|после|накануне|"
    r"[öo]nce\w*|sonra\w*|قبل|بعد|عقب)(?!\w)"
)
_LOCATIVE_BEFORE = re.compile(
    r"(?<!\w)(?:in|at|в|во|на|في|held|hosted\s+by)\s+(?:the\s+)?"
    r"(?:(?:city|resort(?:\s+city)?|black\s+sea\s+resort)\s+of\s+|(?:курортном\s+)?городе\s+|"
    r"(?:مدينة|العاصمة)\s+)?$"
)
_TR_LOCATIVE = re.compile(r"'(?:n?d[ae]|n?t[ae])(?:ki)?$")
# How far (in characters) a date or a venue may sit from the meeting noun it describes.
_MAX_DATE_GAP = 140
_MAX_VENUE_GAP = 70


@dataclass
class _Candidate:
    kind: str
    start_pos: int
    end_pos: int
    sentence: Sentence
    generic: bool = False
    number: int | None = None
    is_next: bool = False
    place: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    precise: int = 0  # 2: a stated day, 1: a relative day ("Friday"), 0: a window
    status: str = HELD
    quote: str = ""
    quote_rank: int = 0
    verb: bool = False  # named only by a verb ("will meet again")
    year_explicit: bool = True  # False when the year of the dates was inferred
    past_wording: bool = False  # the nearest wording to the noun is in the past
    from_calendar: bool = False  # dates taken from the curated calendar
    bilateral: bool = False  # talks of two states, not a meeting of the process
    date_span: tuple[int, int] | None = None  # where the chosen date stands in the text
    number_stated: bool = False  # the text states the round's number
    place_stated: bool = False  # the text names the venue
    from_publication: bool = False  # dated by the publication day alone


# A participle after a future auxiliary is not past: "will be held", "is to be held".
_PASSIVE_FUTURE = re.compile(r"(?:will|shall|to|would|may|could|must|be)\s+(?:be\s+)?$")


def _tense_near(local: str):
    """A function giving, for a span of ``local`` (one sentence), the tense of the future or
    past wording nearest to it: "Ağustos ayında yapılan" is past even in a sentence that also
    says what will be written."""
    cues = [(m.start(), m.end(), FUTURE) for m in _FUTURE_CUE.finditer(local)]
    cues += [
        (m.start(), m.end(), PAST)
        for m in _PAST_CUE.finditer(local)
        if not _PASSIVE_FUTURE.search(local, max(0, m.start() - 16), m.start())
    ]

    def tense(start: int, end: int) -> str | None:
        if not cues:
            return None
        return min(cues, key=lambda c: (_gap(c[0], c[1], start, end), c[2] != FUTURE))[2]

    return tense


def _sentence_tense(text: str) -> str | None:
    if _FUTURE_CUE.search(text):
        return FUTURE
    if _PAST_CUE.search(text):
        return PAST
    return None


def _is_venue(mention: Mention, folded: str) -> bool:
    entry = mention.entry
    if entry.category not in ("city", "country") or entry.country == "Syria":
        return False
    if entry.name == "Syria":
        return False
    after = folded[mention.end : mention.end + 20]
    before = folded[max(0, mention.start - 25) : mention.start]
    surface = folded[mention.start : mention.end]
    if _PROCESS_AFTER.match(after) or _PROCESS_BEFORE.search(before):
        return False
    if _LOCATIVE_BEFORE.search(before) or _TR_LOCATIVE.search(surface):
        return True
    return surface.startswith(("ب", "وب", "فب")) and not entry.name.startswith("B")


def _gap(a_start, a_end, b_start, b_end) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _meeting_group(local: str, mentions: list[Mention], sentence: Sentence) -> bool:
    """True when the sentence says who meets: delegations, the sides, the guarantors, or the
    three guarantor countries (two of them meeting is a bilateral meeting, not a round)."""
    if _GROUP.search(local):
        return True
    named = {
        m.entry.name
        for m in mentions
        if sentence.start <= m.start < sentence.end and m.entry.name in _GUARANTOR_NAMES
    }
    return len(named) == len(_GUARANTOR_NAMES)


def _triggers(
    sentence: Sentence, folded: str, rounds: list[RoundMention], mentions: list[Mention] = ()
) -> list[_Candidate]:
    local = folded[sentence.start : sentence.end]
    base = sentence.start
    blocked = [(m.start() + base, m.end() + base) for m in _NEGATIVE.finditer(local)]
    found: list[_Candidate] = []

    def free(start, end):
        return not any(s < end and start < e for s, e in blocked) and not any(
            c.start_pos < end and start < c.end_pos for c in found
        )

    for mention in rounds:
        if sentence.start <= mention.start < sentence.end and free(mention.start, mention.end):
            found.append(
                _Candidate(
                    ROUND,
                    mention.start,
                    mention.end,
                    sentence,
                    number=mention.number,
                    number_stated=True,
                )
            )
    for kind, pattern in _SPECIFIC_RE:
        for match in pattern.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(kind, start, end, sentence))
    astana_context = bool(_ASTANA_CONTEXT.search(local))
    for pattern, kind in (
        (_GENERIC_ROUND, ROUND),
        (_GENERIC_TALKS, ROUND if astana_context else OTHER),
        (_GENERIC_MEETING, ROUND if astana_context else OTHER),
    ):
        for match in pattern.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(kind, start, end, sentence, generic=True))
    if not found and _meeting_group(local, mentions, sentence):
        for match in _MEET_VERB.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(ROUND, start, end, sentence, generic=True, verb=True))
    for candidate in found:
        before = folded[max(sentence.start, candidate.start_pos - 40) : candidate.start_pos]
        after = folded[candidate.end_pos : min(sentence.end, candidate.end_pos + 30)]
        candidate.is_next = bool(_NEXT.search(before) or _NEXT_AFTER.match(after))
    found.sort(key=lambda c: c.start_pos)
    return found


def _attach(candidates, items, span_of, max_gap, cost=None):
    """Attach each item to the candidate of lowest ``cost`` (default: distance in characters)
    among those within ``max_gap`` characters."""
    pairs = []
    for item in items:
        start, end = span_of(item)
        near = [c for c in candidates if _gap(c.start_pos, c.end_pos, start, end) <= max_gap]
        if not near:
            continue
        if cost is None:
            best = min(near, key=lambda c: _gap(c.start_pos, c.end_pos, start, end))
        else:
            best = min(near, key=lambda c: cost(c, item))
        pairs.append((best, item))
    return pairs


def _date_cost(folded: str, language: str | None, triggers: list[_Candidate]):
    """How unlikely it is that a date describes a meeting noun, in characters.

    The distance between them, plus: a relational word between them ("before the Congress",
    "перед Конгрессом", "Kongre'den önce", "قبل المؤتمر") says the date belongs to another
    meeting; another meeting noun between them says the same, more weakly; and outside Turkish
    a date usually follows its noun ("meeting on January 19-20", "совещание 19-20 января",
    "اجتماع يومي 19 و20"), so a date before the noun costs a little more.
    """

    def cost(trigger: _Candidate, date: DateMention) -> int:
        gap = _gap(trigger.start_pos, trigger.end_pos, date.span_start, date.span_end)
        date_first = date.span_end <= trigger.start_pos
        lo, hi = (
            (date.span_end, trigger.start_pos) if date_first else (trigger.end_pos, date.span_start)
        )
        between = folded[lo:hi] if lo < hi else ""
        total = gap
        if _RELATIONAL.search(between):
            total += 100
        if any(
            lo <= other.start_pos and other.end_pos <= hi and not other.generic
            for other in triggers
            if other is not trigger
        ):
            total += 40
        if date_first and language != "tr":
            total += 30
        return total

    return cost


def _nearest_cue(candidate: _Candidate, folded: str) -> tuple[str | None, int]:
    """ANNOUNCED or HELD from the future or past wording nearest the meeting noun (within 90
    characters, same sentence) and its distance, or (None, 0)."""
    s = candidate.sentence
    lo = max(s.start, candidate.start_pos - 90)
    hi = min(s.end, candidate.end_pos + 90)
    best, best_gap = None, None
    for pattern, tense in ((_FUTURE_CUE, ANNOUNCED), (_PAST_CUE, HELD)):
        for match in pattern.finditer(folded, lo, hi):
            if tense == HELD and _PASSIVE_FUTURE.search(
                folded, max(0, match.start() - 16), match.start()
            ):
                continue  # "will be held" is not past wording
            gap = _gap(candidate.start_pos, candidate.end_pos, match.start(), match.end())
            if best_gap is None or gap < best_gap:
                best, best_gap = tense, gap
    return best, best_gap or 0


def _nearest_tense(candidate: _Candidate, folded: str) -> str | None:
    return _nearest_cue(candidate, folded)[0]


# Future wording this close to the meeting noun ("Astana will host the 20th meeting") outweighs
# a stated date that lies before publication (a misstated year, a page re-dated later), when
# nothing in the sentence is worded in the past.
_STRONG_CUE_GAP = 30


def _status(
    candidate: _Candidate, folded: str, published: dt.date | None, calendar: RoundCalendar
) -> str:
    s = candidate.sentence
    if _POSTPONED.search(folded, s.start, s.end):
        return ANNOUNCED
    tense, gap = _nearest_cue(candidate, folded)
    if candidate.start and candidate.end and published:
        window = candidate.precise == _PRECISION_RANK["window"]
        if candidate.start > published:
            return ANNOUNCED
        if candidate.end < published:
            if (
                tense == ANNOUNCED
                and candidate.year_explicit
                and gap <= _STRONG_CUE_GAP
                and not _PAST_CUE.search(folded, s.start, s.end)
            ):
                return ANNOUNCED
            return HELD
        if not window and candidate.start < published:
            return HELD  # begun before publication: under way or just ended
        # The meeting starts on the publication day, or a window includes it ("in the first
        # half of the year"): the wording decides.
        if tense:
            return tense
        if not window:
            return HELD
    if candidate.is_next:
        return ANNOUNCED
    if tense:
        return tense
    if candidate.date_span:
        # No wording near the noun: the verb nearest the meeting's date ("consultations,
        # with the participation of ..., will be held on August 1").
        lo, hi = candidate.date_span
        by_date = _tense_near(folded[s.start : s.end])(lo - s.start, hi - s.start)
        if by_date:
            return ANNOUNCED if by_date == FUTURE else HELD
    if candidate.number and published and calendar:
        known = calendar.get(candidate.number)
        if known:
            return HELD if known.start <= published else ANNOUNCED
        last = calendar.last_round_before(published)
        if last and candidate.number > last:
            return ANNOUNCED
    return HELD


def _within(city: str, country: str) -> bool:
    """True when ``city`` lies in ``country`` ("Astana" in "Kazakhstan")."""
    return BY_NAME[city].country == country


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    if a.status != b.status:
        return False
    if a.kind != b.kind and not (
        {a.kind, b.kind} == {ROUND, OTHER} and (a.generic or b.generic) and (a.number or b.number)
    ):
        return False
    if a.number and b.number and a.number != b.number:
        return False
    if (
        a.place
        and b.place
        and a.place != b.place
        and not (_within(a.place, b.place) or _within(b.place, a.place))
    ):
        return False
    if a.start and b.start and (a.start > b.end or b.start > a.end):
        return False
    if a.number and a.number == b.number:
        return True
    if a.kind in (CONGRESS, PREPARATORY, SUMMIT) and a.kind == b.kind:
        return True
    if a.start and b.start:
        return True
    if a.kind == ROUND and b.kind == ROUND:
        return True
    return bool(a.place and a.place == b.place and (a.start or b.start or a.number or b.number))


def _merge_into(target: _Candidate, other: _Candidate) -> None:
    if other.kind != target.kind and other.kind != OTHER:
        target.kind = other.kind
    target.generic = target.generic and other.generic
    target.number = target.number or other.number
    if not target.place or (other.place and _within(other.place, target.place)):
        target.place = other.place or target.place
    if other.start and (not target.start or other.precise > target.precise):
        target.start, target.end, target.precise = other.start, other.end, other.precise
        target.year_explicit = other.year_explicit
    target.past_wording = target.past_wording or other.past_wording
    target.number_stated = target.number_stated or other.number_stated
    target.place_stated = target.place_stated or other.place_stated
    target.from_calendar = target.from_calendar and other.from_calendar
    if other.quote_rank > target.quote_rank:
        target.quote, target.quote_rank = other.quote, other.quote_rank


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    for candidate in candidates:
        for existing in merged:
            if _compatible(existing, candidate):
                _merge_into(existing, candidate)
                break
        else:
            merged.append(candidate)
    return merged


def find_dateline_place(text: str) -> str | None:
    """The city of a wire-style dateline ("ASTANA. KAZINFORM", "NUR-SULTAN, July 8. /TASS/")."""
    for match in _DATELINE.finditer(text[:800]):
        name = canonical_name(match.group("city"))
        if name:
            return name
    return None


# A wire header at the very start: "ASTANA, Sept 15 (Reuters) - ", "АСТАНА, 22 декабря. /ТАСС/.",
# "Астана, 21 декабря /Синьхуа/ --",
# "ASTANA, 22 Aralık (Sputnik) - ", "أستانا، 24 كانون الثاني (رويترز) - ". Its date is when the
# story was filed, not when a meeting took place.
_WIRE_HEADER = re.compile(
    r"^\s*[^\W\d_][^\n,،(]{1,40}?[,،]\s*[^\n]{0,40}?\d[^\n]{0,30}?"
    r"(?:\s*\([^()\n]{1,30}\)\s*[-–—]+|\s*\.?\s*/[^/\n]{1,15}/\s*(?:\.|[-–—]+)?|\s+[-–—]+)(?=\s)"
)


def wire_header_span(text: str) -> tuple[int, int]:
    """The span of a wire header ("ASTANA, Sept 15 (Reuters) -") opening the text or one of
    its first lines (after a headline or page furniture), or (0, 0) when there is none."""
    at = 0
    for _ in range(8):
        if at >= 800:
            break
        match = _WIRE_HEADER.match(text[at : at + 200])
        if match:
            return at, at + match.end()
        newline = text.find("\n", at)
        if newline < 0:
            break
        at = newline + 1
    return 0, 0


def wire_header_end(text: str) -> int:
    """The end offset of the wire header (see :func:`wire_header_span`), or 0."""
    return wire_header_span(text)[1]


_DATELINE = re.compile(
    r"(?m)^\s*(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ-]{2,}(?:\s[A-ZА-ЯЁ-]{3,})?)\s*(?:,|\.|\(|\s-)\s"
)


def extract_meetings(
    text: str,
    folded: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    rounds: list[RoundMention],
    *,
    published: dt.date | None,
    ref_year: int | None,
    calendar: RoundCalendar | None = None,
    language: str | None = None,
) -> list[Meeting]:
    """Meetings held and announced in ``text`` (see the module docstring for the method)."""
    calendar = calendar or RoundCalendar()
    candidates: list[_Candidate] = []
    previous_month: tuple[int, int] | None = None
    previous_day: dt.date | None = None
    header_start, header_end = wire_header_span(text)
    header_dates = (
        [
            d
            for d in find_dates(
                folded[header_start:header_end],
                published=published,
                ref_year=ref_year,
                offset=header_start,
            )
            if d.precision == "day"
        ]
        if header_end
        else []
    )
    # "Today" in a wire story is the day it was filed, which its header states.
    anchor = header_dates[-1].start if header_dates else published
    lead_seen = False
    for sentence in sentences:
        local = folded[sentence.start : sentence.end]
        is_lead = not lead_seen and sentence.end > header_end
        if sentence.end > header_end:
            lead_seen = True
        triggers = _triggers(sentence, folded, rounds, mentions)
        if not triggers:
            continue
        dates = find_dates(
            local,
            published=anchor,
            tense=_tense_near(local),
            ref_year=ref_year,
            offset=sentence.start,
            previous_month=previous_month,
            previous_day=previous_day,
        )
        if header_end:
            # The header's date is the filing date: drop it here, and give it below to a held
            # meeting of the lead sentence only if that sentence gives no date of its own.
            dates = [d for d in dates if not header_start <= d.span_start < header_end]
        if dates:
            previous_month = (dates[-1].end.year, dates[-1].end.month)
            exact = [d for d in dates if d.precision == "day" and d.start == d.end]
            previous_day = exact[-1].start if exact else previous_day
        if _POSTPONED.search(local):
            dates = [
                d
                for d in dates
                if _NEW_DATE_BEFORE.search(folded[max(0, d.span_start - 12) : d.span_start])
            ]
        if any(d.precision == "day" for d in dates):
            # An explicit date beats "Friday" or "today" in the same sentence.
            dates = [d for d in dates if d.precision != "relative"]
        usable_dates = [
            d
            for d in dates
            if not _BLOCK_AFTER_DATE.match(folded[d.span_end : d.span_end + 20])
            and not _BLOCK_BEFORE_DATE.search(folded[max(0, d.span_start - 12) : d.span_start])
            and not _EVENT_BEFORE_DATE.search(folded[max(0, d.span_start - 60) : d.span_start])
        ]
        date_cost = _date_cost(folded, language, triggers)
        for trigger, date in _attach(
            triggers, usable_dates, lambda d: (d.span_start, d.span_end), _MAX_DATE_GAP, date_cost
        ):
            if trigger.is_next and published and date.end <= published:
                continue  # the day it was announced, not the day the next meeting meets
            trigger.dates.append(date)
        if is_lead and header_dates and not usable_dates:
            for trigger in triggers:
                if (
                    trigger.kind in (ROUND, OTHER)
                    and not trigger.is_next
                    and not _POSTPONED.search(local)
                    and _nearest_tense(trigger, folded) != ANNOUNCED
                ):
                    # The filing date says "today", not which days the meeting ran.
                    trigger.dates.append(
                        dataclasses.replace(header_dates[-1], precision="relative")
                    )
                    break
        venues = [
            m for m in mentions if sentence.start <= m.start < sentence.end and _is_venue(m, folded)
        ]
        for trigger, venue in _attach(triggers, venues, lambda m: (m.start, m.end), _MAX_VENUE_GAP):
            if trigger.place is None or (
                trigger.place
                and venue.entry.category == "city"
                and trigger.place != venue.entry.name
                and BY_NAME[trigger.place].category == "country"
            ):
                trigger.place = venue.entry.name
                trigger.place_stated = True
        for trigger in triggers:
            if trigger.dates:
                # The likeliest date wins; an exact day beats a vague window.
                exact = [d for d in trigger.dates if d.precision != "window"] or trigger.dates
                nearest = min(exact, key=lambda d: date_cost(trigger, d))
                trigger.start, trigger.end = nearest.start, nearest.end
                trigger.precise = _PRECISION_RANK[nearest.precision]
                trigger.date_span = (nearest.span_start, nearest.span_end)
                trigger.year_explicit = nearest.year_explicit
            if not (trigger.start or trigger.place or trigger.number or trigger.is_next):
                continue
            if (
                trigger.generic
                and trigger.kind != ROUND
                and not (trigger.start or trigger.place or trigger.number)
            ):
                continue
            trigger.status = _status(trigger, folded, published, calendar)
            trigger.past_wording = _nearest_tense(trigger, folded) == HELD
            trigger.quote = sentence.text
            trigger.quote_rank = 3 if trigger.start else (2 if trigger.number else 1)
            candidates.append(trigger)
    return _finish(candidates, text, folded, published, calendar)


# Where rounds of the Astana format have met. A meeting the text places anywhere else (the
# guarantors' ministers in New York or Geneva, a summit in Tehran or Ankara, the Constitutional
# Committee in Geneva) is another meeting, unless the text numbers it as a round.
_FORMAT_VENUES = frozenset({"Astana", "Sochi", "Kazakhstan"})
# Meetings of heads of state are summits, whatever noun the text uses ("a meeting of the
# presidents", "رؤساء ... سيعقدون اجتماعا", "главы государств встретятся").
_HEADS_OF_STATE = re.compile(
    r"(?<!\w)(?:presidents|heads\s+of\s+state|leaders|президент(?:ы|ов)|глав\w*\s+государств|"
    r"лидер\w*|cumhurba[şs]kanlar\w*|liderler\w*|(?:ال)?رؤساء|(?:ال)?زعماء|قادة)(?!\w)"
)
# Bodies whose sessions are not Astana rounds.
_OTHER_BODY = re.compile(
    r"geneva|женев\w*|cenevre\w*|جنيف|constitutional\s+committee|конституционн\w+\s+(?:комитет|комисси)\w*|anayasa\s+komite\w*|"
    r"(?:ال)?لجنة\s+(?:ال)?دستورية|security\s+council|совбез\w*|совет\w*\s+безопасности|"
    r"g[üu]venlik\s+konseyi|مجلس\s+(?:ال)?امن"
)


# Talks of two states ("bilateral talks", "двусторонние консультации", "ikili görüşme",
# "محادثات ثنائية") are not meetings of the process, even on the day of one.
_BILATERAL = re.compile(r"(?<!\w)(?:bilateral|двусторонн\w*|ikili|(?:ال)?ثنائي\w*)(?!\w)")


def _classify(m: _Candidate, folded: str) -> None:
    """Negative knowledge: which meetings are not rounds of the Astana format."""
    s = m.sentence
    if m.generic and not m.number and m.kind in (ROUND, OTHER):
        around = folded[max(s.start, m.start_pos - 25) : min(s.end, m.end_pos + 25)]
        if _BILATERAL.search(around):
            m.bilateral = True
            return
    if m.kind != ROUND or m.number:
        return
    near = folded[max(s.start, m.start_pos - 60) : min(s.end, m.end_pos + 60)]
    elsewhere = (
        m.place and m.place not in _FORMAT_VENUES and BY_NAME[m.place].country != "Kazakhstan"
    )
    if elsewhere or _OTHER_BODY.search(near):
        m.kind = OTHER
    elif m.generic and _HEADS_OF_STATE.search(folded, s.start, s.end):
        m.kind = SUMMIT


def _dates_from_calendar(m: _Candidate, calendar: RoundCalendar, published) -> None:
    """Calendar reasoning for a held round the text numbers.

    With no date in the text, the round's dates are the curated ones. A relative date ("today",
    a filing date, "on Monday") that falls inside the curated span stands for the whole round.
    A day and month whose year was inferred, and which fall on the curated days of another
    year, take the curated year. A stated date that contradicts the curated one is kept as the
    text has it: linking turns the contradiction into a suggestion, never a silent override.
    """
    known = calendar.get(m.number)
    if known is None:
        return
    if m.start is None:
        m.start, m.end = known.start, known.end
        m.from_calendar = True
        return
    if m.precise == _PRECISION_RANK["relative"] and known.start <= m.start <= known.end:
        m.start, m.end = known.start, known.end
        m.from_calendar = True
        return
    if not m.year_explicit:
        _year_from_calendar(m, calendar)


def _year_from_calendar(m: _Candidate, calendar: RoundCalendar, slack_days: int = 15) -> None:
    """A day and month whose year was inferred take the year of the numbered round's curated
    dates when they fall within ``slack_days`` of them in that year."""
    known = calendar.get(m.number)
    if known is None or m.start.year == known.start.year:
        return
    try:
        shifted = m.start.replace(year=known.start.year)
        shifted_end = m.end.replace(year=known.start.year + (m.end.year - m.start.year))
    except ValueError:
        return
    if abs((shifted - known.start).days) <= slack_days:
        m.start, m.end = shifted, shifted_end


def _finish(
    candidates: list[_Candidate],
    text: str,
    folded: str,
    published: dt.date | None,
    calendar: RoundCalendar,
) -> list[Meeting]:
    for c in candidates:
        _classify(c, folded)
    candidates = [c for c in candidates if not c.bilateral]
    # Number held rounds by their dates, and "next round" by the round just held.
    for c in candidates:
        if c.kind == ROUND and not c.number and c.start and c.status == HELD:
            c.number = calendar.round_on(c.start, c.end)
    held_numbers = [c.number for c in candidates if c.number and c.status == HELD]
    # "The next round" follows the latest round the text reports as held.
    primary = max(held_numbers) if held_numbers else None
    if primary is None and published:
        primary = calendar.last_round_before(published)
    for c in candidates:
        if c.verb and c.status == ANNOUNCED:
            # "The guarantors will meet again in Astana": the next round.
            c.is_next = True
    for c in candidates:
        if c.is_next and c.kind == ROUND and not c.number:
            # "The next round" follows the round held in the same sentence, if any ("round 9
            # was held in May; the next round will be in July"), else the latest held.
            beside = [
                o.number
                for o in candidates
                if o.sentence is c.sentence and o.number and o.status == HELD and o is not c
            ]
            anchor = max(beside) if beside else primary
            if anchor:
                c.number = anchor + 1
                c.status = ANNOUNCED
    meetings = _merge(candidates)
    # Consultations or sessions on days of a round the text reports are part of that round's
    # programme ("consultations on August 1, the plenary on August 2"), not other meetings.
    spans = [(m.start, m.end, m.status) for m in meetings if m.kind == ROUND and m.start]
    meetings = [
        m
        for m in meetings
        if not (
            m.kind == OTHER
            and m.start
            and any(a <= m.start and m.end <= b and st == m.status for a, b, st in spans)
        )
    ]
    # A round the text reports as held is not also vaguely announced ("in July"): that
    # announcement was of the round now held. An announcement with its own days stays.
    held_rounds = {m.number for m in meetings if m.kind == ROUND and m.status == HELD and m.number}
    meetings = [
        m
        for m in meetings
        if not (
            m.kind == ROUND
            and m.status == ANNOUNCED
            and m.number in held_rounds
            and m.precise != _PRECISION_RANK["day"]
        )
    ]
    # A dated generic meeting and an undated numbered round held in the same text are one event.
    dated_generic = [
        m for m in meetings if m.generic and m.start and m.status == HELD and not m.number
    ]
    undated_rounds = [
        m for m in meetings if m.kind == ROUND and m.number and not m.start and m.status == HELD
    ]
    if len(undated_rounds) == 1 and len(dated_generic) == 1:
        target = undated_rounds[0]
        target.start, target.end = dated_generic[0].start, dated_generic[0].end
        target.place = target.place or dated_generic[0].place
        if dated_generic[0].quote_rank >= target.quote_rank:
            target.quote = dated_generic[0].quote
        meetings.remove(dated_generic[0])
    dateline = find_dateline_place(text)
    for m in meetings:
        if m.kind == ROUND and m.status == ANNOUNCED and m.start and not m.year_explicit:
            _year_from_calendar(m, calendar)
        if m.kind != ROUND or m.status != HELD:
            continue
        if m.place is None:
            m.place = calendar.city(m.number) or (
                dateline if dateline in ("Astana", "Sochi") else None
            )
        _dates_from_calendar(m, calendar, published)
    if published:
        lead_end = max(400, len(text.split("\n", 3)[0]) + 1)
        for m in meetings:
            if (
                m.status == HELD
                and m.start is None
                and not m.number
                and m.kind in (ROUND, OTHER)
                and m.past_wording
                and text.find(m.quote) < lead_end
            ):
                # A meeting the lead reports as held, without a date: a dated meeting the text
                # reports around publication (the same event), else the round the calendar
                # has under way or just ended, else the publication day.
                if any(
                    o is not m
                    and o.status == HELD
                    and o.start
                    and abs((o.start - published).days) <= 3
                    for o in meetings
                ):
                    continue
                recent = calendar.round_near(published) if m.kind == ROUND else None
                if recent is not None:
                    m.number = recent.number
                    m.start, m.end = recent.start, min(recent.end, published)
                    m.from_calendar = True
                else:
                    m.start = m.end = published
                    m.from_publication = True
    result = []
    for m in meetings:
        if m.status == HELD and not (m.start or m.number):
            # A held meeting known only by its place is too weak to report.
            continue
        confidence, reason = _confidence(m)
        result.append(
            Meeting(
                m.kind, m.number, m.place, m.start, m.end, m.status, m.quote, confidence, reason
            )
        )
    return result


def _confidence(m: _Candidate) -> tuple[float, str]:
    """How far the text itself supports the meeting, from 0 to 1, and why.

    Stated facts weigh most (a number, exact days, a venue named in the text); facts inferred
    from the curated calendar or the publication date weigh little; a meeting named only by a
    verb or a generic noun ("talks", "meeting") weighs less than a specific one.
    """
    score, why = 0.4, []
    if m.number:
        score += 0.25 if m.number_stated else 0.1
        why.append("number stated" if m.number_stated else "number inferred")
    if m.start:
        if m.from_calendar:
            score += 0.05
            why.append("dates from the curated calendar")
        elif m.from_publication:
            why.append("dated by the publication day")
        else:
            score += {2: 0.2, 1: 0.1, 0: 0.1}[m.precise]
            why.append({2: "days stated", 1: "relative day", 0: "period stated"}[m.precise])
    if m.place:
        score += 0.1 if m.place_stated else 0.03
        why.append("venue stated" if m.place_stated else "venue inferred")
    if m.verb:
        score -= 0.15
        why.append("named only by a verb")
    elif not m.generic:
        score += 0.1
        why.append("named by its own noun")
    return round(min(0.99, max(0.05, score)), 2), "; ".join(why)
