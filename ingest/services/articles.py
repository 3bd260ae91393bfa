"""Writes of articles: fetched or given content stored, extracted, understood, deduplicated,
revised, and handed over to the review side.

Network I/O happens before any transaction is opened; each database write is one short
transaction whose uniqueness comes from constraints (canonical URL, content hash), so running
any step twice, or after a worker died mid-step, leaves exactly one copy of each article.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from astana_site.cache import changes_data
from astana_site.exceptions import TrackerError
from ingest import dedup
from ingest.choices import ArticleStatus
from ingest.extraction import ExtractedDocument, extract_document
from ingest.fetching import FetchResult, fetch
from ingest.models import Article, Sighting, Source, public_address, title_from_text
from ingest.search import article_search_sync
from ingest.understanding import KnownRound, understand

logger = logging.getLogger(__name__)

# Bump when extraction or understanding changes, so `reprocess_articles` knows what is stale.
PIPELINE_VERSION = 1
# Near-duplicate search looks at articles published this many days around the new one: a
# republished wire story appears within days; a wider window costs one fingerprint compare
# (~20 us) per candidate.
NEAR_DUPLICATE_WINDOW_DAYS = 10
NEAR_DUPLICATE_MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    duplicate_of: int | None = None
    revised: bool = False

    def as_dict(self) -> dict:
        a = self.article
        return {
            "id": a.pk,
            "url": a.url,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "status": a.status,
            "created": self.created,
            "duplicate_of": self.duplicate_of,
            "revised": self.revised,
            "relevant": bool(a.extraction and a.extraction.get("relevant")),
        }


def _fetch_options() -> dict:
    return {
        "allow_loopback": settings.INGEST_ALLOW_LOOPBACK,
        "timeout": settings.INGEST_FETCH_TIMEOUT,
        "max_bytes": settings.INGEST_MAX_BYTES,
        "max_redirects": settings.INGEST_MAX_REDIRECTS,
        "total_timeout": settings.INGEST_FETCH_DEADLINE,
    }


def round_calendar() -> tuple[KnownRound, ...]:
    """The rounds the curated data knows, from the provider named in ``INGEST_ROUND_CALENDAR``
    (the curated side provides it; ingest never imports it). Read once per pipeline step."""
    provider = import_string(settings.INGEST_ROUND_CALENDAR)
    return tuple(
        KnownRound(number=n, start=start, end=end, city=city) for n, start, end, city in provider()
    )


def _understand(text: str, *, published, language, title) -> dict:
    return understand(
        text,
        published=published,
        language=language or None,
        title=title,
        calendar=round_calendar(),
    ).to_dict()


# --- articles ---------------------------------------------------------------------------------


def article_for_url(url: str) -> Article | None:
    sighting = (
        Sighting.objects.select_related("article")
        .filter(canonical_url=dedup.canonical_url(url))
        .first()
    )
    return sighting.article if sighting else None


def article_ingest_url(
    *,
    url: str,
    source: Source | None = None,
    published: datetime.date | None = None,
    refetch: bool = False,
) -> IngestResult:
    """Fetch, extract, understand and store the article at ``url``; idempotent.

    A URL already stored returns its article without fetching again (unless ``refetch``).
    Raises :class:`IngestError` for fetch or extraction failures; nothing is written then.
    """
    if not refetch:
        existing = article_for_url(url)
        if existing is not None:
            return IngestResult(article=existing, created=False)
    result = fetch(url, **_fetch_options())
    return article_ingest_content(
        url=url,
        final_url=result.final_url,
        content=result.content,
        content_type=result.content_type,
        charset=result.charset,
        source=source,
        published=published,
    )


def article_ingest_content(
    *,
    url: str,
    content: bytes,
    content_type: str | None,
    charset: str | None = None,
    final_url: str | None = None,
    source: Source | None = None,
    published: datetime.date | None = None,
    language: str | None = None,
    title: str | None = None,
) -> IngestResult:
    """Extract, understand and store fetched content as an article (or a sighting of one).

    ``published``, ``language`` and ``title`` override what extraction finds (files given on
    the command line, feed metadata). Raises :class:`IngestError` when there is no article.
    """
    doc = extract_document(
        content, content_type=content_type, charset=charset, url=final_url or url
    )
    doc = ExtractedDocument(
        title=title or doc.title,
        text=doc.text,
        published=published or doc.published,
        language=language or doc.language,
        charset=doc.charset,
    )
    extraction = _understand(
        doc.text, published=doc.published, language=doc.language, title=doc.title
    )
    return _article_store(
        url=url,
        final_url=final_url or url,
        doc=doc,
        content=content,
        content_type=content_type or "",
        source=source,
        extraction=extraction,
    )


def _canonical(url: str) -> str:
    """Canonical form of a web URL; a local file's URL (``ingest_file``) stays as it is."""
    return url if url.startswith("file:") else dedup.canonical_url(url)


