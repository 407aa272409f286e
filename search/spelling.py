"""Spelling suggestions for queries that find nothing: "suply chain" → "supply chain".

Candidates come from the words in the index (``SearchWord``). A suggestion is only ever used
after a search for it has found something the asker may see (``search.service``), so a word
that occurs only in content they may not see is never offered to them.
"""

from django.core.cache import cache
from django.db.models.functions import Length
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from search.analysis import STOP_WORDS
from search.index import MAX_VOCABULARY_WORD
from search.models import SearchWord

# Short words have too many neighbours for a guess to be right.
MIN_LENGTH = 4
# A word's correction is kept this long. Finding it reads every indexed word of about its
# length and first letter (hundreds) and measures the distance to each: as much time as the
# search it belongs to. The vocabulary barely changes from one minute to the next, and a
# correction is only ever used once a search for it has found something (``search.service``).
CACHE_SECONDS = 5 * 60


def max_edits(word):
    return 1 if len(word) <= 5 else 2


def correct(word):
    """The closest indexed word to ``word`` within a typo or two, or ``None``."""
    if not MIN_LENGTH <= len(word) <= MAX_VOCABULARY_WORD + max_edits(word):
        return None
    if not word.isalpha() or word in STOP_WORDS:
        return None
    key = f"search:spelling:{word}"
    corrected = cache.get(key)
    if corrected is None:
        # "" when there is none: the cache cannot tell a kept None from a missing key.
        corrected = closest_word(word) or ""
        cache.set(key, corrected, CACHE_SECONDS)
    return corrected or None


def closest_word(word):
    """What ``correct`` finds, read from the vocabulary each time."""
    if SearchWord.objects.filter(word=word).exists():
        return None
    limit = max_edits(word)
    # Only words within ``limit`` letters of its length can be within ``limit`` edits.
    candidates = list(
        SearchWord.objects.filter(initial=word[0])
        .alias(length=Length("word"))
        .filter(length__range=(len(word) - limit, len(word) + limit))
        .values_list("word", flat=True)
    )
    match = process.extractOne(
        word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit
    )
    return match[0] if match else None


def corrections(parsed):
    """``{clause text: corrected word}`` for the unquoted single-word clauses of ``parsed``
    that look misspelt."""
    found = {}
    for clause in parsed.clauses:
        if clause.quoted or " " in clause.text:
            continue
        corrected = correct(clause.text)
        if corrected and corrected != clause.text:
            found[clause.text] = corrected
    return found
