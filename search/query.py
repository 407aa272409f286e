"""What a visitor typed, made safe for any engine.

Visitors paste anything into a search box: half a sentence with an unbalanced quote, a
document's whole first page, stray control characters. Both engines get the same cleaned
string, so a query means the same on SQLite, PostgreSQL and Elasticsearch.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
WORD = re.compile(r"\w+")
WHITESPACE = re.compile(r"\s+")


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
    """The words of a query, without any syntax: what the database engine searches for."""
    return WORD.findall(query)[:MAX_TERMS]
