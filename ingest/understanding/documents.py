"""Documents adopted, signed, read out or published: joint statements, memorandums,
provisions (regulations) and other statements.

The title is the document noun with its qualifier as written ("joint statement of Iran,
Russia, and Turkey", "provision on a working group for the release of ..."), cut at the first
clause boundary. A bare mention ("the memorandum") is folded into a fuller title of the same
kind found elsewhere in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Sentence
from .titles import restates, title_words

JOINT_STATEMENT = "joint_statement"
MEMORANDUM = "memorandum"
PROVISION = "provision"
STATEMENT = "statement"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Document:
    """A document the text says was adopted or issued, with its supporting sentence."""

    kind: str
    title: str
    quote: str
    confidence: float = 0.7
    reason: str = "adopted or issued, and named, in one sentence"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "quote": self.quote,
            "confidence": self.confidence,
            "reason": self.reason,
        }


_HEADS = [
    (
        JOINT_STATEMENT,
        r"joint\s+statement|final\s+statement|совместн\w+\s+заявлени\w*|итогов\w+\s+заявлени\w*|"
        r"ortak\s+(?:bildiri\w*|a[çc][ıi]klama\w*)|(?:ال)?بيان\s+(?:ال)?(?:مشترك|ختامي)\w*",
    ),
    (
        MEMORANDUM,
        r"memorandum(?:\s+of\s+understanding)?|меморандум\w*|mutabakat\s+muht[ıi]ras\w*|muht[ıi]ra\w*|"
        r"مذكرة(?:\s+(?:ال)?تفاهم)?",
    ),
    (
        PROVISION,
        r"provisions?(?=\s+on\s)|regulations?(?=\s+(?:on|of)\s)|положени\w+(?=\s+об?\s)|"
        r"y[öo]netmeli[kğg]\w*|"
        r"(?:ال)?لائحة|(?:ال)?نظام\s+(?:ال)?(?:داخلي|خاص)",
    ),
    (
        STATEMENT,
        r"(?<!joint\s)(?<!final\s)statement|(?<!совместное\s)заявлени\w*|bildiri\w*|(?:ال)?بيان(?!\w)",
    ),
]
_HEAD_RE = [(kind, re.compile(rf"(?<!\w)(?:{p})(?!\w)")) for kind, p in _HEADS]
# A document counts when the sentence says it was adopted, signed, issued, read out or approved.
_ADOPTION = re.compile(
    r"adopt\w*|sign\w*|issued|read\s+out|approv\w*|agreed|publish\w*|released|presented|"
    r"according\s+to|says|reads|the\s+text\s+of|"
    r"принял\w*|принят\w*|подписа\w*|утверди\w*|утвержд\w*|огласил\w*|зачитал\w*|опубликова\w*|"
    r"говорится|согласова\w*|"
    r"kabul\s+edil\w*|imzala\w*|onayla\w*|yay[ıi]mla\w*|okudu|a[çc][ıi]kla\w*|"
    r"اعتمد\w*|اعتماد|وقع\w*|توقيع|تبن\w*|اصدر\w*|صدر|تلا|قرا\w*|نشر\w*|اقر\w*|وافق\w*"
)
_NOT_ADOPTED = re.compile(r"security\s+council|resolution|резолюци|kararı|قرار\s+مجلس")
# The qualifier of a document title ends at a clause boundary.
_STOP = re.compile(
    r"\s*(?:[.;:\"()\[\]\n]|,\s*(?:which|that|who|as\s+well\s+as|he|she|the\s+minister|"
    r"according|where|while|и\s+|а\s+|который|которое|ve\s+|و)|\s+(?:regarding|was|were|is|are|"
    r"signed|adopted|which|that|has|have|had|will|would|on\s+the\s+outcomes?\s+of\s+the\s+\w+\s+round|"
    r"as\s+well\s+as|by\s+the\s+end|from|after|before|during|at\s+the|"
    r"был\w*|подписан\w*|принят\w*|котор\w+|тексте|"
    r"imzala\w*|kabul|"
    r"الذي|التي|وقد|تم)\b)"
)
_QUALIFIER_START = re.compile(
    r"\s+(?:of|by|on|for|between|among|from|о|об|по|между|стран|россии|ирана|турции|"
    r"حول|بشان|ل|لل|حول|بين|الصادر|الخاص|عن|من|ب)(?!\w)"
)
_MAX_TITLE_WORDS = 24


def _title(text: str, folded: str, start: int, end: int, kind: str) -> str:
    tail_start = end
    qualifier = _QUALIFIER_START.match(folded, end)
    if qualifier:
        stop = _STOP.search(folded, qualifier.end())
        tail_end = stop.start() if stop else len(folded)
        words = text[tail_start:tail_end].split()
        tail = " ".join(words[:_MAX_TITLE_WORDS])
        title = text[start:end] + " " + tail if tail else text[start:end]
    elif kind == PROVISION:
        title = text[start:end]
    else:
        # Turkish and Russian put the owners first ("İran, Rusya ve Türkiye'nin ortak bildirisi").
        before = re.search(
            r"([\w'’]+(?:,?\s+(?:ve\s+)?[\w'’]+){0,5})\s*$", text[max(0, start - 60) : start]
        )
        lead = (
            before.group(1)
            if before and re.search(r"'n[ıi]n|'[ıi]n|'un|'nun", before.group(1))
            else ""
        )
        title = (lead + " " + text[start:end]).strip()
    return re.sub(r"\s+", " ", title).strip(" ,")


def extract_documents(text: str, folded: str, sentences: list[Sentence]) -> list[Document]:
    """Documents adopted or issued, in text order, one per distinct title."""
    found: list[tuple[str, str, str]] = []
    for sentence in sentences:
        local = folded[sentence.start : sentence.end]
        if not _ADOPTION.search(local):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern in _HEAD_RE:
            for match in pattern.finditer(local):
                start, end = match.start() + sentence.start, match.end() + sentence.start
                if any(s < end and start < e for s, e in taken):
                    continue
                after = folded[end : end + 40]
                if _NOT_ADOPTED.search(folded[max(0, start - 30) : start]) or _NOT_ADOPTED.match(
                    after.strip()
                ):
                    continue
                taken.append((start, end))
                title = _title(text, folded, start, end, kind)
                if kind == STATEMENT and len(title.split()) <= 1:
                    continue
                found.append((kind, title, sentence.text))
    documents: list[Document] = []
    for kind, title, quote in found:
        words = title_words(title)
        duplicate = False
        for index, existing in enumerate(documents):
            if existing.kind != kind:
                continue
            other = title_words(existing.title)
            if restates(words, other):
                if len(words) > len(other):
                    documents[index] = Document(kind, title, quote)
                duplicate = True
                break
        if not duplicate:
            documents.append(Document(kind, title, quote))
    return documents
