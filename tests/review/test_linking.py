"""Linking understood articles to curated records, and the suggestions it queues."""

import pytest

from ingest.models import Article
from review.linking import article_link
from rounds.models import Citation, Event, Round, Statement, Suggestion

pytestmark = pytest.mark.django_db

QUOTE_R8 = "The eighth round was held in Astana on December 21-22."


def _article(extraction, url="https://news.example.org/a") -> Article:
    return Article.objects.create(
        url=url,
        canonical_url=url,
        title="A story",
        text="Some text. " + QUOTE_R8,
        extraction={
            "relevant": True,
            "round_numbers": [],
            "meetings": [],
            "places": [],
            "participants": [],
            "documents": [],
            "topics": [],
            **extraction,
        },
    )


def _meeting(**kw):
    return {
        "kind": "round",
        "round_number": None,
        "place": None,
        "start": None,
        "end": None,
        "status": "held",
        "quote": QUOTE_R8,
        **kw,
    }


def test_a_matching_round_is_cited_with_its_sentence_and_nothing_is_suggested():
    article = _article(
        {
            "meetings": [
                _meeting(round_number=8, place="Astana", start="2017-12-21", end="2017-12-22")
            ]
        }
    )
    report = article_link(article=article)
    citation = Citation.objects.get(article=article)
    assert citation.content_object == Round.objects.get(number=8)
    assert citation.quote == QUOTE_R8
    assert report.suggestions == 0 and report.rounds == [8]
    article.refresh_from_db()
    assert article.status == "linked"


def test_other_dates_for_a_round_become_a_suggestion_not_an_overwrite():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-20", end="2017-12-21")]}
    )
    article_link(article=article)
    rnd = Round.objects.get(number=8)
    assert str(rnd.start_date) == "2017-12-21"  # curated data untouched
    suggestion = Suggestion.objects.get(article=article)
    assert suggestion.kind == "round_dates"
    assert suggestion.target == rnd
    assert suggestion.payload == {"start_date": "2017-12-20", "end_date": "2017-12-21"}
    assert suggestion.current == {"start_date": "2017-12-21", "end_date": "2017-12-22"}


def test_an_unknown_round_becomes_a_new_round_suggestion():
    article = _article(
        {
            "meetings": [
                _meeting(
                    round_number=23,
                    place="Astana",
                    start="2025-03-03",
                    end="2025-03-04",
                    status="announced",
                )
            ]
        }
    )
    article_link(article=article)
    suggestion = Suggestion.objects.get(article=article, kind="new_round")
    assert suggestion.kind == "new_round"
    assert suggestion.payload["number"] == 23
    assert suggestion.payload["status"] == "scheduled"
    assert suggestion.quote == QUOTE_R8


def test_an_announced_meeting_matching_an_event_is_cited():
    article = _article(
        {
            "meetings": [
                _meeting(
                    kind="congress",
                    place="Sochi",
                    start="2018-01-29",
                    end="2018-01-30",
                    status="announced",
                )
            ]
        }
    )
    article_link(article=article)
    assert Citation.objects.get(article=article).content_object == Event.objects.get(
        slug="sochi-congress"
    )
    assert not Suggestion.objects.filter(article=article).exists()


def test_an_unknown_announced_meeting_becomes_a_new_event_suggestion():
    article = _article(
        {
            "meetings": [
                _meeting(
                    kind="summit",
                    place="Tehran",
                    start="2026-05-10",
                    end="2026-05-10",
                    status="announced",
                )
            ]
        }
    )
    article_link(article=article)
    suggestion = Suggestion.objects.get(article=article, kind="new_event")
    assert suggestion.payload["place"] == "Tehran"
    assert suggestion.payload["status"] == "announced"


def test_a_new_document_of_a_round_becomes_a_statement_suggestion():
    article = _article(
        {
            "meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")],
            "documents": [
                {
                    "kind": "memorandum",
                    "title": "memorandum on cultural exchanges",
                    "quote": QUOTE_R8,
                }
            ],
        }
    )
    article_link(article=article)
    assert Suggestion.objects.filter(article=article, kind="new_statement").count() == 1


def test_linking_twice_adds_nothing():
    article = _article(
        {"meetings": [_meeting(round_number=23, start="2025-03-03", end="2025-03-04")]}
    )
    article_link(article=article)
    counts = (Citation.objects.count(), Suggestion.objects.count())
    article_link(article=article)
    assert (Citation.objects.count(), Suggestion.objects.count()) == counts


def test_an_irrelevant_article_is_not_linked():
    article = _article(
        {"relevant": False, "meetings": [_meeting(round_number=8, start="2017-12-21")]}
    )
    report = article_link(article=article)
    assert report.citations == report.suggestions == 0
    assert not Citation.objects.filter(article=article).exists()


