"""A generated workload N times today's records, for benchmarks (``generate_scale_data``).

Everything here is synthetic: sentences written for this module from templates in the four
languages the tracker reads (en, ru, tr, ar), never text taken from a real article. Each
generated record is a pure function of the seed and its index (``random.Random(f"{seed}:…:{i}")``),
so a run is deterministic, and a re-run creates only the records still missing: generated rows
carry a marker (round numbers from ``ROUND_BASE``, slugs starting ``scale-``, article
addresses under ``/scale-data/``), counted before each step.

Rows are written with ``bulk_create`` in batches (curated records with their history rows);
no service is called, because a workload of 100,000 articles through the pipeline would take
hours. The search index is kept in step as the services keep it: each batch of articles is
indexed as it is written, and the curated records' index is rebuilt when any were added.

The volumes of today (factor 1) follow ``BASE``; a factor is applied to the total, the
reference history counting towards it.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from astana_site.cache import data_changed
from ingest.choices import ArticleStatus
from ingest.models import Article, Sighting
from ingest.search import ARTICLE_INDEX, article_document
from rounds.choices import (
    DelegationRole,
    EventKind,
    EventStatus,
    RoundStatus,
    SourceTier,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)
from rounds.models import (
    Citation,
    Delegation,
    Event,
    Participant,
    Place,
    Round,
    Statement,
    Suggestion,
)
from rounds.search import search_rebuild

# Today's volumes (factor 1): the reference history plus about a thousand ingested articles.
BASE = {
    "rounds": 22,
    "events": 100,
    "statements": 50,
    "articles": 1000,
    "citations": 2000,
    "suggestions": 50,
}
ROUND_BASE = 1000  # generated rounds are numbered from here, clear of the real ones
SLUG_PREFIX = "scale-"
URL_MARKER = "/scale-data/"
# Rows per INSERT: large enough to amortise round trips, small enough for SQLite's variable
# limit with the widest model (articles, ~3 KB text and raw each: ~8 MB a batch).
BATCH_SIZE = 1000
# Generated records' status is judged against this fixed day, not today, so that a run is the
# same whenever it is made.
AS_OF = datetime.date(2025, 12, 1)
FIRST_DAY = datetime.date(2017, 1, 23)
LANGUAGES = ["en", "ru", "tr", "ar"]

OUTLETS = [
    ("TASS", "tass.example", "ru", SourceTier.AGENCY),
    ("RIA Novosti", "ria.example", "ru", SourceTier.AGENCY),
    ("Anadolu Agency", "aa.example", "tr", SourceTier.AGENCY),
    ("Daily Sabah", "dailysabah.example", "tr", SourceTier.PRESS),
    ("SANA", "sana.example", "ar", SourceTier.AGENCY),
    ("Al Watan", "alwatan.example", "ar", SourceTier.PRESS),
    ("Kazinform", "kazinform.example", "en", SourceTier.AGENCY),
    ("MFA of Kazakhstan", "mfa-kz.example", "en", SourceTier.PRIMARY),
    ("Reuters", "reuters.example", "en", SourceTier.AGENCY),
    ("The Astana Times", "astanatimes.example", "en", SourceTier.PRESS),
]

# Names as each language writes them: (city, country-of-guarantor triple, topic words).
CITIES = {
    "en": ["Astana", "Nur-Sultan", "Sochi", "Tehran", "Ankara", "Geneva"],
    "ru": ["Астане", "Нур-Султане", "Сочи", "Тегеране", "Анкаре", "Женеве"],
    "tr": ["Astana'da", "Nur-Sultan'da", "Soçi'de", "Tahran'da", "Ankara'da", "Cenevre'de"],
    "ar": ["أستانا", "نور سلطان", "سوتشي", "طهران", "أنقرة", "جنيف"],
}
GUARANTORS = {
    "en": ["Russia", "Iran", "Turkey"],
    "ru": ["Россия", "Иран", "Турция"],
    "tr": ["Rusya", "İran", "Türkiye"],
    "ar": ["روسيا", "إيران", "تركيا"],
}
PLACES = {
    "en": ["Idlib", "Aleppo", "Homs", "Eastern Ghouta", "Daraa", "Latakia"],
    "ru": ["Идлибе", "Алеппо", "Хомсе", "Восточной Гуте", "Деръа", "Латакии"],
    "tr": ["İdlib", "Halep", "Humus", "Doğu Guta", "Dera", "Lazkiye"],
    "ar": ["إدلب", "حلب", "حمص", "الغوطة الشرقية", "درعا", "اللاذقية"],
}
# Sentences written for this workload. Slots: {n} round number, {city}, {g} a guarantor,
# {place} a Syrian place, {day} a date, {k} a small count.
SENTENCES = {
    "en": [
        "Delegations of the guarantor states gathered in {city} for round {n} of the talks.",
        "The representative of {g} said the ceasefire regime in {place} was broadly holding.",
        "Participants discussed the release of detainees and the exchange of bodies.",
        "A joint statement adopted on {day} reaffirmed the sovereignty of Syria.",
        "The working group on detainees met {k} times before the plenary session.",
        "Observers from the United Nations and Jordan attended the consultations.",
        "The sides agreed to convene the next meeting in {city} later in the year.",
        "Humanitarian access to {place} remained the most difficult item on the agenda.",
        "Officials from {g} briefed journalists after the closed-door session.",
        "The constitutional committee was mentioned as the main political track.",
        "According to the delegation of {g}, {k} violations were recorded in {place}.",
        "The talks ended one day later than planned, on {day}.",
        "Mine clearance and the return of refugees were raised by several speakers.",
        "The opposition delegation criticised the pace of implementation in {place}.",
    ],
    "ru": [
        "Делегации стран-гарантов собрались в {city} на {n}-й раунд переговоров.",
        "Представитель страны {g} заявил, что режим прекращения огня в {place} соблюдается.",
        "Участники обсудили освобождение задержанных и обмен телами погибших.",
        "В совместном заявлении от {day} подтверждён суверенитет Сирии.",
        "Рабочая группа по задержанным провела {k} заседания до пленарной сессии.",
        "На консультациях присутствовали наблюдатели от ООН и Иордании.",
        "Стороны договорились провести следующую встречу в {city} до конца года.",
        "Гуманитарный доступ в {place} остался самым трудным вопросом повестки.",
        "Официальные лица страны {g} провели брифинг после закрытого заседания.",
        "Конституционный комитет назван главным политическим направлением.",
        "По данным делегации страны {g}, в {place} зафиксировано {k} нарушений.",
        "Переговоры завершились на день позже запланированного, {day}.",
    ],
    "tr": [
        "Garantör ülkelerin heyetleri görüşmelerin {n}. turu için {city} bir araya geldi.",
        "{g} temsilcisi {place} bölgesindeki ateşkesin genel olarak korunduğunu söyledi.",
        "Katılımcılar tutukluların serbest bırakılmasını ve cenaze takasını ele aldı.",
        "{day} tarihinde kabul edilen ortak bildiri Suriye'nin egemenliğini teyit etti.",
        "Tutuklular çalışma grubu genel oturumdan önce {k} kez toplandı.",
        "İstişarelere Birleşmiş Milletler ve Ürdün'den gözlemciler katıldı.",
        "Taraflar bir sonraki toplantının yıl içinde {city} yapılmasında uzlaştı.",
        "{place} bölgesine insani erişim gündemin en zor maddesi olarak kaldı.",
        "{g} yetkilileri kapalı oturumun ardından gazetecileri bilgilendirdi.",
        "Anayasa komitesi ana siyasi süreç olarak anıldı.",
        "{g} heyetine göre {place} bölgesinde {k} ihlal kaydedildi.",
    ],
    "ar": [
        "اجتمعت وفود الدول الضامنة في {city} للجولة {n} من المحادثات.",
        "قال ممثل {g} إن نظام وقف إطلاق النار في {place} صامد إلى حد كبير.",
        "ناقش المشاركون الإفراج عن المعتقلين وتبادل الجثامين.",
        "أكد البيان المشترك الصادر في {day} سيادة سوريا ووحدة أراضيها.",
        "عقدت مجموعة العمل الخاصة بالمعتقلين {k} اجتماعات قبل الجلسة العامة.",
        "حضر المشاورات مراقبون من الأمم المتحدة والأردن.",
        "اتفق الطرفان على عقد الاجتماع المقبل في {city} في وقت لاحق من العام.",
        "بقي وصول المساعدات الإنسانية إلى {place} أصعب بنود جدول الأعمال.",
        "أطلع مسؤولون من {g} الصحفيين بعد الجلسة المغلقة.",
        "أشير إلى اللجنة الدستورية بوصفها المسار السياسي الرئيسي.",
        "وفقا لوفد {g} سجلت {k} انتهاكات في {place}.",
    ],
}
TITLES = {
    "en": [
        "Round {n} of the Astana talks opens in {city}",
        "Guarantors discuss {place} at round {n}",
        "Astana format: joint statement adopted on {day}",
    ],
    "ru": [
        "В {city} начался {n}-й раунд переговоров по Сирии",
        "Гаранты обсудили ситуацию в {place}",
        "Астанинский формат: совместное заявление от {day}",
    ],
    "tr": [
        "Astana görüşmelerinin {n}. turu {city} başladı",
        "Garantörler {place} bölgesini görüştü",
        "Astana formatı: {day} tarihli ortak bildiri",
    ],
    "ar": [
        "انطلاق الجولة {n} من محادثات أستانا في {city}",
        "الدول الضامنة تبحث الوضع في {place}",
        "صيغة أستانا: بيان مشترك في {day}",
    ],
}
EVENT_TITLES = [
    "Working group on detainees, session {k}",
    "Deputy foreign ministers' consultations in {city}",
    "Expert meeting on humanitarian demining",
    "Trilateral summit of the guarantors in {city}",
    "Preparatory meeting for round {n}",
    "Ceasefire monitoring review for {place}",
]
STATEMENT_TITLES = [
    "Joint statement by Iran, Russia and Turkey on round {n}",
    "Final statement of the meeting in {city}",
    "Memorandum on humanitarian access to {place}",
    "Provisions of the working group, session {k}",
]
# Heads of delegation: invented combinations of common given and family names.
GIVEN = ["Alexander", "Ali", "Ahmet", "Ayman", "Sergey", "Hossein", "Sedat", "Nadia", "Leila"]
FAMILY = ["Petrov", "Karimi", "Yilmaz", "Haddad", "Ivanova", "Rahimi", "Demir", "Nasser"]
OUTCOMES = [
    "Guarantors reaffirmed their commitment to the sovereignty of Syria.",
    "A further exchange of detainees was agreed.",
    "The next meeting was announced for {city}.",
    "The situation in {place} was reviewed.",
]


def _rng(seed: int, kind: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


def _slots(rng: random.Random, lang: str, n: int, day: datetime.date) -> dict:
    return {
        "n": n,
        "city": rng.choice(CITIES[lang]),
        "g": rng.choice(GUARANTORS[lang]),
        "place": rng.choice(PLACES[lang]),
        "day": day.isoformat(),
        "k": rng.randint(2, 9),
    }


def _paragraphs(rng: random.Random, lang: str, slots: dict, size: int) -> list[str]:
    """Paragraphs of templated sentences, about ``size`` characters in all."""
    paragraphs, total = [], 0
    while total < size:
        sentences = [rng.choice(SENTENCES[lang]).format(**slots) for _ in range(rng.randint(3, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def _day(rng: random.Random, start: datetime.date = FIRST_DAY, span: int = 3200):
    return start + datetime.timedelta(days=rng.randrange(span))


@dataclass
class Plan:
    """How many generated records of each kind a factor asks for (totals minus what exists)."""

    factor: float
    seed: int
    counts: dict[str, int] = field(default_factory=dict)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


Progress = Callable[[str, int], Callable[[int], None]]


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda n: None


def _missing(target_total: int, real: int, generated: int) -> range:
    """Indices of the generated records still to create for ``target_total`` rows in all."""
    wanted = max(0, target_total - real)
    return range(generated, max(generated, wanted))


def generate(*, factor: float, seed: int = 1, progress: Progress = _no_progress) -> dict:
    """Add generated records until each kind totals ``factor`` x ``BASE``; returns how many
    of each kind were created. Idempotent and deterministic (see the module docstring)."""
    created = {}
    created["rounds"], created["delegations"] = _rounds(factor, seed, progress)
    created["events"] = _events(factor, seed, progress)
    created["statements"] = _statements(factor, seed, progress)
    created["articles"] = _articles(factor, seed, progress)
    created["citations"] = _citations(factor, seed, progress)
    created["suggestions"] = _suggestions(factor, seed, progress)
    if created["rounds"] or created["events"] or created["statements"]:
        # Searchable like records the services write (articles are indexed batch by batch).
        search_rebuild()
    if any(created.values()):
        _analyze()
    data_changed()
    return created


def _analyze() -> None:
    """Refresh the planners' statistics after a bulk load, as PostgreSQL's autovacuum would
    shortly after: without them, PostgreSQL plans for 100 rows, not 100,000, and SQLite reads
    an article's citations through the index of every round's citation. On PostgreSQL, outside
    a transaction, VACUUM too: it marks the pages all-visible, so a page's ``COUNT(*)`` reads
    an index instead of 400 MB of articles (42 ms -> 5 ms at 100,000)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def _target(kind: str, factor: float) -> int:
    return round(BASE[kind] * factor)


