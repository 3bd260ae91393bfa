"""Is a text about the Astana process on Syria?"""

from __future__ import annotations

import re

from .gazetteer import GUARANTOR_COLLECTIVE, GUARANTORS, Mention

ASTANA_PROCESS = re.compile(
    r"astana[\s-]+(?:process|format|talks|peace\s+(?:process|talks)|platform|meetings?|"
    r"negotiations|guarantors?)|astana-\d|астанинск\w+|(?:астан\w*|нур-султан\w*)-\d|"
    r"astana\s+(?:s[üu]reci\w*|format\w*|g[öo]r[üu][şs]me\w*|toplant\w*|bar[ıi][şs]\s+s[üu]reci\w*)|"
    r"(?:مسار|صيغة|محادثات|مفاوضات|عملية|اجتماعات|اجتماع|منصة|جولة|جولات)\s+(?:ال)?استان[اةه]|"
    r"international\s+(?:high-level\s+)?meeting\s+on\s+syria|"
    r"международн\w+\s+встреч\w+\s+(?:высокого\s+уровня\s+)?по\s+сирии|"
    r"suriye\s+konulu\s+uluslararas|(?:ال)?اجتماع\s+(?:ال)?دولي\s+(?:\S+\s+)?(?:حول|بشان)\s+سوري|"
    r"national\s+dialogue\s+congress|конгресс\w*\s+сирийского\s+национального\s+диалога|"
    r"ulusal\s+diyalog\s+kongre\w*|مؤتمر\s+الحوار\s+الوطني\s+السوري|"
    r"de-?escalation\s+(?:zones?|areas?)|зон\w*\s+деэскалации|gerginli[ğg]i\s+azaltma|"
    r"[çc]at[ıi][şs]mas[ıi]zl[ıi]k\s+b[öo]lge\w*|مناطق\s+خفض\s+(?:ال)?تصعيد"
)
_SYRIA = re.compile(r"syria|сири[яйию]\w*|сар\b|suriye\w*|سوري[اةه]?")
_DIPLOMACY = re.compile(
    r"talks|negotiat\w+|meet\w*|(?<!\w)met(?!\w)|round|ceasefire|peace|guarantor|переговор\w*|"
    r"встреч\w*|встрет\w*|раунд\w*|bir\s+araya|[يت]?جتمع\w*|"
    r"перемири\w*|урегулир\w*|гарант\w*|g[öo]r[üu][şs]me\w*|toplant\w*|m[üu]zakere\w*|ate[şs]kes|"
    r"bar[ıi][şs]|garant[öo]r\w*|محادثات|مفاوضات|اجتماع|جولة|هدنة|سلام|الضامن\w*"
)


def is_relevant(folded: str, mentions: list[Mention]) -> bool:
    """True when the text is about the Astana process: a name of the process or its bodies,
    or Syria together with Astana or the guarantors and the vocabulary of talks."""
    if ASTANA_PROCESS.search(folded):
        return True
    if not _SYRIA.search(folded) or not _DIPLOMACY.search(folded):
        return False
    names = {m.entry.name for m in mentions}
    guarantors = len(names & set(GUARANTORS))
    return "Astana" in names or guarantors >= 2 or bool(GUARANTOR_COLLECTIVE.search(folded))