def test_a_day_inside_a_rounds_span_agrees_with_it():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-22", end="2017-12-22")]}
    )
    report = article_link(article=article)
    assert report.citations == 1 and report.suggestions == 0


def test_a_local_file_is_cited_through_its_article():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]},
        url="file:///tmp/astana8.txt",
    )
    article_link(article=article)
    citation = Citation.objects.get(article=article)
    assert citation.url == "" and citation.content_object.number == 8
    article_link(article=article)
    assert Citation.objects.filter(article=article).count() == 1


def test_a_reference_citation_of_the_same_url_gains_the_article_and_quote():
    rnd = Round.objects.get(number=8)
    existing = rnd.citations.exclude(url="").filter(quote="").first()
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]},
        url=existing.url,
    )
    article_link(article=article)
    existing.refresh_from_db()
    assert existing.article == article and existing.quote == QUOTE_R8
    assert rnd.citations.filter(url=existing.url).count() == 1


def test_a_reference_citation_keeps_the_quote_it_was_established_with():
    rnd = Round.objects.get(number=8)
    existing = rnd.citations.exclude(url="").exclude(quote="").first()
    established = existing.quote
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]},
        url=existing.url,
    )
    article_link(article=article)
    existing.refresh_from_db()
    assert existing.article == article and existing.quote == established != QUOTE_R8


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.org/a b",  # not a valid URL
        "https://news.example.org/" + "a" * 1000,  # too long to keep without cutting
    ],
)
def test_an_article_whose_address_a_citation_cannot_hold_is_cited_through_the_article(url):
    # Given an article at an address a citation's URL field refuses
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]}, url=url
    )
    # When it is linked
    report = article_link(article=article)
    # Then the round cites the stored article, not a cut or dropped address
    citation = Citation.objects.get(article=article)
    assert citation.url == "" and citation.content_object.number == 8
    assert report.citations == 1


def _documents_article(*documents, url="https://news.example.org/docs"):
    return _article(
        {
            "meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")],
            "documents": [{"quote": QUOTE_R8, **doc} for doc in documents],
        },
        url=url,
    )


def test_a_new_document_of_a_kind_the_round_has_is_suggested_not_cited_on_it():
    # Given round 8 with a provision on detainees, and an article on another provision
    article = _documents_article(
        {"kind": "provision", "title": "provision on the exchange of prisoners"}
    )
    # When it is linked
    article_link(article=article)
    # Then the existing provision is not cited; a new statement is suggested
    provision = Statement.objects.get(round__number=8, kind="provision")
    assert not provision.citations.filter(article=article).exists()
    suggestion = Suggestion.objects.get(article=article, kind="new_statement")
    assert suggestion.payload["title"] == "provision on the exchange of prisoners"


def test_a_document_is_cited_on_the_statement_whose_title_it_shares():
    article = _documents_article(
        {"kind": "provision", "title": "provision on the working group on detainees"},
        {"kind": "joint_statement", "title": "joint statement"},
    )
    article_link(article=article)
    cited = set(
        Statement.objects.filter(citations__article=article).values_list("title", flat=True)
    )
    assert cited == {
        "Provision (regulations) on the Working Group on the release of detainees/abductees, "
        "handover of bodies and identification of missing persons",
        "Joint Statement by Iran, Russia and Turkey",
    }
    assert not Suggestion.objects.filter(article=article, kind="new_statement").exists()


def test_an_announced_round_is_also_suggested_as_its_predecessors_next_meeting(analyst):
    from review.services import suggestion_accept

    article = _article(
        {
            "meetings": [
                _meeting(
                    round_number=23,
                    place="Astana",
                    start="2025-03-03",
                    end="2025-03-04",
                    status="announced",
                )
            ]
        }
    )
    article_link(article=article)
    suggestion = Suggestion.objects.get(article=article, kind="round_next_meeting")
    assert suggestion.target == Round.objects.get(number=22)
    assert suggestion.payload["start"] == "2025-03-03"
    suggestion_accept(suggestion=suggestion, user=analyst)
    r22 = Round.objects.get(number=22)
    assert str(r22.next_meeting_start) == "2025-03-03" and r22.next_meeting_place.name == "Astana"


# --- only claims that agree with the record are cited; a new reading withdraws the old ---------


def _relink(article, **extraction):
    article.extraction = {**article.extraction, **extraction}
    article.save(update_fields=["extraction"])
    return article_link(article=article)


def test_a_round_claim_that_contradicts_the_record_is_queued_not_cited():
    # Dates far from the curated 21-22 Dec 2017: a suggestion, and no citation on the page.
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2018-03-01", end="2018-03-02")]}
    )
    article_link(article=article)
    assert not Citation.objects.filter(article=article).exists()
    assert Suggestion.objects.get(article=article).kind == "round_dates"