def _rounds(factor: float, seed: int, progress: Progress) -> tuple[int, int]:
    generated = Round.objects.filter(number__gte=ROUND_BASE).count()
    real = Round.objects.filter(number__lt=ROUND_BASE).count()
    todo = _missing(_target("rounds", factor), real, generated)
    participants = list(Participant.objects.order_by("slug"))
    places = {p.slug: p for p in Place.objects.all()}
    cities = [("Astana", "astana"), ("Nur-Sultan", "astana"), ("Sochi", "sochi")]
    roles = [DelegationRole.OBSERVER, DelegationRole.UN, DelegationRole.OPPOSITION]
    tick = progress("rounds", len(todo))
    rounds_made = delegations_made = 0
    for batch in _batched(todo, BATCH_SIZE):
        rounds, plans = [], []
        for i in batch:
            rng = _rng(seed, "round", i)
            number = ROUND_BASE + i
            start = FIRST_DAY + datetime.timedelta(days=int(i * 1.5) + rng.randrange(2))
            end = start + datetime.timedelta(days=rng.randint(0, 2))
            city, place_slug = rng.choice(cities)
            slots = _slots(rng, "en", number, end)
            rounds.append(
                Round(
                    number=number,
                    name=f"Astana-{number}",
                    city=city,
                    place=places.get(place_slug),
                    venue="Congress Hall" if rng.random() < 0.5 else "",
                    start_date=start,
                    end_date=end,
                    status=RoundStatus.HELD if end < AS_OF else RoundStatus.SCHEDULED,
                    summary=" ".join(_paragraphs(rng, "en", slots, 400)),
                    outcomes=[o.format(**slots) for o in rng.sample(OUTCOMES, 3)],
                    next_meeting_text=f"{rng.choice(['early', 'mid', 'late'])}-{end.year + 1}",
                )
            )
            k = min(len(participants), rng.randint(7, 10))
            plans.append((rng.sample(participants, k), rng))
        with transaction.atomic():
            bulk_create_with_history(
                rounds, Round, batch_size=BATCH_SIZE, default_change_reason="scale data"
            )
            saved = {
                r.number: r for r in Round.objects.filter(number__in=[r.number for r in rounds])
            }
            delegations = []
            for r, (chosen, rng) in zip(rounds, plans, strict=True):
                for participant in chosen:
                    role = (
                        DelegationRole.GUARANTOR
                        if participant.is_guarantor
                        else DelegationRole.SYRIAN_GOVERNMENT
                        if participant.slug == "syrian-government"
                        else rng.choice(roles)
                    )
                    delegations.append(
                        Delegation(
                            round=saved[r.number],
                            participant=participant,
                            role=role,
                            head_of_delegation=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                        )
                    )
            bulk_create_with_history(
                delegations, Delegation, batch_size=BATCH_SIZE, default_change_reason="scale data"
            )
        rounds_made += len(rounds)
        delegations_made += len(delegations)
        tick(len(rounds))
    return rounds_made, delegations_made


