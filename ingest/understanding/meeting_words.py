"""The vocabulary of meetings in en/ru/tr/ar: meeting nouns, future and past wording, words
that tie a date or a venue to another event, and the knowledge of which meetings are not rounds
of the Astana format. Plain patterns, read by :mod:`.candidates` and :mod:`.reasoning`; every
one runs on folded text (see ``_text.fold``).
"""

from __future__ import annotations

import re

from .gazetteer import GUARANTORS

ROUND = "round"
CONGRESS = "congress"
PREPARATORY = "preparatory_meeting"
SUMMIT = "summit"
WORKING_GROUP = "working_group"
OTHER = "other"
HELD = "held"
ANNOUNCED = "announced"


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
    r"состоится|состоятся|(?:мо(?:жет|гут)|должн[ыао]?)\s+(?:\w+\s+)?\w+(?:ть|ться|ти|чь)|пройд[её]т|пройдут|проведут|проведет|будет|будут|планиру\w+|намечен\w*|"
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
_OTHER_EVENT_NOUNS = (
    r"(?<!\w)(?:ceasefire|truce|memorandum|agreement|accord|deal|resolution|decision|elections?|"
    r"attack|offensive|escalation|перемири\w*|меморандум\w*|соглашени\w*|договор[её]нност\w*|"
    r"решени\w*|выбор\w*|ate[şs]kes\w*|mutabakat\w*|anla[şs]ma\w*|muht[ıi]ra\w*|se[çc]im\w*|"
    r"[وف]?(?:ال)?(?:اتفاق\w*|مذكرة|هدنة|انتخابات|قرار)|وقف\s+(?:ال)?اطلاق\s+(?:ال)?نار)"
)
# Any other event a sentence may date: the nouns above, and visits, votes and deadlines.
_OTHER_EVENT = re.compile(
    _OTHER_EVENT_NOUNS + r"|(?<!\w)(?:visit\w*|vote|voting|deadline|визит\w*|голосовани\w*|"
    r"срок\w*|ziyaret\w*|oylama\w*|[وف]?(?:ال)?(?:زيارة|تصويت|مهلة))(?!\w)"
)
_EVENT_BEFORE_DATE = re.compile(
    _OTHER_EVENT_NOUNS
    + r"(?:\s+[^\s,.;]+){0,3}?\s+(?:of|from|dated|signed\s+(?:on|in)|reached\s+on|agreed\s+on|"
    r"от|tarihli|بتاريخ|(?:ال)?موقع\w*\s+في|في)\s+(?:the\s+)?$"
)
# The day a statement was made, not the day of the meeting it is about: "the ministry announced
# today, Friday 19 January, the holding of a new round", "заявил сегодня, 19 января", "أعلنت
# الخارجية، اليوم الجمعة 19 كانون الثاني، عن انعقاد جولة". A reporting verb, then at most a
# subject, then "today" or a weekday right before the date.
_REPORTED_ON = re.compile(
    r"(?<!\w)(?:announced|said|stated|told|reported|declared|confirmed|заяви\w*|сообщи\w*|"
    r"объяви\w*|a[çc][ıi]kla\w*|duyur\w*|bildir\w*|[وف]?(?:اعلن\w*|قال\w*|صرح\w*|ذكر\w*|"
    r"افاد\w*|اكد\w*))(?:[^.;:!?\n]{0,60}?)[\s,،]+(?:on\s+)?(?:today|сегодня|bug[üu]n|اليوم)"
    r"[\s,،]*(?:\w+[\s,،]+)?$"
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


# A participle after a future auxiliary is not past: "will be held", "is to be held". In
# Arabic the verbal noun is spelt like the past verb ("عقد" is "held" and "the holding of"):
# after a word of deciding, agreeing, proposing or a preposition it is the noun, so "تقرر عقد
# اللقاء" (it was decided to hold the meeting) and "اتفقوا على عقد" are not past wording.
_PASSIVE_FUTURE = re.compile(
    r"(?:(?<!\w)(?:will|shall|to|would|may|could|must|be)\s+(?:be\s+)?|"
    r"(?<!\w)[وف]?(?:تقرر|قرر\w*|يقرر\w*|اتفق\w*|يتفق\w*|تتفق\w*|بحث|تبحث|يبحث|اقترح\w*|"
    r"يقترح\w*|تقترح\w*|يعتزم\w*|تعتزم\w*|ضرورة|امكانية|بصدد|علي|الي)\s+)$"
)


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
