from search.query import MAX_QUERY_LENGTH, Alternative, clean_query, essential, query_terms


def test_control_and_format_characters_become_spaces():
    assert clean_query("fair\x00ICT\u202e\x1b[31m  supply\tchains") == (
        "fair ICT [31m supply chains",
        False,
    )


def test_a_long_query_is_cut_at_a_word_boundary_and_says_so():
    query, shortened = clean_query("procurement " * 50)

    assert shortened
    assert len(query) <= MAX_QUERY_LENGTH
    assert query.endswith("procurement")


def test_a_long_word_is_cut_at_the_limit():
    query, shortened = clean_query("x" * 2000)

    assert (len(query), shortened) == (MAX_QUERY_LENGTH, True)


def test_nothing_but_whitespace_is_an_empty_query():
    assert clean_query(" \n\t ") == ("", False)
    assert clean_query(None) == ("", False)


def test_terms_are_words_without_syntax():
    assert query_terms('"fair ICT" AND title:(cobalt*) -smelter') == [
        "fair",
        "ICT",
        "AND",
        "title",
        "cobalt",
        "smelter",
    ]


def test_terms_keep_accented_letters():
    assert query_terms("Région Île-de-France") == ["Région", "Île", "de", "France"]


def test_an_alternative_containing_another_is_not_essential():
    tender, call, notice, order = (
        Alternative(("tender",)),
        Alternative(("call", "for", "tender")),
        Alternative(("contract", "notice")),
        Alternative(("tender", "call")),
    )

    # "call for tender" finds nothing "tender" does not; "tender call" neither, whatever the
    # order; "contract notice" finds what "tender" does not.
    assert essential((tender, call, notice, order)) == [tender, notice]
    assert essential((call, notice)) == [call, notice]