def _generated_rounds() -> list[int]:
    return list(Round.objects.order_by("number").values_list("pk", flat=True))


def _events(factor: float, seed: int, progress: Progress) -> int:
    generated = Event.objects.filter(slug__startswith=SLUG_PREFIX).count()
    real = Event.objects.exclude(slug__startswith=SLUG_PREFIX).count()
    todo = _missing(_target("events", factor), real, generated)
    rounds = _generated_rounds()
    places = list(Place.objects.order_by("slug"))
    participants = list(Participant.objects.order_by("slug").values_list("pk", flat=True))
    kinds = [k for k in EventKind.values if k != EventKind.OTHER]
    tick = progress("events", len(todo))
    made = 0
    through = Event.participants.through
    for batch in _batched(todo, BATCH_SIZE):
        events, chosen = [], []
        for i in batch:
            rng = _rng(seed, "event", i)
            start = _day(rng)
            end = start + datetime.timedelta(days=rng.randint(0, 1))
            slots = _slots(rng, "en", rng.randint(1, 30), start)
            events.append(
                Event(
                    slug=f"{SLUG_PREFIX}event-{i}",
                    kind=rng.choice(kinds),
                    title=rng.choice(EVENT_TITLES).format(**slots),
                    description=" ".join(_paragraphs(rng, "en", slots, 300)),
                    start_date=start,
                    end_date=end,
                    place=rng.choice(places) if places else None,
                    status=EventStatus.HELD if end < AS_OF else EventStatus.ANNOUNCED,
                    round_id=rng.choice(rounds) if rounds and rng.random() < 0.4 else None,
                )
            )
            chosen.append(rng.sample(participants, min(len(participants), rng.randint(1, 3))))
        with transaction.atomic():
            bulk_create_with_history(
                events, Event, batch_size=BATCH_SIZE, default_change_reason="scale data"
            )
            ids = dict(
                Event.objects.filter(slug__in=[e.slug for e in events]).values_list("slug", "pk")
            )
            through.objects.bulk_create(
                [
                    through(event_id=ids[e.slug], participant_id=p)
                    for e, ps in zip(events, chosen, strict=True)
                    for p in ps
                ],
                batch_size=BATCH_SIZE,
            )
        made += len(events)
        tick(len(events))
    return made


