"""Places and participants of the Astana process, with aliases in en/ru/tr/ar.

``GAZETTEER`` is plain data (a tuple of frozen :class:`GazetteerEntry`) so the curated-data
loader can reuse it; :func:`gazetteer_records` returns it as JSON-ready dicts.

Canonical names are English. Astana and Nur-Sultan (the city's name from March 2019 to
September 2022) are one place whose canonical name is ``"Astana"``: the city is one Place
record, and the name used at the time stays visible in each quote.

Matching runs on folded text (see ``_text.fold``) and tolerates inflection: Russian words
match by stem, Turkish proper nouns take suffixes after an apostrophe ("Astana'da"), and
Arabic names take the clitics و ف ب ل ك ("وروسيا", "بأستانا").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ._text import fold

PLACE = "place"
PARTICIPANT = "participant"
MEDIA = "media"  # a news outlet: neither a place nor a participant, whatever its name holds


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A place or a participant, with every name it goes by.

    ``aliases`` maps a language code to plain spellings (no regex). ``acronyms`` are matched
    case-sensitively on the original text (``UN``, ``ООН``, ``BM``). ``category`` is
    ``city``, ``country``, ``governorate``, ``region`` or ``organisation``/``party``.
    ``lat``/``lon`` and ``governorate`` are set for places (``governorate`` only in Syria).
    """

    name: str
    kind: str
    category: str
    aliases: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    acronyms: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    governorate: str | None = None
    country: str | None = None


def _e(name, kind, category, en=(), ru=(), tr=(), ar=(), acronyms=(), **extra):
    aliases = {"en": (name, *en), "ru": tuple(ru), "tr": tuple(tr), "ar": tuple(ar)}
    return GazetteerEntry(name, kind, category, aliases, tuple(acronyms), **extra)


