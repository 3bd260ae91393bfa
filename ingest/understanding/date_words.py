"""The vocabulary of dates in en/ru/tr/ar: month names (Levantine and Egyptian ones too), days,
ranges, windows ("second half of February", "early July", "اواخر"), seasons, relative days and
weekdays, and the words beside a date that set its tense. Plain patterns on folded text, read by
:mod:`.dates`.
"""

from __future__ import annotations

import re

from .ordinals import AR_ORDINALS

_MONTHS: list[tuple[int, str]] = [
    (1, r"january|jan\.?|январ[а-я]*|ocak\w*|يناير|كانون\s+الثاني|جانفي"),
    (2, r"february|feb\.?|феврал[а-я]*|[şs]ubat\w*|فبراير|شباط|فيفري"),
    (3, r"march|mar\.|март[а-я]*|mart\w*|مارس|اذار"),
    (4, r"april|apr\.?|апрел[а-я]*|nisan\w*|ابريل|افريل|نيسان"),
    (5, r"may|ма[йяе]|may[ıi]s\w*|مايو|ماي|ايار"),
    (6, r"june|jun\.?|июн[а-я]*|haziran\w*|يونيو|يونيه|حزيران|جوان"),
    (7, r"july|jul\.?|июл[а-я]*|temmuz\w*|يوليو|يوليه|تموز|جويلية"),
    (8, r"august|aug\.?|август[а-я]*|a[ğg]ustos\w*|اغسطس|اب|اوت"),
    (9, r"september|sept?\.?|сентябр[а-я]*|eyl[üu]l\w*|سبتمبر|ايلول"),
    (10, r"october|oct\.?|октябр[а-я]*|ekim\w*|اكتوبر|تشرين\s+الاول"),
    (11, r"november|nov\.?|ноябр[а-я]*|kas[ıi]m\w*|نوفمبر|تشرين\s+الثاني"),
    (12, r"december|dec\.?|декабр[а-я]*|aral[ıi]k\w*|ديسمبر|كانون\s+الاول"),
]
_MONTH_RES = [(n, re.compile(rf"(?:{p})(?!\w)")) for n, p in _MONTHS]
_M1 = r"(?<!\w)(?:" + "|".join(p for _, p in _MONTHS) + r")(?:'\w+)?(?!\w)"
MONTH = rf"{_M1}(?:\s*[/(]\s*{_M1}\s*\)?)?"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_DSUF = r"(?:st|nd|rd|th|-?го|-?е|-?ого)?"
_Y = r"(?:19|20)\d\d"
_YS = r"(?:\s*(?:года|г\.|'?(?:de|da|te|ta|te)|y[ıi]l[ıi]\w*))?"
_CONN = r"\s*(?:-|/|to|and|&|till|until|through|и|по|ve|ile|و|الي|حتي)\s*"
_AR_DAY = "|".join(re.escape(w) for w in sorted(AR_ORDINALS, key=len, reverse=True))
_AR_DAY_VALUES = {w: n for w, n in AR_ORDINALS.items() if n <= 31}

