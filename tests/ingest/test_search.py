"""The search engine's reading of text and queries (pure: no database)."""

import pytest

from ingest.search import fold_text, fts5_query, highlight, matching_ids, parse_query, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Сирии", "сирии"),
        ("АСТАНЕ", "астане"),
        ("Çavuşoğlu", "cavusoglu"),
        ("İdlib", "idlib"),
        ("Kazakistan'ın", "kazakistan'in"),
        ("إدلب", "ادلب"),
        ("أَسْتَانَا", "استانا"),
        ("Ёлка и Йошкар-Ола", "елка и йошкар-ола"),
    ],
)
def test_folding_removes_case_and_diacritics_in_every_script(text, folded):
    assert fold_text(text) == folded


def test_a_place_in_the_query_is_every_name_it_goes_by():
    parsed = parse_query("Astana")

    (group,) = parsed.groups
    assert {("astana",), ("nur", "sultan"), ("астана",), ("استانا",)} <= set(group)


@pytest.mark.parametrize("query", ["Idlib", "Idleb", "İdlib", "إدلب", "Идлиб"])
def test_every_spelling_of_idlib_reads_as_the_same_place(query):
    (group,) = parse_query(query).groups

    assert {("idlib",), ("idleb",), ("ادلب",)} <= set(group)


def test_words_outside_the_gazetteer_stay_as_they_are():
    parsed = parse_query("Detainees exchange")

    assert parsed.groups == ((("detainees",),), (("exchange",),))
    assert parsed.round_number is None


@pytest.mark.parametrize(
    "query", ["8", "Astana-8", "round 8", "Round 8", "8-й раунд", "8. tur", "الجولة الثامنة"]
)
def test_a_query_naming_a_round_carries_its_number(query):
    assert parse_query(query).round_number == 8


def test_a_round_number_in_arabic_indic_digits_is_read():
    assert parse_query("٨").round_number == 8


@pytest.mark.parametrize("query", ["³", "①", "²³", "⑧"])
def test_superscripts_and_circled_digits_are_words_not_round_numbers(query):
    # str.isdigit() is true for these but int() refuses them: a fuzzer found the 500.
    assert parse_query(query).round_number is None


def test_a_blank_query_is_empty():
    assert not parse_query("   ")
    assert not parse_query("!!!")


def test_fts5_query_matches_russian_words_by_stem_and_numbers_exactly():
    query = fts5_query(parse_query("Астане 8"))

    assert '"астан" *' in query
    assert '"8"' in query and '"8" *' not in query


def test_highlight_marks_matches_whatever_their_case_and_accents():
    html = highlight("Mevlüt Çavuşoğlu met delegations in İdlib.", parse_query("cavusoglu idlib"))

    assert "<mark>Çavuşoğlu</mark>" in html and "<mark>İdlib</mark>" in html


def test_highlight_escapes_the_text():
    html = highlight("<b>Astana</b> talks", parse_query("talks"))

    assert "<b>" not in html and "<mark>talks</mark>" in html