# fmt: off
GAZETTEER: tuple[GazetteerEntry, ...] = (
    # --- venues and cities outside Syria -------------------------------------------------
    _e("Astana", PLACE, "city",
       en=("Nur-Sultan", "Nur Sultan", "Nursultan", "capital of Kazakhstan", "Kazakh capital",
           "Kazakhstan's capital", "Kazakhstani capital"),
       ru=("Астана", "Нур-Султан", "Нурсултан", "столица Казахстана", "казахстанская столица"),
       tr=("Astana", "Nur-Sultan", "Nursultan", "Kazakistan'ın başkenti", "Kazak başkenti",
           "Kazakistan başkenti"),
       ar=("أستانا", "أستانة", "آستانا", "نور سلطان", "نورسلطان", "نور-سلطان",
           "العاصمة الكازاخية", "العاصمة الكازاخستانية", "عاصمة كازاخستان"),
       lat=51.1694, lon=71.4491, country="Kazakhstan"),
    _e("Sochi", PLACE, "city", ru=("Сочи",), tr=("Soçi", "Sochi"), ar=("سوتشي", "سوتشى"),
       lat=43.5855, lon=39.7231, country="Russia"),
    _e("Geneva", PLACE, "city", ru=("Женева",), tr=("Cenevre",), ar=("جنيف",),
       lat=46.2044, lon=6.1432, country="Switzerland"),
    _e("Ankara", PLACE, "city", ru=("Анкара",), tr=("Ankara",), ar=("أنقرة",),
       lat=39.9334, lon=32.8597, country="Turkey"),
    _e("Tehran", PLACE, "city", en=("Teheran",), ru=("Тегеран",), tr=("Tahran",), ar=("طهران",),
       lat=35.6892, lon=51.3890, country="Iran"),
    _e("Moscow", PLACE, "city", ru=("Москва",), tr=("Moskova",), ar=("موسكو",),
       lat=55.7558, lon=37.6173, country="Russia"),
    _e("Cairo", PLACE, "city", ru=("Каир",), tr=("Kahire",), ar=("القاهرة",),
       lat=30.0444, lon=31.2357, country="Egypt"),
    _e("Amman", PLACE, "city", ru=("Амман",), tr=("Amman",), ar=("عمان",),
       lat=31.9539, lon=35.9106, country="Jordan"),
    _e("Vienna", PLACE, "city", ru=("Вена",), tr=("Viyana",), ar=("فيينا",),
       lat=48.2082, lon=16.3738, country="Austria"),
    _e("Doha", PLACE, "city", ru=("Доха",), tr=("Doha",), ar=("الدوحة",),
       lat=25.2854, lon=51.5310, country="Qatar"),
    _e("Istanbul", PLACE, "city", ru=("Стамбул",), tr=("İstanbul",), ar=("إسطنبول", "اسطنبول"),
       lat=41.0082, lon=28.9784, country="Turkey"),
    _e("New York", PLACE, "city", ru=("Нью-Йорк",), tr=("New York",), ar=("نيويورك",),
       lat=40.7128, lon=-74.0060, country="United States"),
    _e("Riyadh", PLACE, "city", ru=("Эр-Рияд", "Рияд"), tr=("Riyad",), ar=("الرياض",),
       lat=24.7136, lon=46.6753, country="Saudi Arabia"),
    # --- countries that are places, not participants -----------------------------------
    _e("Syria", PLACE, "country", en=("Syrian Arab Republic",),
       ru=("Сирия", "Сирийская Арабская Республика"), tr=("Suriye",), ar=("سوريا", "سورية"),
       acronyms=("САР",), lat=35.0, lon=38.5),
    _e("Qatar", PLACE, "country", ru=("Катар",), tr=("Katar",), ar=("قطر",),
       lat=25.3548, lon=51.1839),
    # --- Syria: governorates, cities and areas -----------------------------------------
    _e("Damascus", PLACE, "city", ru=("Дамаск",), tr=("Şam",), ar=("دمشق",),
       lat=33.5138, lon=36.2765, governorate="Damascus", country="Syria"),
    _e("Idlib", PLACE, "governorate", en=("Idleb",), ru=("Идлиб",), tr=("İdlib",), ar=("إدلب",),
       lat=35.9306, lon=36.6339, governorate="Idlib", country="Syria"),
    _e("Aleppo", PLACE, "governorate", ru=("Алеппо", "Халеб"), tr=("Halep",), ar=("حلب",),
       lat=36.2021, lon=37.1343, governorate="Aleppo", country="Syria"),
    _e("Hama", PLACE, "governorate", en=("Hamah",), ru=("Хама",), tr=("Hama",), ar=("حماة",),
       lat=35.1318, lon=36.7578, governorate="Hama", country="Syria"),
    _e("Homs", PLACE, "governorate", ru=("Хомс",), tr=("Humus",), ar=("حمص",),
       lat=34.7324, lon=36.7137, governorate="Homs", country="Syria"),
    _e("Latakia", PLACE, "governorate", en=("Lattakia",), ru=("Латакия",), tr=("Lazkiye",),
       ar=("اللاذقية",), lat=35.5317, lon=35.7901, governorate="Latakia", country="Syria"),
    _e("Daraa", PLACE, "governorate", en=("Deraa", "Dara'a"), ru=("Дараа", "Деръа"),
       tr=("Dera", "Deraa", "Dara"), ar=("درعا",),
       lat=32.6189, lon=36.1021, governorate="Daraa", country="Syria"),
    _e("Quneitra", PLACE, "governorate", en=("Kuneitra",), ru=("Кунейтра", "Эль-Кунейтра"),
       tr=("Kuneytra",), ar=("القنيطرة",),
       lat=33.1250, lon=35.8244, governorate="Quneitra", country="Syria"),
    _e("Eastern Ghouta", PLACE, "region", en=("East Ghouta", "Eastern Guta"),
       ru=("Восточная Гута",), tr=("Doğu Guta",), ar=("الغوطة الشرقية",),
       lat=33.55, lon=36.40, governorate="Rif Dimashq", country="Syria"),
    _e("Deir ez-Zor", PLACE, "governorate", en=("Deir ez Zor", "Deir Ezzor", "Deir al-Zour"),
       ru=("Дейр-эз-Зор",), tr=("Deyrizor",), ar=("دير الزور",),
       lat=35.3359, lon=40.1408, governorate="Deir ez-Zor", country="Syria"),
    _e("Raqqa", PLACE, "governorate", en=("Raqqah",), ru=("Ракка",), tr=("Rakka",), ar=("الرقة",),
       lat=35.9594, lon=39.0079, governorate="Raqqa", country="Syria"),
    _e("Afrin", PLACE, "city", ru=("Африн",), tr=("Afrin",), ar=("عفرين",),
       lat=36.5119, lon=36.8695, governorate="Aleppo", country="Syria"),
    _e("Manbij", PLACE, "city", ru=("Манбидж",), tr=("Münbiç",), ar=("منبج",),
       lat=36.5281, lon=37.9549, governorate="Aleppo", country="Syria"),
    # --- participants ----------------------------------------------------------------------
    _e("Russia", PARTICIPANT, "country",
       en=("Russian Federation", "Russian", "Russians", "Moscow's"),
       ru=("Россия", "Российская Федерация", "российский", "россияне"),
       tr=("Rusya", "Rus"), ar=("روسيا", "الروسي", "الروسية", "الروس"),
       acronyms=("РФ",)),
    _e("Iran", PARTICIPANT, "country", en=("Islamic Republic of Iran", "Iranian", "Iranians"),
       ru=("Иран", "иранский"), tr=("İran", "İranlı"),
       ar=("إيران", "الإيراني", "الإيرانية", "الإيرانيين", "الإيرانيون")),
    _e("Turkey", PARTICIPANT, "country", en=("Türkiye", "Turkiye", "Turkish", "Turks"),
       ru=("Турция", "турецкий", "Турецкая Республика"), tr=("Türkiye", "Türk"),
       ar=("تركيا", "التركي", "التركية", "الأتراك")),
    _e("Kazakhstan", PARTICIPANT, "country", en=("Kazakh", "Kazakhstani"),
       ru=("Казахстан", "казахстанский", "Республика Казахстан"), tr=("Kazakistan", "Kazak"),
       ar=("كازاخستان", "الكازاخي", "الكازاخية", "الكازاخستاني", "الكازاخستانية")),
    _e("United Nations", PARTICIPANT, "organisation",
       en=("U.N.", "Staffan de Mistura", "de Mistura", "Geir Pedersen", "Pedersen"),
       ru=("Организация Объединенных Наций", "де Мистура", "Педерсен"),
       tr=("Birleşmiş Milletler", "de Mistura", "Pedersen"),
       ar=("الأمم المتحدة", "دي ميستورا", "بيدرسون", "بيدرسن"),
       acronyms=("UN", "ООН", "BM", "U.N.")),
    _e("Jordan", PARTICIPANT, "country", en=("Jordanian",), ru=("Иордания", "иорданский"),
       tr=("Ürdün",), ar=("الأردن", "الأردني", "الأردنية")),
    _e("United States", PARTICIPANT, "country",
       en=("United States of America", "U.S.", "Washington"),
       ru=("Соединенные Штаты", "Соединенные Штаты Америки", "американский"),
       tr=("Amerika Birleşik Devletleri", "Amerikan"),
       ar=("الولايات المتحدة", "الأمريكي", "الأمريكية", "الأميركي", "الأميركية", "واشنطن"),
       acronyms=("US", "USA", "U.S.", "США", "ABD")),
    _e("Iraq", PARTICIPANT, "country", en=("Iraqi",), ru=("Ирак", "иракский"), tr=("Irak",),
       ar=("العراق", "العراقي", "العراقية")),
    _e("Lebanon", PARTICIPANT, "country", en=("Lebanese",), ru=("Ливан", "ливанский"),
       tr=("Lübnan",), ar=("لبنان", "اللبناني", "اللبنانية")),
    _e("ICRC", PARTICIPANT, "organisation",
       en=("International Committee of the Red Cross",),
       ru=("Международный комитет Красного Креста",), tr=("Uluslararası Kızılhaç Komitesi",),
       ar=("اللجنة الدولية للصليب الأحمر",), acronyms=("ICRC", "МККК", "UKK")),
    _e("UNHCR", PARTICIPANT, "organisation",
       en=("UN High Commissioner for Refugees", "United Nations High Commissioner for Refugees",
           "UN refugee agency"),
       ru=("Управление Верховного комиссара ООН по делам беженцев",),
       tr=("BM Mülteciler Yüksek Komiserliği",),
       ar=("المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "مفوضية اللاجئين"),
       acronyms=("UNHCR", "УВКБ")),
    _e("Syrian government", PARTICIPANT, "party",
       en=("Syrian Government", "government of Syria", "government of the Syrian Arab Republic",
           "Syrian regime", "Damascus government", "Syrian government delegation",
           "Bashar al-Jaafari", "al-Jaafari", "Ayman Sousan"),
       ru=("сирийское правительство", "правительство Сирии", "правительство САР",
           "официальный Дамаск", "Башар Джаафари", "Джаафари"),
       tr=("Suriye hükümeti", "Şam yönetimi", "Esad rejimi", "Suriye rejimi",
           "Suriye hükümet heyeti"),
       ar=("الحكومة السورية", "الوفد الحكومي السوري", "النظام السوري", "وفد الحكومة السورية",
           "الجعفري", "بشار الجعفري")),
    _e("Syrian opposition", PARTICIPANT, "party",
       en=("Syrian Opposition", "armed opposition", "Syrian armed opposition", "the opposition",
           "the Opposition", "opposition delegation", "rebels"),
       ru=("сирийская оппозиция", "вооруженная оппозиция", "оппозиция"),
       tr=("Suriyeli muhalifler", "muhalefet", "Suriye muhalefeti", "muhalifler"),
       ar=("المعارضة السورية", "المعارضة", "المعارضة المسلحة", "وفد المعارضة")),
    # --- news outlets named after a country: a credit line names the outlet, not the state
    _e("Russia Today", MEDIA, "media", ru=("Russia Today",), tr=("Russia Today",),
       ar=("روسيا اليوم", "قناة روسيا اليوم")),
    _e("Rossiya Segodnya", MEDIA, "media", ru=("Россия сегодня",)),
    _e("Rossiya 24", MEDIA, "media", en=("Russia 24",), ru=("Россия 24", "Россия-24"),
       ar=("روسيا 24",)),
    _e("Voice of Russia", MEDIA, "media", ru=("Голос России",), ar=("صوت روسيا",)),
    _e("Sputnik Türkiye", MEDIA, "media", en=("Sputnik Turkiye",), tr=("Sputnik Türkiye",)),
    _e("Türkiye Gazetesi", MEDIA, "media", tr=("Türkiye Gazetesi",)),
    _e("Iran International", MEDIA, "media", ar=("إيران إنترناشيونال", "إيران انترناشونال")),
    _e("Iran Daily", MEDIA, "media"),
)
# fmt: on

GUARANTORS = ("Russia", "Iran", "Turkey")

BY_NAME: dict[str, GazetteerEntry] = {entry.name: entry for entry in GAZETTEER}

# Collective names that stand for the three guarantor countries.
_GUARANTOR_PHRASES = (
    r"three\s+guarantors?|guarantor\s+(?:countries|states|nations|powers)"
    r"|guarantors?\s+of\s+the\s+(?:astana|ceasefire)|(?:astana|three)\s+guarantor\s+\w+"
    r"|the\s+guarantors|astana\s+(?:trio|troika)"
    r"|стран\w*[-\s]+гарант\w*|государств\w*[-\s]+гарант\w*|тр[её]х\s+гарант\w*|гарант\w+\s+астанинск\w+"
    r"|garant[oö]r\s+(?:[uü]lke\w*|devlet\w*)|[uü][cç]\s+garant[oö]r\w*"
    r"|(?:ال)?دول\s+(?:ال)?ضامن\w*|(?:ال)?دول\s+(?:ال)?ثلاث\s+(?:ال)?ضامن\w*|(?:ال)?ضامنين\s+(?:ال)?ثلاث\w*"
)
GUARANTOR_COLLECTIVE = re.compile(_GUARANTOR_PHRASES)

_RU_VOWELS = "аеиоуыэюяйь"
_AR_CLITIC = r"(?:[وف])?(?:[بلك])?"


def _word_pattern(word: str, lang: str) -> str:
    folded = fold(word)
    if lang == "ru" and len(folded) >= 4 and folded[-1].isalpha():
        stem = folded.rstrip(_RU_VOWELS) if len(folded.rstrip(_RU_VOWELS)) >= 3 else folded
        return re.escape(stem) + r"[а-яе]{0,4}"
    if lang == "tr" and word[:1].islower():
        return re.escape(folded) + r"\w{0,6}"
    return re.escape(folded)


def alias_pattern(alias: str, lang: str) -> str:
    """Regex (for folded text) matching ``alias`` with the inflections of ``lang``."""
    words = alias.split()
    body = r"[\s-]+".join(_word_pattern(word, lang) for word in words)
    if lang == "ar":
        folded = fold(alias)
        if folded.startswith("ال"):
            body = rf"(?:{_AR_CLITIC}{re.escape(folded)}|[وف]?لل{re.escape(folded[2:])})"
        else:
            body = _AR_CLITIC + body
        return rf"(?<!\w){body}(?!\w)"
    if lang == "tr" or (lang == "en" and word_is_proper(alias)):
        return rf"(?<!\w){body}(?:'\w*)?(?!\w)"
    return rf"(?<!\w){body}(?!\w)"


def word_is_proper(alias: str) -> bool:
    return alias[:1].isupper()


@dataclass(frozen=True, slots=True)
class Mention:
    """An entry named in the text at ``[start, end)``."""

    entry: GazetteerEntry
    start: int
    end: int


_WORD = re.compile(r"\w+")


@cache
def _index() -> tuple[
    dict[str, list[tuple[re.Pattern[str], GazetteerEntry]]], re.Pattern[str], dict
]:
    """Alias patterns keyed by the first three letters of the alias, for a cheap first pass."""
    index: dict[str, list[tuple[re.Pattern[str], GazetteerEntry]]] = {}
    for entry in GAZETTEER:
        for lang, names in entry.aliases.items():
            for alias in names:
                folded = fold(alias)
                pattern = re.compile(alias_pattern(alias, lang))
                keys = {folded[:3]}
                if lang == "ar" and folded.startswith("ال"):
                    keys.add(("لل" + folded[2:])[:3])
                for key in keys:
                    index.setdefault(key, []).append((pattern, entry))
    acronym_owner = {a: e for e in GAZETTEER for a in e.acronyms}
    acronyms = sorted(acronym_owner, key=len, reverse=True)
    acronym_re = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w-])"
    )
    return index, acronym_re, acronym_owner


