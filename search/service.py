"""One search, as the results page, the JSON endpoint and the suggestions ask it.

The order of work, on every engine:

1. every clause must match, best first;
2. nothing found: if a word looks misspelt, the corrected query (said on the page);
3. still nothing, with several clauses: the best partial matches (said on the page).

When the configured engine cannot answer, the database engine does, from entries that are
always current, and the log says so: searching never depends on the external engine being up.
"""

import logging
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.analysis import stems, words
from search.engines import SearchRequest, SearchUnavailable, database_engine, get_engine
from search.models import QueryDay
from search.query import parse_query
from search.registry import FACETS, SearchResult, summarise
from search.spelling import corrections
from search.synonyms import synonym_map

logger = logging.getLogger(__name__)

SUGGESTIONS = 8
# Up to this many words, a query that finds nothing is first tried with its spelling corrected.
SHORT_QUERY_CLAUSES = 3
SUGGESTION_FACETS = ("topic", "cpv")


@dataclass
class Outcome:
    query: str
    total: int = 0
    results: list = field(default_factory=list)
    # [(name, label, [(value, count, selected), …]), …] in FACETS order.
    facets: list = field(default_factory=list)
    partial: bool = False
    # The query actually searched when the typed one found nothing, e.g. "supply chain".
    corrected: str = ""
    # True when the database engine answered for an unreachable external engine.
    fallback: bool = False
    # True when the total and facet counts are estimates (a search with very many matches).
    estimated: bool = False
    ignored_words: tuple = ()
    engine: str = ""


def search(query, audiences, *, filters=None, sort="relevance", offset=0, limit=10):
    filters = {name: set(values) for name, values in (filters or {}).items() if values}
    parsed = parse_query(query, synonym_map())
    outcome = Outcome(query=query, ignored_words=parsed.ignored)
    if not parsed:
        return outcome
    request = SearchRequest(
        query=parsed,
        audiences=frozenset(audiences),
        filters=filters,
        sort=sort,
        offset=offset,
        limit=limit,
    )
    found, engine = ask(request, outcome)

    if not found.total:
        found, request, engine = second_try(parsed, request, outcome, found, engine)

    outcome.engine = engine.name
    outcome.total = found.total
    outcome.estimated = found.estimated
    wanted = request.query.highlight_stems
    outcome.results = [result_for(hit, wanted) for hit in found.hits]
    outcome.facets = facet_groups(found.facets, filters)
    return outcome


def second_try(parsed, request, outcome, found, engine):
    """When nothing has every word: a short query is most likely misspelt, so its corrected
    form comes first; a long one (a question, half a sentence) most likely has a word no page
    uses, so the best partial matches come first, with misspelt words corrected among them."""
    corrected = corrections(parsed)
    corrected_query = (
        parse_query(parsed.with_words_replaced(corrected), synonym_map()) if corrected else None
    )
    attempts = []
    if len(parsed.clauses) <= SHORT_QUERY_CLAUSES and (corrected_query or engine.fuzzy):
        corrected_query = corrected_query or parsed
        attempts.append(("corrected", replace(request, query=corrected_query, fuzzy=True)))
    if len(parsed.clauses) > 1:
        partial_query = with_corrections_as_alternatives(parsed, corrected_query)
        # A long question's misspelt words are among its corrections already. Forgiving typos
        # in every word besides (where the engine can) finds little more, and on Elasticsearch
        # costs more than the rest of the search.
        fuzzy = len(parsed.clauses) <= SHORT_QUERY_CLAUSES
        attempts.append(
            ("partial", replace(request, query=partial_query, match="any", fuzzy=fuzzy))
        )
    for kind, attempt in attempts:
        retried, engine = ask(attempt, outcome)
        if retried.total:
            if kind == "partial":
                outcome.partial = True
            elif corrected:
                outcome.corrected = parsed.with_words_replaced(corrected)
            return retried, attempt, engine
    return found, request, engine


def with_corrections_as_alternatives(parsed, corrected_query):
    if corrected_query is None or len(corrected_query.clauses) != len(parsed.clauses):
        return parsed
    clauses = tuple(
        replace(clause, alternatives=tuple(dict.fromkeys(clause.alternatives + fixed.alternatives)))
        if fixed.text != clause.text
        else clause
        for clause, fixed in zip(parsed.clauses, corrected_query.clauses, strict=True)
    )
    return replace(parsed, clauses=clauses)


