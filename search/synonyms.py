"""The editors' synonym list, as the query parser reads it.

Synonyms are expanded in the query, never in the index: every engine gets them the same way
(the Elasticsearch test node has no synonym filter anyway), and an editor's new synonym works
at once, without a rebuild.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from search.analysis import stem, words

CACHE_KEY = "search:synonyms"
CACHE_SECONDS = 60 * 60


def synonym_map():
    """``{stems of a term: (words of each term meaning the same, …)}``, cached."""
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        mapping = build_map()
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def build_map():
    from search.models import Synonym

    groups = {}
    for synonym in Synonym.objects.all():
        terms = [tuple(words(term)) for term in synonym.term_list]
        terms = [term for term in terms if term]
        for term in terms:
            key = tuple(stem(word) for word in term)
            others = groups.setdefault(key, {})
            for other in terms:
                if other != term:
                    others[other] = None
    return {key: tuple(others) for key, others in groups.items()}


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    from search.models import Synonym

    post_save.connect(forget, sender=Synonym, dispatch_uid="site_search.synonym_saved")
    post_delete.connect(forget, sender=Synonym, dispatch_uid="site_search.synonym_deleted")