def find_mentions(text: str, folded: str | None = None) -> list[Mention]:
    """Every gazetteer mention in ``text``, non-overlapping, in text order.

    Where two names overlap (``"Syrian government"`` and ``"Syria"``), the longer one wins.
    """
    folded = fold(text) if folded is None else folded
    index, acronym_re, acronym_owner = _index()
    found: list[Mention] = []
    for word in _WORD.finditer(folded):
        start, token = word.start(), word.group()
        keys = {token[:3]}
        if "\u0600" <= token[0] <= "\u06ff":
            keys.update((token[1:4], token[2:5]))
        for key in keys:
            for pattern, entry in index.get(key, ()):
                match = pattern.match(folded, start)
                if match:
                    found.append(Mention(entry, start, match.end()))
    for match in acronym_re.finditer(text):
        found.append(Mention(acronym_owner[match.group()], match.start(), match.end()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    result: list[Mention] = []
    last_end = -1
    for mention in found:
        if mention.start >= last_end:
            result.append(mention)
            last_end = mention.end
    return result


def canonical_name(name: str) -> str | None:
    """The canonical English name for a spelling such as "Nur-Sultan" or "Doha, Qatar"."""
    mentions = find_mentions(name)
    return mentions[0].entry.name if mentions else None


def gazetteer_records() -> list[dict]:
    """The gazetteer as JSON-ready dicts, for loaders that seed curated Place records."""
    return [
        {
            "name": e.name,
            "kind": e.kind,
            "category": e.category,
            "aliases": {lang: list(names) for lang, names in e.aliases.items()},
            "acronyms": list(e.acronyms),
            "lat": e.lat,
            "lon": e.lon,
            "governorate": e.governorate,
            "country": e.country,
        }
        for e in GAZETTEER
    ]