def _statements(factor: float, seed: int, progress: Progress) -> int:
    generated = Statement.objects.filter(slug__startswith=SLUG_PREFIX).count()
    real = Statement.objects.exclude(slug__startswith=SLUG_PREFIX).count()
    todo = _missing(_target("statements", factor), real, generated)
    rounds = _generated_rounds()
    guarantors = list(
        Participant.objects.filter(is_guarantor=True).order_by("slug").values_list("pk", flat=True)
    )
    tick = progress("statements", len(todo))
    made = 0
    through = Statement.issuers.through
    for batch in _batched(todo, BATCH_SIZE):
        statements = []
        for i in batch:
            rng = _rng(seed, "statement", i)
            day = _day(rng)
            slots = _slots(rng, "en", rng.randint(1, 30), day)
            statements.append(
                Statement(
                    slug=f"{SLUG_PREFIX}statement-{i}",
                    title=rng.choice(STATEMENT_TITLES).format(**slots),
                    kind=rng.choice(StatementKind.values),
                    date=day,
                    round_id=rng.choice(rounds) if rounds and rng.random() < 0.7 else None,
                    text="\n\n".join(_paragraphs(rng, "en", slots, rng.randint(1500, 5000))),
                    url=f"https://mfa-kz.example{URL_MARKER}statements/{i}",
                    topics=rng.sample(["detainees", "humanitarian", "ceasefire", "zones"], 2),
                )
            )
        with transaction.atomic():
            bulk_create_with_history(
                statements, Statement, batch_size=BATCH_SIZE, default_change_reason="scale data"
            )
            ids = Statement.objects.filter(slug__in=[s.slug for s in statements]).values_list(
                "pk", flat=True
            )
            through.objects.bulk_create(
                [through(statement_id=pk, participant_id=g) for pk in ids for g in guarantors],
                batch_size=BATCH_SIZE,
            )
        made += len(statements)
        tick(len(statements))
    return made


