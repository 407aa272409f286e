"""What a visitor typed, made safe for any engine and read into clauses.

Visitors paste anything into a search box: half a sentence with an unbalanced quote, a
document's whole first page, stray control characters. ``clean_query`` makes it a bounded,
printable string; ``parse_query`` reads that string the same way for every engine:

- each word is a clause, and a clause is met by the word or any of its synonyms (so
  "smartphones" also finds "mobile devices");
- "quoted words" are a phrase clause, met only by those words in that order;
- a word or phrase after a minus excludes what contains it;
- words that carry no meaning ("what", "should", "the") are dropped, unless nothing else is
  left; engines never see any query syntax of their own, so no input can be read as one.

Each engine turns the clauses into its own query language; none parses the raw string.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from search.analysis import STOP_WORDS, stem, words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
# The longest synonym matched as one clause ("socially responsible public procurement").
MAX_SYNONYM_WORDS = 4
WORD = re.compile(r"\w+")
WHITESPACE = re.compile(r"\s+")
PHRASE = re.compile(r'(^|\s)(-?)"([^"]*)"')


def clean_query(raw):
    """The query to search for, and whether it had to be shortened."""
    # Control and format characters (NUL, escapes, bidi overrides) are never meant; PostgreSQL
    # refuses NUL in a string outright.
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw or "")
    text = WHITESPACE.sub(" ", text).strip()
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0].strip() or text[:MAX_QUERY_LENGTH], True


def query_terms(query):
    """The words of a query, without any syntax."""
    return WORD.findall(query)[:MAX_TERMS]


@dataclass(frozen=True)
class Alternative:
    """One way to meet a clause: a word, or words in this order (folded, not stemmed)."""

    words: tuple[str, ...]

    @property
    def stems(self):
        return tuple(stem(word) for word in self.words)

    @property
    def is_phrase(self):
        return len(self.words) > 1

    def __str__(self):
        return " ".join(self.words)


@dataclass(frozen=True)
class Clause:
    """Something the query asks for, met by any of its alternatives."""

    text: str
    alternatives: tuple[Alternative, ...]
    quoted: bool = False


def essential(alternatives):
    """``alternatives`` without those another one already covers: a phrase that contains
    another alternative (in order) matches nothing that one does not, and a phrase costs the
    database a look at each candidate's text where a word costs it none."""
    stems = [alternative.stems for alternative in alternatives]

    def covered(longer):
        return any(
            shorter != longer
            and len(shorter) < len(longer)
            and any(
                longer[start : start + len(shorter)] == shorter
                for start in range(len(longer) - len(shorter) + 1)
            )
            for shorter in stems
        )

    pairs = zip(alternatives, stems, strict=True)
    return [alternative for alternative, own in pairs if not covered(own)]


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Alternative, ...] = ()
    # Stop words dropped from the query, for saying so.
    ignored: tuple[str, ...] = field(default=())

    def __bool__(self):
        return bool(self.clauses)

    @property
    def highlight_stems(self):
        """Every stem a matching item may contain: what snippets mark."""
        return frozenset(
            stem(word)
            for clause in self.clauses
            for alternative in clause.alternatives
            for word in alternative.words
            if word not in STOP_WORDS
        )

    def with_words_replaced(self, replacements):
        """The query text with some words replaced (for "did you mean")."""
        return " ".join(replacements.get(clause.text, clause.text) for clause in self.clauses)


def parse_query(query, synonyms=None):
    """``query`` (already cleaned) as clauses. ``synonyms`` maps a tuple of stems to the
    alternatives (tuples of words) that mean the same; see ``search.synonyms``."""
    synonyms = synonyms or {}
    clauses, excluded = [], []
    free_words, negative_words = [], []

    position = 0
    for match in PHRASE.finditer(query):
        _collect_words(query[position : match.start()], free_words, negative_words)
        phrase = tuple(words(match.group(3)))
        if phrase:
            if match.group(2):
                excluded.append(Alternative(phrase))
            else:
                clauses.append(
                    Clause(
                        text=f'"{" ".join(phrase)}"',
                        alternatives=(Alternative(phrase),),
                        quoted=True,
                    )
                )
        position = match.end()
    _collect_words(query[position:], free_words, negative_words)

    meaningful = [word for word in free_words if word not in STOP_WORDS]
    ignored = tuple(word for word in free_words if word in STOP_WORDS) if meaningful else ()
    if not meaningful and not clauses:
        meaningful = free_words
    clauses.extend(_word_clauses(meaningful, synonyms))
    excluded.extend(Alternative((word,)) for word in negative_words)
    return ParsedQuery(
        clauses=tuple(clauses[:MAX_TERMS]), excluded=tuple(excluded[:MAX_TERMS]), ignored=ignored
    )


def _collect_words(text, free_words, negative_words):
    for token in text.split():
        token_words = words(token)
        if not token_words:
            continue
        if token.startswith("-") and len(token) > 1:
            negative_words.extend(token_words)
        else:
            free_words.extend(token_words)


def _word_clauses(word_list, synonyms):
    clauses = []
    index = 0
    while index < len(word_list):
        for size in range(min(MAX_SYNONYM_WORDS, len(word_list) - index), 0, -1):
            group = tuple(word_list[index : index + size])
            key = tuple(stem(word) for word in group)
            if size > 1 and key not in synonyms:
                continue
            alternatives = {group: None}
            for alternative in synonyms.get(key, ()):
                alternatives.setdefault(tuple(alternative), None)
            clauses.append(
                Clause(
                    text=" ".join(group),
                    alternatives=tuple(Alternative(words) for words in alternatives),
                )
            )
            index += size
            break
    return clauses