def test_pg_alternatives_split_only_the_top_level_or():
    from ingest.search import _pg_alternatives

    assert _pg_alternatives("'sochi' | 'соч':*") == ["'sochi'", "'соч':*"]
    assert _pg_alternatives("'a' <-> 'b' | 'c'") == ["'a' <-> 'b'", "'c'"]
    assert _pg_alternatives("( 'a' | 'b' ) & 'c'") == ["( 'a' | 'b' ) & 'c'"]
    assert _pg_alternatives("'it''s | not' | 'x'") == ["'it''s | not'", "'x'"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_pg_query_names_each_lexeme_once():
    from ingest.search import pg_tsquery

    sql, (text,) = pg_tsquery(parse_query("Sochi talks"))
    assert sql == "%s::tsquery"
    sochi, talks = text.split(" & ")
    # five language configurations of each spelling, each lexeme once
    assert sochi.count("'sochi'") == 1 and "'сочи'" in sochi
    # stemmed (english) and as written (simple), once each
    assert talks.count("'talk'") == 1 and talks.count("'talks'") == 1


@pytest.mark.django_db
def test_excerpts_find_a_late_match_on_either_database():
    from ingest.search import FIND_CHUNK, headlines

    early = "The guarantors met in Sochi to discuss the ceasefire. " + "Filler words. " * 50
    late = "Filler words. " * (4 * FIND_CHUNK // 14) + "The guarantors met in Sochi at last."

    first, second = headlines(parse_query("sochi"), [(early, "en"), (late, "en")])

    assert "<mark>Sochi</mark>" in first
    assert "<mark>Sochi</mark>" in second and "at last" in second


@pytest.mark.postgres
@pytest.mark.django_db
def test_pg_a_stop_word_in_the_query_does_not_empty_the_search():
    # Records are indexed in their own language's configuration, which drops its stop words:
    # a query keeping "the" (as the simple configuration does) would match no English record.
    from ingest.search import pg_tsquery
    from rounds.search import search_page

    def rounds(query):
        return search_page("round", parse_query(query), limit=50).ids

    assert rounds("Sochi")
    assert rounds("the Sochi") == rounds("Sochi")
    assert rounds("в Сочи") == rounds("Сочи") == rounds("Sochi")
    assert rounds("talks in Astana")
    _, (text,) = pg_tsquery(parse_query("the talks"))
    assert "'the'" not in text and "'talk'" in text


@pytest.mark.parametrize(
    "text", ["Çavuşoğlu в Сирии", "İDLİB ve Şam", "إِدْلِب أستانا", "ﬁve ligature", "Ёлка"]
)
def test_folding_in_place_keeps_every_offset(text):
    from ingest.search import fold_in_place

    folded = fold_in_place(text)

    assert len(folded) == len(text)
    # Word for word what fold_text gives, where fold_text keeps the length.
    for word, same in zip(text.split(), folded.split(), strict=True):
        if len(fold_text(word)) == len(word):
            assert same == fold_text(word)


def test_first_match_finds_the_first_word_that_matches_in_any_piece_of_a_long_text():
    from ingest.search import FIND_CHUNK, first_match

    filler = "The parties met again. " * (3 * FIND_CHUNK // 23)
    text = filler + "Then Çavuşoğlu spoke."

    assert first_match(text, parse_query("cavusoglu")) == text.index("Çavuşoğlu")
    assert first_match(text, parse_query("absent")) is None


def test_first_match_reads_a_word_cut_between_two_pieces():
    from ingest.search import FIND_CHUNK, first_match

    text = "x" * (FIND_CHUNK - 3) + " Sochi talks"

    assert first_match(text, parse_query("sochi")) == FIND_CHUNK - 2


def test_first_match_takes_whole_words_for_numbers_and_word_starts_for_words():
    from ingest.search import first_match

    assert first_match("round 18 and round 8", parse_query("8")) == len("round 18 and round ")
    assert first_match("the delegations met", parse_query("delegation")) == 4
    assert first_match("misdelegation", parse_query("delegation")) is None


def test_highlight_marks_every_match_in_the_excerpt_and_starts_it_near_the_first():
    text = "Opening words. " * 40 + "Talks in Astana ended; the Astana talks resume in May."

    html = highlight(text, parse_query("astana"))

    assert html.startswith("… ")
    assert html.count("<mark>Astana</mark>") == 2


def test_first_match_does_not_take_a_word_inside_another_at_a_piece_cut():
    from ingest.search import FIND_CHUNK, first_match

    # The "war" of "toward" starts at the next piece's first character (FIND_CHUNK - 1).
    text = "x" * (FIND_CHUNK - 4) + " toward the war"
    assert text.index("toward") + 2 == FIND_CHUNK - 1

    assert first_match(text, parse_query("war")) == text.index("the war") + 4


def test_an_excerpt_marks_the_forms_the_english_stemmer_relates():
    html = highlight(
        "The delegation met; delegates and talk of talks.", parse_query("delegations talks")
    )

    assert "<mark>delegation</mark>" in html and "<mark>delegates</mark>" in html
    assert "<mark>talk</mark>" in html and "<mark>talks</mark>" in html


def test_an_excerpt_marks_words_written_with_a_tatweel_or_a_ligature():
    assert "<mark>إدلـب</mark>" in highlight("الوضع في إدلـب هادئ", parse_query("إدلب"))
    assert "<mark>ﬁnal</mark>" in highlight("the ﬁnal statement", parse_query("final"))


@pytest.mark.postgres
@pytest.mark.django_db
def test_pg_a_search_scans_from_the_start_in_one_process_under_a_time_limit():
    # The first CANDIDATES matches are the same on every request only if a scan starts at the
    # table's start (not where the last one stopped) and no parallel workers interleave.
    from django.db import connection

    from ingest.search import STATEMENT_TIMEOUT_MS, search_session

    with search_session(), connection.cursor() as cursor:
        settings = {}
        for name in (
            "synchronize_seqscans",
            "max_parallel_workers_per_gather",
            "statement_timeout",
        ):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]

    assert settings["synchronize_seqscans"] == "off"
    assert settings["max_parallel_workers_per_gather"] == "0"
    assert settings["statement_timeout"] == f"{STATEMENT_TIMEOUT_MS // 1000}s"


def test_folding_in_place_of_ascii_text_is_the_general_folding():
    from ingest.search import _BASE_LETTERS, fold_in_place
    from ingest.understanding._text import fold

    every_ascii = "".join(chr(code) for code in range(128))

    assert fold_in_place(every_ascii) == fold(every_ascii).translate(_BASE_LETTERS)


def test_an_excerpt_starts_and_ends_between_words():
    text = " ".join(f"word{n:03d}" for n in range(200)) + " Astana " + "tail " * 200

    html = str(highlight(text, parse_query("astana")))

    assert html.startswith("… word") and html.endswith(" …")
    first = html.removeprefix("… ").split(" ")[0]
    last = html.removesuffix(" …").split(" ")[-1]
    assert len(first) == len("word000") and last in ("tail", "<mark>Astana</mark>")


@pytest.mark.parametrize(
    "text",
    [
        "Делегации ВСТРЕТИЛИСЬ в Астане; Ёлка",
        "Dışişleri Bakanı İDLİB'de Şam ile görüştü",
        "اجتمعت الوفود في أستانا وإدلب",
        "Ünal, Çavuşoğlu et Žižek à Genève",
    ],
)
def test_folding_in_place_in_one_pass_is_folding_then_base_letters(text):
    from ingest.search import _BASE_LETTERS, fold_in_place
    from ingest.understanding._text import fold

    assert fold_in_place(text) == fold(text).translate(_BASE_LETTERS)


# Small tables (places, participants, zones) matched in Python on their folded texts.
_ROWS = [
    (1, ["Quokkaville", "Квоккавиль", "Quokkaköy", "كوكافيل"]),
    (2, ["Wombat Bay", "Вомбатова бухта"]),
    (3, ["İzmirette", ""]),
]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("quokkaville", [1]),
        ("QUOKKAVILLE", [1]),
        ("Квоккавиль", [1]),
        ("квоккавиль", [1]),
        ("КВОККАВИЛЬ", [1]),
        ("quokkakoy", [1]),
        ("Quokkaköy", [1]),
        ("كوكافيل", [1]),
        ("İzmirette", [3]),
        ("izmirette", [3]),
        ("IZMIRETTE", [3]),
        ("vombat", []),
        ("вомбат бухта", [2]),
        ("okka", [1]),
        ("wombat quokka", []),
    ],
)
def test_small_tables_match_every_word_in_any_script_case_and_accents_folded(query, ids):
    assert matching_ids(_ROWS, words(query)) == ids


def test_small_tables_match_a_word_across_no_two_texts():
    # Two texts are not one: "Wombat" and "Bay" do not make "wombatbay".
    assert matching_ids([(1, ["Wombat", "Bay"])], words("wombatbay")) == []
