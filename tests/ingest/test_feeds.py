"""parse_feed(): RSS 2.0, Atom 1.0, RSS 1.0, duplicates, relative links, hostile XML."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.errors import FeedError
from ingest.feeds import parse_feed
from ingest.fetching import fetch
from tests.ingest.conftest import DATA_DIR

FEEDS = DATA_DIR / "feeds"


def _read(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_rss2_entries_with_relative_links_resolved_and_duplicates_collapsed():
    entries = parse_feed(_read("rss2.xml"), base_url="https://steppe-wire.example/feed.xml")
    assert [e.url for e in entries] == [
        "https://steppe-wire.example/diplomacy/2024/01/24/guarantors-open-21st-round",
        "https://steppe-wire.example/diplomacy/2024/01/25/joint-statement"
        "?utm_source=rss&utm_medium=feed",
        "https://steppe-wire.example/diplomacy/2024/01/26/un-envoy-briefs",
    ]
    first = entries[0]
    assert first.title == "Guarantors open the 21st round of Astana talks"
    assert first.guid == "steppe-wire-10021"
    assert first.published == datetime(2024, 1, 24, 3, 30, tzinfo=UTC)
    assert first.summary == "Delegations of Russia, Iran and Turkey met in Astana on Wednesday."


def test_rss2_item_addressed_only_by_permalink_guid_is_kept():
    entries = parse_feed(_read("rss2.xml"), base_url="https://steppe-wire.example/feed.xml")
    assert entries[-1].guid == entries[-1].url
    assert entries[-1].title == "UN envoy briefs on humanitarian access"


def test_atom_entries_resolved_against_xml_base_and_deduplicated():
    entries = parse_feed(_read("atom.xml"), base_url="https://elsewhere.example/")
    assert len(entries) == 2
    assert (
        entries[0].url == "https://caspian-observer.example/news/2023/06/21/astana-20th-round-ends"
    )
    assert entries[0].title == "Astana talks: 20th round ends"
    assert entries[0].published == datetime(2023, 6, 21, 9, 45, tzinfo=UTC)
    assert entries[1].published == datetime(2023, 6, 20, 12, 0, tzinfo=UTC)  # from <updated>
    assert entries[1].summary == "Ankara said the zones remain in force."


def test_rss1_rdf_entries():
    entries = parse_feed(_read("rss1.rdf"), base_url="https://levant-digest.example/rss")
    assert [e.title for e in entries] == [
        "Twelfth round discusses constitutional committee",
        "Thirteenth round held in Nur-Sultan",
    ]
    assert entries[1].published == datetime(2019, 8, 2, 7, 0, tzinfo=UTC)


def test_empty_channel_is_an_empty_list():
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(feed, base_url="https://x.example/") == []


def test_billion_laughs_is_refused():
    with pytest.raises(FeedError) as exc:
        parse_feed(_read("billion_laughs.xml"), base_url="https://x.example/")
    assert exc.value.code == "xml_bomb"


def test_billion_laughs_in_utf16_is_refused_by_defusedxml():
    text = _read("billion_laughs.xml").decode("utf-8")
    text = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(FeedError) as exc:
        parse_feed(text.encode("utf-16"), base_url="https://x.example/")
    assert exc.value.code == "xml_bomb"


def test_external_entity_is_refused():
    with pytest.raises(FeedError) as exc:
        parse_feed(_read("external_entity.xml"), base_url="https://x.example/")
    assert exc.value.code == "xml_bomb"


@pytest.mark.parametrize(
    "content",
    [
        (FEEDS / "malformed.xml").read_bytes(),
        b"<html><body><p>Not a feed</p></body></html>",
        b'<?xml version="1.0"?><catalog><book/></catalog>',
        b'{"items": []}',
        b"   ",
    ],
)
def test_non_feeds_are_malformed(content):
    with pytest.raises(FeedError) as exc:
        parse_feed(content, base_url="https://x.example/")
    assert exc.value.code == "malformed_feed"


def test_feed_over_the_size_cap_is_refused():
    with pytest.raises(FeedError) as exc:
        parse_feed(_read("rss2.xml"), base_url="https://x.example/", max_bytes=100)
    assert exc.value.code == "too_large"


def test_script_in_titles_and_summaries_is_reduced_to_text():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b"<title>Talks &lt;script&gt;alert(1)&lt;/script&gt;end</title>"
        b"<link>https://x.example/a</link>"
        b"<description>&lt;img src=x onerror=alert(1)&gt;Body</description>"
        b"</item></channel></rss>"
    )
    [entry] = parse_feed(feed, base_url="https://x.example/")
    assert "<" not in entry.title and "<" not in entry.summary
    assert entry.summary == "Body"


def test_feed_fetched_over_http_then_parsed(http_server):
    http_server.add("/feed.xml", _read("rss1.rdf"), content_type="application/rdf+xml")
    result = fetch(http_server.url("/feed.xml"), allow_loopback=True)
    entries = parse_feed(result.content, base_url=result.final_url)
    assert len(entries) == 2
