"""Topics a text touches, as fixed English labels, found by keywords in en/ru/tr/ar."""

from __future__ import annotations

import re

_TOPICS: tuple[tuple[str, str], ...] = (
    (
        "counter-terrorism",
        r"terror\w*|daesh|isis|isil|al-nusra|nusra|hts|hay'?at\s+tahrir|террор\w*|игил|даиш|нусра|"
        r"ter[öo]r\w*|dea[şs]|داعش|ارهاب\w*|الارهاب\w*|النصرة|هيئة\s+تحرير",
    ),
    (
        "ceasefire",
        r"ceasefire|cease-fire|truce|cessation\s+of\s+hostilities|перемири\w*|прекращени\w+\s+огня|"
        r"режим\w*\s+прекращения|ate[şs]kes\w*|وقف\s+(?:ال)?اطلاق\s+(?:ال)?نار|هدنة|وقف\s+الاعمال\s+القتالية",
    ),
    (
        "de-escalation zones",
        r"de-?escalation|деэскалаци\w*|gerginli[ğg]i\s+azaltma|[çc]at[ıi][şs]mas[ıi]zl[ıi]k|خفض\s+(?:ال)?تصعيد",
    ),
    (
        "detainees and missing persons",
        r"detain\w*|detainees|abduct\w*|hostages|missing\s+persons|prisoners|exchange\s+of\s+bodies|"
        r"задержан\w*|похищен\w*|пропавш\w*|заложник\w*|пленн\w*|tutuklu\w*|al[ıi]konulan|kay[ıi]p|"
        r"rehine\w*|(?:ال)?معتقل\w*|(?:ال)?مختطف\w*|(?:ال)?مفقود\w*|(?:ال)?رهائن|(?:ال)?محتجز\w*",
    ),
    (
        "humanitarian aid",
        r"humanitarian\s+(?:aid|assistance|access|situation)|гуманитарн\w+|insani\s+yard[ıi]m\w*|"
        r"(?:ال)?مساعدات\s+(?:ال)?انسانية|(?:ال)?انساني\w*",
    ),
    (
        "humanitarian demining",
        r"demining|mine\s+action|разминировани\w*|may[ıi]n\s+temizle\w*|نزع\s+(?:ال)?الغام|ازالة\s+(?:ال)?الغام",
    ),
    (
        "constitutional committee",
        r"constitutional\s+committee|конституционн\w+\s+комитет\w*|anayasa\s+komite\w*|(?:ال)?لجنة\s+(?:ال)?دستورية",
    ),
    (
        "Sochi congress",
        r"national\s+dialogue\s+congress|sochi\s+congress|конгресс\w*\s+сирийского|ulusal\s+diyalog\s+kongre\w*|"
        r"مؤتمر\s+(?:ال)?حوار\s+(?:ال)?وطني|مؤتمر\s+سوتشي",
    ),
    ("UN Geneva process", r"geneva|2254|женев\w*|cenevre\w*|جنيف"),
    (
        "refugees and displaced persons",
        r"refugees|displaced|idps|returnees|беженц\w*|переселенц\w*|m[üu]lteci\w*|(?:ال)?لاجئ\w*|(?:ال)?نازح\w*",
    ),
    ("Idlib", r"idlib|idleb|идлиб|[iİ]dlib|ادلب"),
    (
        "north-east Syria",
        r"north-?east(?:ern)?\s+syria|euphrates|северо-восток\w*|kuzeydo[ğg]u|شمال\s+شرق\s+سوري",
    ),
    ("Israeli strikes", r"israel\w*|израил\w*|[iİ]srail\w*|اسرائيل\w*"),
    (
        "sanctions",
        r"sanctions|unilateral\s+(?:coercive\s+)?measures|санкци\w*|yapt[ıi]r[ıi]m\w*|(?:ال)?عقوبات",
    ),
    (
        "Turkey-Syria normalisation",
        r"normali[sz]ation|нормализаци\w*|normalle[şs]me\w*|(?:ال)?تطبيع",
    ),
)
_COMPILED = tuple((label, re.compile(rf"(?<!\w)(?:{p})")) for label, p in _TOPICS)


def find_topics(folded: str) -> list[str]:
    """Topic labels present in ``folded`` text, in the fixed order above."""
    return [label for label, pattern in _COMPILED if pattern.search(folded)]