_RANGE_DM = re.compile(
    rf"(?<![\d.])(?:с\s+|from\s+|between\s+|يومي\s+|من\s+)?(?P<d1>{_D}){_DSUF}"
    rf"(?:\s+(?:of\s+)?(?P<m1>{MONTH}))?{_CONN}(?P<d2>{_D}){_DSUF}\s+(?:of\s+)?(?:شهر\s+)?"
    rf"(?P<m2>{MONTH})(?:,?\s*(?:عام\s+|سنة\s+)?(?P<y>{_Y}){_YS})?"
)
_RANGE_MD = re.compile(
    rf"(?P<m1>{MONTH})\s+(?P<d1>{_D}){_DSUF}(?:,?\s*(?P<y1>{_Y}),?)?{_CONN}"
    rf"(?:(?P<m2>{MONTH})\s+)?(?P<d2>{_D}){_DSUF}(?![\d:])(?:,?\s*(?P<y>{_Y}))?"
)
_SINGLE_DM = re.compile(
    rf"(?<![\d.])(?P<d1>{_D}){_DSUF}\s+(?:of\s+)?(?:شهر\s+)?(?P<m1>{MONTH})"
    rf"(?:,?\s*(?:عام\s+|سنة\s+)?(?P<y>{_Y}){_YS})?"
)
_SINGLE_MD = re.compile(rf"(?P<m1>{MONTH})\s+(?P<d1>{_D}){_DSUF}(?![\d:])(?:,?\s*(?P<y>{_Y}))?")
_AR_ORDINAL_DAY = re.compile(
    rf"(?<!\w)(?P<dw>{_AR_DAY})\s+(?:من\s+)?(?:شهر\s+)?(?P<m1>{MONTH})"
    rf"(?:\s+(?:عام\s+|سنة\s+)?(?P<y>{_Y}))?"
)
_ISO = re.compile(r"(?<![\d-])(?P<y>20\d\d)-(?P<mn>[01]?\d)-(?P<d1>[0-3]?\d)(?!\d)")
_DOTTED = re.compile(r"(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>20\d\d)(?!\d)")
# Numeric dates: "29/1/2018", "29-30/1/2018", "29-30.01.2018" (day first, as written in every
# language here; "1/29/2018" is read month first because 29 cannot be a month).
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>[0-3]?\d)(?:\s*-\s*(?P<a2>[0-3]?\d))?[/.](?P<b>[0-3]?\d)[/.]"
    r"(?P<y>20\d\d)(?![\d/])"
)
_RU_DAY_ONLY = re.compile(rf"(?<![\d.])(?P<d1>{_D})(?:-?го)?\s+числа")

_MONTH_YEAR = re.compile(rf"(?P<m1>{MONTH}),?\s+(?:of\s+)?(?:عام\s+)?(?P<y>{_Y}){_YS}")
_MONTH_ALONE = re.compile(
    rf"(?<!\w)(?:(?:in|during|until|by|for)\s+|в\s+|(?:في|خلال)\s+(?:شهر\s+)?)(?P<m1>{MONTH})"
    rf"(?!\s*[\d/(])|(?P<m2>{MONTH})\s+ay[ıi]\w*"
)
_PARTS = (
    r"(?:the\s+)?(?:first|second|latter|last|1st|2nd)\s+half|early|beginning|start|mid|middle|"
    r"late|end|last\s+(?:week|days|ten\s+days)|first\s+(?:week|days|ten\s+days)|"
    r"перв\w*\s+половин\w*|втор\w*\s+половин\w*|начал\w*|середин\w*|конц\w*|"
    r"последн\w*\s+(?:недел\w*|декад\w*|дн\w*)|перв\w*\s+(?:недел\w*|декад\w*)|"
    r"النصف\s+الاول|النصف\s+الثاني|اواخر|نهاية|اوائل|مطلع|بداية|اواسط|منتصف|"
    r"الاسبوع\s+الاخير|الاسبوع\s+الاول|الثلث\s+الاخير"
)
_THIS_YEAR_WORDS = (
    r"this\s+year|the\s+year|the\s+current\s+year|next\s+year|(?:этого|текущего|следующего)\s+года|"
    r"العام\s+(?:الجاري|الحالي|المقبل|القادم)|هذا\s+العام|العام\s+المقبل"
)
_REL_MONTH = (
    r"(?P<relmonth>(?:the\s+)?(?:next|this|current|coming)\s+month|"
    r"(?:следующего|этого|текущего|нынешнего|будущего)\s+месяца|"
    r"(?:gelecek|bu|[öo]n[üu]m[üu]zdeki)\s+ay(?:[ıi]n)?|"
    r"(?:ال)?شهر\s+(?:ال)?(?:جاري|حالي|مقبل|قادم))"
)
_PART_WINDOW = re.compile(
    rf"(?<!\w)(?P<part>{_PARTS})(?:\s*-\s*|\s+of\s+(?:the\s+)?|\s+(?:من\s+)?(?:شهر\s+)?|\s+)"
    rf"(?:(?P<m1>{MONTH})(?:,?\s*(?:عام\s+)?(?P<y>{_Y}){_YS})?|(?:the\s+year\s+|عام\s+|العام\s+)?"
    rf"(?P<y2>{_Y}){_YS}|(?P<thisyear>{_THIS_YEAR_WORDS})|{_REL_MONTH})"
)
_TR_PART_REL_MONTH = re.compile(
    r"(?<!\w)(?P<relmonth>(?:gelecek|bu|[öo]n[üu]m[üu]zdeki)\s+ay)[ıi]n[ıi]n\s+"
    r"(?P<part>ilk\s+yar[ıi]s\w*|ikinci\s+yar[ıi]s\w*|ba[şs][ıi]\w*|ortas\w*|sonu\w*)"
)
# A day written without its month: "on the 14th", "the 22nd and 23rd of this month",
# "الـ14 من الشهر الجاري", "ayın 14'ünde". The month is the one last named, else the
# publication's (the next one when the day has passed and the wording is future).
_DSFX = r"(?:st|nd|rd|th|'[^\W\d_]{1,5})?"