def ask(request, outcome):
    engine = get_engine()
    if not engine.presumed_down:
        try:
            found = engine.search(request)
        except SearchUnavailable:
            if engine.name == "database":
                raise
        else:
            engine.mark_reachable()
            return found, engine
    logger.log(
        logging.WARNING if engine.fallback_to_report() else logging.DEBUG,
        "The %s search engine is unavailable: this search was answered by the database "
        "(said once a minute while it lasts).",
        engine.name,
    )
    outcome.fallback = True
    fallback = database_engine()
    return fallback.search(request), fallback


def result_for(hit, wanted_stems):
    from search.analysis import highlight

    snippet = (
        highlight(hit.introduction, wanted_stems)
        or highlight(hit.body, wanted_stems)
        or highlight(" · ".join(hit.tags), wanted_stems)
    )
    return SearchResult(
        kind=hit.kind,
        title=hit.title,
        url=hit.url,
        date=hit.date,
        summary=summarise(hit.introduction or hit.body),
        snippet=snippet,
        tags=tuple(hit.tags),
    )


def facet_groups(counts, filters):
    groups = []
    for name, label in FACETS.items():
        values = counts.get(name, [])
        selected = filters.get(name, set())
        # A chosen value stays on the list (to be unticked) even when it counts nothing.
        shown = {value for value, _ in values}
        values = values + [(value, 0) for value in sorted(selected - shown)]
        if name == "year":
            values = sorted(values, key=lambda pair: pair[0], reverse=True)
        if values:
            groups.append(
                (name, label, [(value, count, value in selected) for value, count in values])
            )
    return groups


def suggest(prefix, audiences, *, limit=SUGGESTIONS):
    """Titles, topics and CPV labels starting like ``prefix``, among what the asker may see.

    Suggestions are always read from the database's entries, whatever engine searches: they
    are current, and filtered by the same audiences as every result.
    """
    prefix_words = words(prefix)
    if not prefix_words or len(prefix.strip()) < 2:
        return []
    engine = database_engine()
    audiences = frozenset(audiences)
    suggestions, seen = [], set()
    for name in SUGGESTION_FACETS:
        for value in engine.visible_facet_values(name, audiences, prefix.strip(), limit=limit):
            if value.lower() not in seen:
                seen.add(value.lower())
                suggestions.append({"text": value, "kind": FACETS[name], "url": ""})
    for title, url, kind in engine.suggest_titles(stems(prefix), audiences, limit=limit):
        if title.lower() not in seen:
            seen.add(title.lower())
            suggestions.append({"text": title, "kind": kind, "url": url})
    return suggestions[:limit]


def log_query(query, found_total):
    """Count the query for editors (popular and fruitless searches); nothing about who asked."""
    text = " ".join(words(query))[:200]
    if not text:
        return
    today = timezone.localdate()
    empty = 0 if found_total else 1
    updated = QueryDay.objects.filter(query=text, day=today).update(
        searches=F("searches") + 1, without_results=F("without_results") + empty
    )
    if not updated:
        try:
            with transaction.atomic():
                QueryDay.objects.create(query=text, day=today, searches=1, without_results=empty)
        except IntegrityError:
            # Someone else logged the same query at the same moment.
            QueryDay.objects.filter(query=text, day=today).update(
                searches=F("searches") + 1, without_results=F("without_results") + empty
            )


def promotions(query, audiences, *, limit=3):
    """The results editors promoted for this query (Wagtail's search promotions), among the
    pages the asker may see, and external links."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    from search.pages import page_audiences

    # Promotions made from the search terms report carry the words as the log keeps them.
    forms = {normalise_query_string(query), " ".join(words(query))}
    promoted = (
        SearchPromotion.objects.filter(query__query_string__in=forms)
        .select_related("page")
        .order_by("sort_order")
    )
    shown = []
    for promotion in promoted:
        page = promotion.page.specific if promotion.page_id else None
        if page is not None:
            if not set(page_audiences(page)) & set(audiences):
                continue
            url, title = page.get_url(), promotion.title
        else:
            url, title = promotion.external_link_url, promotion.external_link_text
        if url:
            shown.append({"url": url, "title": title, "description": promotion.description})
        if len(shown) >= limit:
            break
    return shown