def _article_url(i: int, domain: str, lang: str) -> str:
    return f"https://{domain}{URL_MARKER}{lang}/{i}"


def _articles(factor: float, seed: int, progress: Progress) -> int:
    generated = Article.objects.filter(canonical_url__contains=URL_MARKER).count()
    todo = _missing(_target("articles", factor), 0, generated)
    tick = progress("articles", len(todo))
    made = 0
    for batch in _batched(todo, BATCH_SIZE):
        articles = []
        for i in batch:
            rng = _rng(seed, "article", i)
            outlet, domain, lang, _tier = OUTLETS[rng.randrange(len(OUTLETS))]
            if rng.random() < 0.3:
                lang = rng.choice(LANGUAGES)
            day = _day(rng)
            slots = _slots(rng, lang, rng.randint(1, 30), day)
            title = rng.choice(TITLES[lang]).format(**slots)
            paragraphs = _paragraphs(rng, lang, slots, rng.randint(2400, 3600))
            text = "\n\n".join(paragraphs)
            html = (
                f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                f"<title>{title}</title></head><body><nav>{outlet}</nav><article>"
                f"<h1>{title}</h1><time>{day.isoformat()}</time>"
                + "".join(f"<p>{p}</p>" for p in paragraphs)
                + "</article><footer>© {outlet}</footer></body></html>"
            )
            url = _article_url(i, domain, lang)
            article = Article(
                url=url,
                canonical_url=url,
                title=title,
                outlet=outlet,
                published=day,
                language=lang,
                text=text,
                content_hash=hashlib.sha256(f"{URL_MARKER}{i}\n{text}".encode()).hexdigest(),
                raw_content_type="text/html; charset=utf-8",
                status=ArticleStatus.LINKED,
                pipeline_version=1,
            )
            article.set_raw(html.encode())
            articles.append(article)
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
            ids = dict(
                Article.objects.filter(
                    canonical_url__in=[a.canonical_url for a in articles]
                ).values_list("canonical_url", "pk")
            )
            Sighting.objects.bulk_create(
                [
                    Sighting(
                        article_id=ids[a.canonical_url],
                        url=a.url,
                        canonical_url=a.canonical_url,
                        title=a.title,
                        published=a.published,
                    )
                    for a in articles
                ],
                batch_size=BATCH_SIZE,
            )
            for a in articles:
                a.pk = ids[a.canonical_url]
            ARTICLE_INDEX.put("article", [article_document(a) for a in articles])
        made += len(articles)
        tick(len(articles))
    return made


