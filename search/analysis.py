"""Words as the search reads them: folded, stemmed, and marked up in snippets.

The database engine indexes and queries stems computed here, so that "presentations" finds
"presentation" and "monitored" finds "monitoring" on SQLite and PostgreSQL alike, without
depending on what each database's own full-text configuration does. Elasticsearch stems with
its own analyzer; both engines share the query parser (``search.query``) and the snippets.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape
from itertools import islice

import snowballstemmer
from django.utils.safestring import mark_safe

# Letters and digits; an underscore separates words, as it does for both databases' parsers.
WORD = re.compile(r"[^\W_]+")
# The same for text known to be ASCII, where the ASCII-only classes match alike and faster.
ASCII_WORD = re.compile(r"[^\W_]+", re.ASCII)
SNIPPET_WORDS = 36
# Snippets come from the start of a text: a passage further into a long document is rarely
# the one to show, and reading all of a 300-page specification for each result would slow
# every search down.
SNIPPET_SCAN_CHARS = 30_000
# A term in the index is at most this long: longer "words" are hashes and base64, and they
# would only bloat the index.
MAX_WORD_LENGTH = 40

# Words that carry no meaning in a query ("what should a tablet tender ask..."). They are
# dropped from queries only: the index keeps them, so quoted phrases still match exactly.
STOP_WORDS = frozenset(
    WORD.findall(
        """
    a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your yours
        """
    )
)

_stemmer = snowballstemmer.stemmer("english")


def fold(word):
    """Lower case without accents: "Économie" and "economie" are one word."""
    if word.isascii():
        # Nearly every word, and the costliest part of indexing a long document otherwise.
        return word.lower()
    return _fold_unicode(word)


@lru_cache(maxsize=50_000)
def _fold_unicode(word):
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of ``text``, folded, in order."""
    if not text:
        return []
    if text.isascii():
        # Folding ASCII is lowering it, done once for the whole text rather than per word.
        return [word for word in ASCII_WORD.findall(text.lower()) if len(word) <= MAX_WORD_LENGTH]
    return [
        word if word.isascii() else _fold_unicode(word)
        for word in WORD.findall(text.casefold())
        if len(word) <= MAX_WORD_LENGTH
    ]


@lru_cache(maxsize=200_000)
def stem(word):
    """One folded word's stem. Cached: a site's vocabulary is small and repeats endlessly."""
    return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def token_stem(token):
    """The stem of a word as a text spells it (any case, any accents); None for a run of
    letters too long to be a word. Snippets look up every word of a passage this way."""
    if len(token) > MAX_WORD_LENGTH:
        return None
    return stem(fold(token))


def stems(text):
    return [stem(word) for word in words(text)]


def highlight(text, wanted_stems, *, length=SNIPPET_WORDS):
    """The passage of ``text`` with the most query words, escaped, with those words marked.

    Every engine shows snippets made here, so a snippet is as safe on one engine as on the
    other: the text is escaped before any ``<mark>`` goes in. Returns ``""`` when no word of
    the text matches (the caller shows the start of the text instead).
    """
    if not text or not wanted_stems:
        return ""
    text = text[:SNIPPET_SCAN_CHARS]
    tokens = WORD.findall(text)
    # Each distinct word looked up once: a long text says the same words again and again.
    marked = {token for token in set(tokens) if token_stem(token) in wanted_stems}
    hits = [index for index, token in enumerate(tokens) if token in marked]
    if not hits:
        return ""
    # The window of ``length`` words holding the most hits, starting a little before the first:
    # ``following`` is the first hit past the window that starts at hit ``position``.
    best_start, best_count = hits[0], 0
    following = 0
    for position, first in enumerate(hits):
        while following < len(hits) and hits[following] < first + length:
            following += 1
        if following - position > best_count:
            best_start, best_count = first, following - position
    start = max(0, min(best_start - 4, len(tokens) - length))
    end = min(len(tokens), start + length)
    # Where the window's words stand: the text is read again only as far as the window's end.
    window = list(islice(WORD.finditer(text), start, end))
    begin = window[0].start() if start else 0
    stop = window[-1].end() if end < len(tokens) else len(text)
    # Escaping works character by character, so the text between two marked words is escaped
    # in one piece. (The standard library's escape, as Django's is, without its lazy-string
    # wrapper.)
    pieces = []
    cursor = begin
    for match in window:
        if match.group() in marked:
            pieces.append(escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
    pieces.append(escape(text[cursor:stop]))
    snippet = "".join(pieces).strip()
    prefix = "… " if begin > 0 else ""
    suffix = " …" if stop < len(text) else ""
    return mark_safe(f"{prefix}{snippet}{suffix}")