@changes_data
def _article_store(*, url, final_url, doc, content, content_type, source, extraction):
    canonical = _canonical(final_url)
    canonical_requested = _canonical(url)
    digest = dedup.content_hash(doc.text)
    fp = dedup.fingerprint(doc.text)

    same_text = Article.objects.filter(content_hash=digest).first()
    if same_text is None:
        same_page = Article.objects.filter(canonical_url=canonical).first()
        if same_page is not None:  # the page at this address changed: a new version of it
            return _article_revise(
                same_page,
                doc=doc,
                content=content,
                content_type=content_type,
                extraction=extraction,
                digest=digest,
                fp=fp,
            )
    existing = same_text or _near_duplicate(fp, doc.published)
    if existing is not None:
        _sighting_add(
            article=existing,
            url=url,
            canonical=canonical_requested,
            source=source,
            title=doc.title,
            published=doc.published,
            similarity=dedup.similarity(fp, existing.fingerprint) if existing.fingerprint else 1.0,
        )
        return IngestResult(article=existing, created=False, duplicate_of=existing.pk)

    article = Article(
        url=final_url,
        canonical_url=canonical,
        source=source,
        title=(doc.title or title_from_text(doc.text))[:1000],
        published=doc.published,
        language=(doc.language or "")[:8],
        text=doc.text,
        content_hash=digest,
        fingerprint=fp,
        raw_content_type=content_type[:128],
        extraction=extraction,
        status=ArticleStatus.EXTRACTED if extraction["relevant"] else ArticleStatus.IRRELEVANT,
        pipeline_version=PIPELINE_VERSION,
        processed=timezone.now(),
    )
    article.set_raw(content)
    try:
        with transaction.atomic():
            article.save()
            article_search_sync(article)
            Sighting.objects.create(
                article=article,
                url=url,
                canonical_url=canonical_requested,
                source=source,
                title=article.title,
                published=article.published,
            )
            if canonical != canonical_requested:
                Sighting.objects.get_or_create(
                    canonical_url=canonical,
                    defaults={
                        "article": article,
                        "url": final_url,
                        "source": source,
                        "title": article.title,
                        "published": article.published,
                    },
                )
    except IntegrityError:
        # Another worker stored the same article first (or this task ran before and died
        # after committing): the constraints kept one copy; return it.
        winner = (
            Article.objects.filter(content_hash=digest).first()
            or Article.objects.filter(canonical_url=canonical).first()
        )
        if winner is None:
            winner = article_for_url(url)
        if winner is None:
            raise
        _sighting_add(
            article=winner,
            url=url,
            canonical=canonical_requested,
            source=source,
            title=doc.title,
            published=doc.published,
            similarity=1.0,
        )
        return IngestResult(article=winner, created=False, duplicate_of=winner.pk)
    return IngestResult(article=article, created=True)


@changes_data
def _article_revise(article, *, doc, content, content_type, extraction, digest, fp):
    """Replace a stored page's text and understanding with a newer version of the same page."""
    article.title = doc.title[:1000] or article.title
    article.text = doc.text
    article.language = (doc.language or article.language)[:8]
    article.published = doc.published or article.published
    article.content_hash = digest
    article.fingerprint = fp
    article.raw_content_type = content_type[:128]
    article.extraction = extraction
    article.status = ArticleStatus.EXTRACTED if extraction["relevant"] else ArticleStatus.IRRELEVANT
    article.pipeline_version = PIPELINE_VERSION
    article.processed = timezone.now()
    article.set_raw(content)
    with transaction.atomic():
        article.save()
        article_search_sync(article)
    return IngestResult(article=article, created=False, revised=True)


def _near_duplicate(fp: str, published: datetime.date | None) -> Article | None:
    """The stored article most similar to ``fp`` at or above the threshold, if any."""
    # Only signatures of the current scheme compare; older ones are renewed by reprocessing.
    candidates = Article.objects.filter(fingerprint__startswith=dedup.FINGERPRINT_PREFIX)
    if published:
        window = datetime.timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
        candidates = candidates.filter(published__range=(published - window, published + window))
    rows = list(
        candidates.order_by("-pk").values_list("pk", "fingerprint")[:NEAR_DUPLICATE_MAX_CANDIDATES]
    )
    if not rows:
        return None
    scores = dedup.similarities(fp, [other for _, other in rows])
    best = int(scores.argmax())
    if scores[best] < dedup.NEAR_DUPLICATE_THRESHOLD:
        return None
    return Article.objects.get(pk=rows[best][0])


@changes_data
def _sighting_add(*, article, url, canonical, source, title, published, similarity) -> None:
    try:
        with transaction.atomic():
            Sighting.objects.get_or_create(
                canonical_url=canonical,
                defaults={
                    "article": article,
                    "url": url,
                    "source": source,
                    "title": title[:1000],
                    "published": published,
                    "similarity": similarity,
                },
            )
    except IntegrityError:  # a concurrent run added it
        pass