def _citations(factor: float, seed: int, progress: Progress) -> int:
    """Two citations per generated article, on records chosen half among rounds, the rest
    among events and statements (rounds gather the most sources, as in the real data)."""
    generated = Citation.objects.filter(url__contains=URL_MARKER).count()
    todo = _missing(_target("citations", factor), 0, generated)
    types = {
        "round": (ContentType.objects.get_for_model(Round).pk, _generated_rounds()),
        "event": (
            ContentType.objects.get_for_model(Event).pk,
            list(Event.objects.order_by("pk").values_list("pk", flat=True)),
        ),
        "statement": (
            ContentType.objects.get_for_model(Statement).pk,
            list(Statement.objects.order_by("pk").values_list("pk", flat=True)),
        ),
    }
    tiers = {domain: tier for _o, domain, _l, tier in OUTLETS}
    tick = progress("citations", len(todo))
    made = 0
    articles = {
        int(row[1].rsplit("/", 1)[1]): row
        for row in Article.objects.filter(canonical_url__contains=URL_MARKER).values_list(
            "pk", "url", "title", "outlet", "language", "published"
        )
    }
    for batch in _batched(todo, BATCH_SIZE):
        citations = []
        for i in batch:
            article = articles.get(i // 2)
            if article is None:
                continue
            rng = _rng(seed, "citation", i // 2)
            picks = []
            while len(picks) < 2:
                kind = rng.choices(["round", "event", "statement"], weights=[5, 3, 2])[0]
                ct, pks = types[kind]
                if pks and (ct, target := rng.choice(pks)) not in picks:
                    picks.append((ct, target))
            ct, target = picks[i % 2]
            article_id, url, title, outlet, language, published = article
            citations.append(
                Citation(
                    content_type_id=ct,
                    object_id=target,
                    url=url,
                    publisher=outlet,
                    title=title,
                    language=language,
                    published=published,
                    quote=title,
                    tier=tiers.get(url.split("/")[2], SourceTier.OTHER),
                    article_id=article_id,
                )
            )
        with transaction.atomic():
            Citation.objects.bulk_create(citations, batch_size=BATCH_SIZE, ignore_conflicts=True)
        made += len(citations)
        tick(len(batch))
    return made


def _suggestions(factor: float, seed: int, progress: Progress) -> int:
    generated = Suggestion.objects.filter(key__startswith=SLUG_PREFIX).count()
    todo = _missing(_target("suggestions", factor), 0, generated)
    article_ids = list(
        Article.objects.filter(canonical_url__contains=URL_MARKER)
        .order_by("pk")
        .values_list("pk", flat=True)[: max(len(todo) + generated, 1) * 4]
    )
    tick = progress("suggestions", len(todo))
    made = 0
    kinds = SuggestionKind.values
    for batch in _batched(todo, BATCH_SIZE):
        suggestions = []
        for i in batch:
            if not article_ids:
                break
            rng = _rng(seed, "suggestion", i)
            day = _day(rng)
            kind = rng.choice(kinds)
            status = rng.choices(
                [SuggestionStatus.PENDING, SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED],
                weights=[6, 3, 1],
            )[0]
            slots = _slots(rng, "en", rng.randint(1, 30), day)
            suggestions.append(
                Suggestion(
                    article_id=article_ids[i % len(article_ids)],
                    kind=kind,
                    key=f"{SLUG_PREFIX}{i}",
                    payload={"start_date": day.isoformat(), "city": slots["city"]},
                    current={},
                    quote=rng.choice(SENTENCES["en"]).format(**slots),
                    confidence=round(rng.random(), 3),
                    status=status,
                    reviewed_at=None
                    if status == SuggestionStatus.PENDING
                    else datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC),
                )
            )
        Suggestion.objects.bulk_create(suggestions, batch_size=BATCH_SIZE)
        made += len(suggestions)
        tick(len(batch))
    return made
