import pytest

from search.index import MAX_VOCABULARY_WORD
from search.models import SearchWord
from search.spelling import correct

pytestmark = pytest.mark.django_db


def vocabulary(*words):
    SearchWord.objects.bulk_create(SearchWord(word=word, initial=word[0]) for word in words)


def test_a_misspelt_word_is_corrected_to_the_nearest_indexed_word():
    vocabulary("supply", "supplier", "surplus")

    assert correct("suply") == "supply"
    assert correct("suppliar") == "supplier"
    assert correct("supply") is None
    assert correct("zzzzzz") is None


def test_a_correction_is_kept_and_asks_the_database_nothing_the_second_time(
    django_assert_num_queries,
):
    vocabulary("monitoring")

    # Each: is it a word of the vocabulary, and which words are near it.
    with django_assert_num_queries(4):
        assert correct("monitorng") == "monitoring"
        assert correct("xylophone") is None
    with django_assert_num_queries(0):
        assert correct("monitorng") == "monitoring"
        # That there is none is kept too.
        assert correct("xylophone") is None


def test_words_no_indexed_word_can_be_near_are_never_looked_up(django_assert_num_queries):
    vocabulary("supply")

    with django_assert_num_queries(0):
        assert correct("sup") is None
        assert correct("s" * (MAX_VOCABULARY_WORD + 3)) is None
        assert correct("supp1y") is None