_DAY_PAIR = rf"(?P<d1>{_D}){_DSFX}(?:\s*(?:and|&|-|و|ve)\s*(?:the\s+|ال)?(?P<d2>{_D}){_DSFX})?"
_NOT_A_DAY = (
    rf"(?![\d/.:])(?!\s*(?:{_M1}|%|{_Y}|round|meeting|session|international|high|"
    r"tur|toplant|جول|اجتماع|لقاء))"
)
_DAY_ONLY = re.compile(
    rf"(?<!\w)(?:on\s+the\s+|في\s+(?:ال)?|يوم\s+(?:ال)?|ay[ıi]n\s+){_DAY_PAIR}"
    rf"(?:\s+(?:of\s+|من\s+)?{_REL_MONTH})?{_NOT_A_DAY}"
)
_DAY_OF_REL_MONTH = re.compile(rf"(?<!\w)the\s+{_DAY_PAIR}\s+of\s+{_REL_MONTH}")
# "the same day", "в тот же день", "aynı gün", "في اليوم نفسه": the day last mentioned.
_SAME_DAY = re.compile(
    r"(?<!\w)(?:(?:on\s+)?the\s+same\s+day|в\s+(?:тот|этот)\s+же\s+день|ayn[ıi]\s+g[üu]n\w*|"
    r"(?:في\s+)?(?:اليوم\s+نفسه|نفس\s+اليوم|ذات\s+اليوم))(?!\w)"
)
# "next week", "this week", "на следующей неделе", "gelecek hafta", "الاسبوع المقبل"
_WEEK = re.compile(
    r"(?<!\w)(?:(?P<next>next\s+week|(?:на\s+)?следующей\s+неделе|(?:gelecek|[öo]n[üu]m[üu]zdeki)"
    r"\s+hafta\w*|(?:ال)?اسبوع\s+(?:ال)?(?:مقبل|قادم))|(?P<this>this\s+week|на\s+этой\s+неделе|"
    r"bu\s+hafta\w*|هذا\s+الاسبوع))(?!\w)"
)
# "after December 20": the days from the 21st to the end of that month.
_AFTER_BEFORE = re.compile(r"(?:after|после|بعد)\s+(?:the\s+)?$")
_AFTER_FOLLOWS = re.compile(r"^'?\w{0,4}\s+sonra")
# Words beside a date that set its tense whatever the sentence says: "last May", "14 و15 مايو
# الماضي", "geçen ocak ayında", "прошлого года"; "next March", "المقبل".
_LOCAL_PAST = re.compile(
    r"(?<!\w)(?:last|past|previous|прошл\w+|минувш\w+|ge[çc]en|ge[çc]ti[ğg]imiz|"
    r"(?:ال)?(?:ماضي|منصرم|فائت))(?!\w)"
)
_LOCAL_FUTURE = re.compile(
    r"(?<!\w)(?:next|coming|следующ\w+|будущ\w+|gelecek|[öo]n[üu]m[üu]zdeki|(?:ال)?(?:مقبل|قادم))(?!\w)"
)
_TR_PART_WINDOW = re.compile(
    rf"(?:(?P<m1>{MONTH})(?:\s+(?P<y>{_Y}))?|(?P<y2>{_Y})(?:'\w+)?|(?P<thisyear>bu\s+y[ıi]l\w*|"
    rf"gelecek\s+y[ıi]l\w*|y[ıi]l[ıi]n))\s+(?:ay[ıi]n[ıi]n\s+|ay[ıi]\s+|y[ıi]l[ıi]n[ıi]n\s+)?"
    r"(?P<part>ilk\s+yar[ıi]s\w*|ikinci\s+yar[ıi]s\w*|ba[şs][ıi]\w*|ba[şs]lar\w*|ortas\w*|"
    r"ortalar\w*|sonu\w*|sonlar\w*|son\s+haftas\w*|ilk\s+haftas\w*)"
)
_SEASON = re.compile(
    rf"(?<!\w)(?P<season>spring|summer|autumn|fall|winter|весн\w*|лет[оуа]м?|осен\w*|зим\w*|"
    rf"ربيع|صيف|خريف|شتاء)(?:\s+of)?\s+(?:عام\s+|العام\s+)?(?P<y>{_Y})"
    rf"|(?P<y2>{_Y})(?:'\w+)?\s+(?:y[ıi]l[ıi]n[ıi]n\s+)?(?P<season2>ilkbahar\w*|sonbahar\w*|"
    rf"yaz\w*|k[ıi][şs]\w*)"
    r"|(?<!\w)(?:in\s+the\s+|this\s+)(?P<season3>spring|summer|autumn|fall|winter)(?!\w)"
    r"|(?<!\w)(?P<season4>весной|летом|осенью|зимой|sonbaharda|ilkbaharda|في\s+الخريف|في\s+الربيع|"
    r"في\s+الصيف)(?!\w)"
)
_YEAR_END = re.compile(
    rf"(?<!\w)(?:(?:before|by|until|till)\s+(?:the\s+)?end\s+of\s+(?:(?P<y>{_Y})|(?P<t1>this\s+year|"
    rf"the\s+year|the\s+current\s+year))"
    rf"|до\s+конца\s+(?:(?:этого|текущего|нынешнего)\s+)?(?:(?P<y2>{_Y})\s+)?года"
    rf"|(?:(?P<y3>{_Y})(?:\s+y[ıi]l[ıi])?|bu\s+y[ıi]l[ıi]n|y[ıi]l)\s+(?:sonuna\s+kadar|"
    rf"sonundan\s+[öo]nce|bitmeden|sonuna\s+dek)"
    rf"|(?:قبل|بحلول|حتي)\s+(?:نهاية|انتهاء)\s+(?:(?:العام|عام|السنة|سنة)(?:\s+(?:الجاري|الحالي))?"
    rf"(?:\s+(?P<y4>{_Y}))?|(?P<y5>{_Y})|هذا\s+العام))"
)
_THIS_YEAR = re.compile(
    r"(?<!\w)(?:this\s+year|в\s+(?:этом|текущем|нынешнем)\s+году|bu\s+y[ıi]l(?:\s+i[çc]inde)?|"
    r"هذا\s+العام|العام\s+(?:الجاري|الحالي))(?!\w)"
)
_NEXT_MONTH = re.compile(
    r"(?<!\w)(?:next\s+month|(?:в\s+)?следующем\s+месяце|(?:gelecek|[öo]n[üu]m[üu]zdeki)\s+ay|"
    r"الشهر\s+(?:المقبل|القادم))(?!\w)"
)
_RELATIVE = re.compile(
    r"(?<!\w)(?:(?P<today>today|tonight|сегодня\w*|bug[üu]n\w*|اليوم(?!\s+(?:ال)?(?:اول|ثاني|ثالث|"
    r"ختامي|الاول|الثاني|الثالث|الختامي)))|(?P<yesterday>yesterday|вчера\w*|d[üu]n|امس|الامس)|"
    r"(?P<tomorrow>tomorrow|завтра\w*|yar[ıi]n|غدا))(?!\w)"
)
_WEEKDAYS = [
    r"monday|понедельник|pazartesi|الاثنين",
    r"tuesday|вторник|sal[ıi]|الثلاثاء",
    r"wednesday|среду|[çc]ar[şs]amba|الاربعاء",
    r"thursday|четверг|per[şs]embe|الخميس",
    r"friday|пятницу|cuma|الجمعة",
    r"saturday|субботу|cumartesi|السبت",
    r"sunday|воскресенье|pazar|الاحد",
]
_WEEKDAY = re.compile(
    r"(?<!\w)(?:on\s+|(?:в|во)\s+|يوم\s+)?(?:"
    + "|".join(f"(?P<w{i}>{p})" for i, p in enumerate(_WEEKDAYS))
    + r")(?:\s+g[üu]n[üu]\w*)?(?!\w)"
)