def test_a_round_claim_at_another_venue_is_not_cited():
    article = _article({"meetings": [_meeting(round_number=8, place="Sochi")]})
    article_link(article=article)
    assert not Citation.objects.filter(article=article).exists()


def test_a_low_confidence_claim_is_not_cited():
    article = _article({"meetings": [_meeting(round_number=8, confidence=0.3, reason="weak")]})
    article_link(article=article)
    assert not Citation.objects.filter(article=article).exists()


def test_reprocessing_withdraws_citations_and_pending_suggestions_no_longer_supported():
    article = _article(
        {
            "meetings": [
                _meeting(round_number=8, start="2017-12-21", end="2017-12-22"),
                _meeting(round_number=9, start="2018-05-01", end="2018-05-02"),
            ]
        }
    )
    article_link(article=article)
    assert Citation.objects.filter(article=article).count() == 1  # round 8 (9 disagrees)
    pending = Suggestion.objects.get(article=article, kind="round_dates")

    # The improved pipeline reads the article as about round 9's curated dates only.
    report = _relink(
        article, meetings=[_meeting(round_number=9, start="2018-05-14", end="2018-05-15")]
    )
    cited = [c.content_object for c in Citation.objects.filter(article=article)]
    assert cited == [Round.objects.get(number=9)]
    assert report.withdrawn_citations == 1 and report.withdrawn_suggestions == 1
    pending.refresh_from_db()
    assert pending.status == "withdrawn" and pending.reviewed_at is not None
    # The withdrawn citation's history says why.
    gone = Citation.history.filter(history_type="-", article_id=article.pk).get()
    assert gone.history_change_reason.startswith("Withdrawn")


def test_withdrawing_gives_back_a_reference_citation_without_deleting_it():
    rnd = Round.objects.get(number=8)
    existing = rnd.citations.exclude(url="").first()
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]},
        url=existing.url,
    )
    article_link(article=article)
    report = _relink(article, relevant=False)
    existing.refresh_from_db()
    assert existing.article is None and existing.url  # the reference citation stays
    assert report.withdrawn_citations == 1


def test_reviewed_suggestions_and_analysts_citations_stay():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2018-03-01", end="2018-03-02")]}
    )
    article_link(article=article)
    suggestion = Suggestion.objects.get(article=article)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        status="rejected", reviewed_at="2024-01-01T00:00Z"
    )
    _relink(article, relevant=False)
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


def test_relinking_the_same_reading_withdraws_nothing():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2018-03-01", end="2018-03-02")]}
    )
    article_link(article=article)
    report = article_link(article=article)
    assert report.withdrawn_citations == report.withdrawn_suggestions == 0
    assert Suggestion.objects.get(article=article).status == "pending"


def test_a_document_named_in_another_language_is_the_one_on_record():
    # Given round 8's one provision, on record under its English title, and a Russian article
    # naming a provision in Russian
    article = _documents_article(
        {"kind": "provision", "title": "положение о рабочей группе по освобождению задержанных"}
    )
    # When it is linked
    article_link(article=article)
    # Then the provision on record is cited and no second one is proposed
    provision = Statement.objects.get(round__number=8, kind="provision")
    assert provision.citations.filter(article=article).exists()
    assert not Suggestion.objects.filter(article=article, kind="new_statement").exists()


def test_a_joint_statement_named_in_russian_is_not_proposed_again():
    # Round 8 has two joint statements on record, in English: the Russian title cannot say
    # which one it is, so neither is cited and no third one is proposed.
    article = _documents_article({"kind": "joint_statement", "title": "совместное заявление"})
    article_link(article=article)
    assert not Suggestion.objects.filter(article=article, kind="new_statement").exists()


def test_suggestions_carry_the_claims_confidence_and_the_queue_puts_the_best_first():
    weak = _article(
        {
            "meetings": [
                _meeting(round_number=8, start="2018-03-01", end="2018-03-02", confidence=0.4)
            ]
        },
        url="https://news.example.org/weak",
    )
    strong = _article(
        {
            "meetings": [
                _meeting(round_number=8, start="2018-03-05", end="2018-03-06", confidence=0.9)
            ]
        },
        url="https://news.example.org/strong",
    )
    article_link(article=weak)
    article_link(article=strong)
    queue = list(Suggestion.objects.filter(status="pending"))
    assert [s.confidence for s in queue[:2]] == [0.9, 0.4]
    # A person reads a title, not the internal key.
    assert str(queue[0]).startswith("Round 8") and "round:8:" not in str(queue[0])


def test_a_citation_says_the_language_of_its_article():
    article = _article(
        {"meetings": [_meeting(round_number=8, start="2017-12-21", end="2017-12-22")]}
    )
    Article.objects.filter(pk=article.pk).update(language="ru")
    article.refresh_from_db()
    article_link(article=article)
    assert Citation.objects.get(article=article).language == "ru"
