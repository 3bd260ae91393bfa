"""Canonical URLs, content hashes and MinHash near-duplicate detection."""

from __future__ import annotations

import json

import pytest

from ingest.dedup import (
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    content_hash,
    fingerprint,
    is_near_duplicate,
    similarity,
)
from ingest.errors import IngestError
from tests.ingest.conftest import DATA_DIR


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM/News", "http://example.com/News"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/?", "https://example.com/"),
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&id=7&fbclid=x&gclid=y",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?yclid=1&mc_cid=2&mc_eid=3&ref=home&_ga=4", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1&c=3", "https://example.com/a?a=1&b=2&c=3"),
        ("https://example.com/story/amp/", "https://example.com/story"),
        ("https://example.com/story?amp=1", "https://example.com/story"),
        ("https://example.com/story?outputType=amp", "https://example.com/story"),
        ("https://amp.example.com/story", "https://example.com/story"),
        ("https://amp.com/story", "https://amp.com/story"),
        ("https://example.com/amp-guide", "https://example.com/amp-guide"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://example.com/a%7eb", "https://example.com/a~b"),
        (
            "https://example.com/search?q=astana talks",
            "https://example.com/search?q=astana%20talks",
        ),
    ],
)
def test_canonical_url_normalises_spellings_of_one_address(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent():
    url = "HTTPS://AMP.Example.com:443/a/b/amp/?utm_campaign=x&z=1&a=2#top"
    once = canonical_url(url)
    assert canonical_url(once) == once == "https://example.com/a/b?a=2&z=1"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "javascript:alert(1)", "/relative/path", "", "http://"]
)
def test_canonical_url_rejects_non_http_urls(url):
    with pytest.raises(IngestError) as exc:
        canonical_url(url)
    assert exc.value.code == "bad_url"


def test_content_hash_ignores_case_whitespace_and_compatibility_forms():
    a = "Astana  talks\n\nended on Thursday."
    b = "  ASTANA talks ended   on Thursday.  "
    c = "Ａｓｔａｎａ talks ended on Thursday."  # full-width letters, NFKC folds them
    assert content_hash(a) == content_hash(b) == content_hash(c)
    assert len(content_hash(a)) == 64


def test_content_hash_differs_for_different_text():
    assert content_hash("The 20th round ended.") != content_hash("The 21st round ended.")


def test_fingerprint_is_compact_ascii_and_deterministic():
    text = "Russia, Iran and Turkey adopted a joint statement in Astana on Thursday."
    fp = fingerprint(text)
    assert fp == fingerprint(text)
    assert fp.isascii() and fp.startswith("mh2:")
    assert len(fp) <= 700


def test_similarity_of_identical_and_unrelated_texts():
    a = " ".join(f"word{i}" for i in range(300))
    b = " ".join(f"other{i}" for i in range(300))
    assert similarity(fingerprint(a), fingerprint(a)) == 1.0
    assert similarity(fingerprint(a), fingerprint(b)) < 0.05


def test_similarity_tracks_jaccard_of_shingles():
    words = [f"w{i}" for i in range(400)]
    half = words[:200] + [f"x{i}" for i in range(200)]
    # 196 shared shingles out of 396 + 396 - 196 = 596: Jaccard about 0.33
    estimate = similarity(fingerprint(" ".join(words)), fingerprint(" ".join(half)))
    assert 0.2 < estimate < 0.46


def test_empty_text_is_similar_to_nothing():
    assert similarity(fingerprint(""), fingerprint("")) == 0.0
    assert similarity(fingerprint(""), fingerprint("some words here")) == 0.0


def test_short_texts_match_only_when_identical():
    assert similarity(fingerprint("Astana talks"), fingerprint("astana  TALKS")) == 1.0
    assert similarity(fingerprint("Astana talks"), fingerprint("Geneva talks")) == 0.0


@pytest.mark.parametrize("bad", ["", "mh1:!!!", "xx:AAAA", "mh1:AAAA"])
def test_similarity_rejects_foreign_strings(bad):
    with pytest.raises(IngestError) as exc:
        similarity(bad, fingerprint("some text"))
    assert exc.value.code == "bad_fingerprint"


def _pairs():
    data = json.loads((DATA_DIR / "dedup_pairs.json").read_text(encoding="utf-8"))
    return data["pairs"]


def test_labelled_pairs_cover_both_classes():
    labels = [p["duplicate"] for p in _pairs()]
    assert len(labels) >= 20
    assert labels.count(True) >= 8 and labels.count(False) >= 8


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: p["note"][:50])
def test_labelled_pair_is_classified_by_threshold(pair):
    fp_a, fp_b = fingerprint(pair["text_a"]), fingerprint(pair["text_b"])
    assert is_near_duplicate(fp_a, fp_b) is pair["duplicate"], similarity(fp_a, fp_b)


def test_threshold_leaves_a_margin_on_labelled_pairs():
    dup, other = [], []
    for pair in _pairs():
        score = similarity(fingerprint(pair["text_a"]), fingerprint(pair["text_b"]))
        (dup if pair["duplicate"] else other).append(score)
    assert min(dup) - NEAR_DUPLICATE_THRESHOLD >= 0.05
    assert NEAR_DUPLICATE_THRESHOLD - max(other) >= 0.05


def test_similarities_matches_similarity_pairwise():
    from ingest.dedup import similarities

    texts = [
        "the eighth round of talks on syria in the astana format ended on friday",
        "the eighth round of talks on syria in the astana format ended on thursday",
        "a football derby in the kazakh capital drew a crowd of thirty thousand",
        "",
    ]
    fps = [fingerprint(t) for t in texts]
    scores = similarities(fps[0], fps)
    for fp, score in zip(fps, scores, strict=True):
        assert score == pytest.approx(similarity(fps[0], fp))
    assert scores[-1] == 0.0