def article_ingest_page(*, source: Source, fetched: FetchResult) -> IngestResult:
    """Ingest a page source from the body its poll just fetched (no second request); a page
    whose text changed becomes a new version of the same article."""
    return article_ingest_content(
        url=source.url,
        final_url=fetched.final_url,
        content=fetched.content,
        content_type=fetched.content_type,
        charset=fetched.charset,
        source=source,
    )


# Articles linked at most this many per sweep; the rest wait for the next beat tick.
LINK_SWEEP_LIMIT = 100


def articles_awaiting_link(*, older_than_minutes: int) -> list[int]:
    """Ids of relevant articles stored a while ago and still not linked (their link task was
    lost, e.g. the broker was down when it was enqueued)."""
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    return list(
        Article.objects.filter(status=ArticleStatus.EXTRACTED, processed__lt=cutoff)
        .order_by("processed")
        .values_list("pk", flat=True)[:LINK_SWEEP_LIMIT]
    )


def article_reprocess(*, article: Article) -> Article:
    """Re-run extraction and understanding on the stored document (the pipeline improved).

    The text, language and extraction are replaced; the article keeps its id and sightings.
    """
    raw = article.get_raw()
    if raw:
        doc = extract_document(
            raw, content_type=article.raw_content_type or None, charset=None, url=article.url
        )
        text = doc.text
        language = article.language or doc.language or ""
        published = article.published or doc.published
    else:
        text, language, published = article.text, article.language, article.published
    extraction = _understand(text, published=published, language=language, title=article.title)
    digest = dedup.content_hash(text)
    if Article.objects.filter(content_hash=digest).exclude(pk=article.pk).exists():
        digest = article.content_hash  # the new text equals another article's: keep the old key
    Article.objects.filter(pk=article.pk).update(
        text=text,
        language=language,
        published=published,
        content_hash=digest,
        fingerprint=dedup.fingerprint(text),
        extraction=extraction,
        status=ArticleStatus.EXTRACTED if extraction["relevant"] else ArticleStatus.IRRELEVANT,
        pipeline_version=PIPELINE_VERSION,
        processed=timezone.now(),
        error="",
    )
    article_search_sync(article)
    article.refresh_from_db()
    return article


# The fields of an article an analyst may correct (the rest is the pipeline's).
ARTICLE_CORRECTABLE_FIELDS = ("title", "url", "outlet", "published")


@transaction.atomic
@changes_data
def article_correct(*, article: Article, data: dict, user, reason: str) -> Article:
    """Correct what the pipeline stored about ``article``: its title, URL, outlet and
    publication date (``ARTICLE_CORRECTABLE_FIELDS``); history keeps ``user`` and ``reason``.

    The URL must be a web (http or https) address; an empty one keeps the stored address (a
    local file keeps its internal key). The canonical URL follows a new web address. Only
    changed fields are written, on the row as stored now (locked). Raises ``TrackerError``
    without a reason or for another field, and ``ValidationError`` for invalid values (an
    address another article already has); nothing is written then.
    """
    if not reason or not reason.strip():
        raise TrackerError("A correction needs a reason.")
    unknown = set(data) - set(ARTICLE_CORRECTABLE_FIELDS)
    if unknown:
        raise TrackerError(f"Only {', '.join(ARTICLE_CORRECTABLE_FIELDS)} can be corrected.")
    locked = Article.objects.select_for_update().get(pk=article.pk)
    wanted = dict(data)
    if "url" in wanted:
        url = (wanted["url"] or "").strip()
        if not url:
            del wanted["url"]
        elif not public_address(url):
            raise ValidationError({"url": "Give a web address (http or https)."})
        else:
            wanted["url"] = url
            wanted["canonical_url"] = dedup.canonical_url(url)
    changed = [name for name, value in wanted.items() if getattr(locked, name) != value]
    if changed:
        for name in changed:
            setattr(locked, name, wanted[name])
        # Only the corrected fields are judged: a local file's internal file: key is no web URL.
        locked.full_clean(
            exclude=[f.name for f in Article._meta.concrete_fields if f.attname not in changed]
        )
        locked._history_user = user
        locked._change_reason = reason.strip()
        locked.save(update_fields=changed)
        if "title" in changed:
            article_search_sync(locked)
    for name in (*ARTICLE_CORRECTABLE_FIELDS, "canonical_url"):
        setattr(article, name, getattr(locked, name))
    return article


# --- after understanding: hand over to the curated side ---------------------------------------


def article_link_task():
    """The task that links understood articles to curated records (configured, since ingest
    never imports the review side or the curated domain)."""
    return import_string(settings.INGEST_LINK_TASK)


@changes_data
def article_mark_linked(*, article: Article) -> None:
    """Record that the review side has linked ``article`` to curated records (status
    ``linked``); idempotent. The only way code outside ``ingest`` changes an article."""
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.LINKED)
    article.status = ArticleStatus.LINKED
