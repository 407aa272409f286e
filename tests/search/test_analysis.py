from search.analysis import highlight, stem, token_stem


def test_the_snippet_is_the_passage_with_the_most_query_words():
    filler = " ".join(f"word{number}" for number in range(60))
    text = f"Cobalt once. {filler} Cobalt smelters, cobalt audits and cobalt again. {filler}"

    snippet = highlight(text, {"cobalt"}, length=12)

    assert snippet.count("<mark>") == 3
    assert snippet.startswith("… ")
    assert "Cobalt once" not in snippet
    assert "<mark>Cobalt</mark> smelters, <mark>cobalt</mark> audits" in snippet


def test_the_first_of_equally_good_passages_is_shown():
    filler = " ".join(f"word{number}" for number in range(40))
    text = f"Alpha cobalt. {filler} Beta cobalt. {filler}"

    assert "Alpha" in highlight(text, {"cobalt"}, length=8)


def test_a_text_without_the_words_has_no_snippet():
    assert highlight("Nothing to see here.", {"cobalt"}) == ""


def test_words_are_stemmed_as_they_are_spelt_in_the_text():
    assert token_stem("Smelters") == stem("smelter")
    assert token_stem("Économie") == stem("economie")
    assert token_stem("x" * 41) is None
