"""The results page, its JSON twin and the suggestions behind the search box.

All three answer from ``search.service`` with the asker's audiences, so each shows only what
the person asking may see; none of them names a content type.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from search import service
from search.engines import SearchUnavailable
from search.query import MAX_QUERY_LENGTH, clean_query
from search.registry import FACETS, registry

TEMPLATE = "search/search.html"
PER_PAGE = 10
# Nobody reads past a hundred pages of results; a limit keeps deep pages cheap on every engine.
MAX_PAGES = 100
SORTS = {"relevance": "Best match", "newest": "Newest first"}
MAX_FILTER_VALUES = 10
MAX_FILTER_LENGTH = 200


@require_safe
def search(request):
    params = SearchParams.from_request(request)
    context = {
        "query": params.query,
        "shortened": params.shortened,
        "max_query_length": MAX_QUERY_LENGTH,
        "sort": params.sort,
        "sorts": [(key, label, params.url(sort=key)) for key, label in SORTS.items()],
    }
    if not params.query:
        return render(request, TEMPLATE, context)
    try:
        outcome, number = run(request, params)
    except SearchUnavailable:
        context["unavailable"] = True
        return render(request, TEMPLATE, context, status=503)

    if number == 1 and not params.filters:
        service.log_query(params.query, outcome.total)
    results = Paginator(ResultWindow(outcome, offset=(number - 1) * PER_PAGE), PER_PAGE)
    context.update(
        outcome=outcome,
        total=outcome.total,
        results=results.page(number),
        query_string=params.query_string(),
        facets=[
            (
                name,
                label,
                [
                    (value, count, selected, params.toggle(name, value))
                    for value, count, selected in values
                ],
            )
            for name, label, values in outcome.facets
        ],
        filtered=bool(params.filters),
        clear_filters_url=params.url(filters={}),
        promotions=(
            service.promotions(params.query, audiences_of(request))
            if number == 1 and not params.filters
            else []
        ),
        browse_links=[] if outcome.total else registry.browse_links(request),
    )
    return render(request, TEMPLATE, context)


@require_safe
def search_json(request):
    """The results page's results as JSON, for scripts and other sites."""
    params = SearchParams.from_request(request)
    if not params.query:
        return JsonResponse({"query": "", "total": 0, "results": [], "facets": {}})
    try:
        outcome, number = run(request, params)
    except SearchUnavailable:
        return JsonResponse({"error": "Search is unavailable right now."}, status=503)
    return JsonResponse(
        {
            "query": params.query,
            "total": outcome.total,
            "total_is_estimate": outcome.estimated,
            "page": number,
            "pages": last_page(outcome.total),
            "partial": outcome.partial,
            "corrected": outcome.corrected,
            "results": [result.as_json() for result in outcome.results],
            "facets": {
                name: [
                    {"value": value, "count": count, "selected": selected}
                    for value, count, selected in values
                ]
                for name, label, values in outcome.facets
            },
        }
    )


@require_safe
def suggest(request):
    """What the search box offers as someone types: a few titles, topics and CPV labels."""
    prefix, _ = clean_query(request.GET.get("q", "")[:MAX_QUERY_LENGTH])
    suggestions = service.suggest(prefix, audiences_of(request))
    response = JsonResponse({"query": prefix, "suggestions": suggestions})
    # Suggestions depend on who asks; no shared cache may keep one person's for another.
    response["Cache-Control"] = "private, max-age=60"
    return response


def audiences_of(request):
    """Who the asker is, as the search's audiences: read once per request (the results and
    the promotions both ask)."""
    if not hasattr(request, "_search_audiences"):
        request._search_audiences = registry.audiences_for(request.user)
    return request._search_audiences


def run(request, params):
    """The outcome for the requested page, and that page's number (clamped to the last)."""
    audiences = audiences_of(request)

    def page(number):
        return service.search(
            params.query,
            audiences,
            filters=params.filters,
            sort=params.sort,
            offset=(number - 1) * PER_PAGE,
            limit=PER_PAGE,
        )

    number = params.page
    outcome = page(number)
    last = last_page(outcome.total)
    if number > last:
        # A page past the end (an old link, a hand-edited address) shows the last one.
        number = last
        outcome = page(number)
    return outcome, number


class SearchParams:
    """The query string of a search, read defensively and written back for links."""

    def __init__(self, query, shortened, filters, sort, page):
        self.query, self.shortened = query, shortened
        self.filters, self.sort, self.page = filters, sort, page

    @classmethod
    def from_request(cls, request):
        query, shortened = clean_query(request.GET.get("q", ""))
        filters = {}
        for name in FACETS:
            values = []
            for value in request.GET.getlist(name)[:MAX_FILTER_VALUES]:
                value, _ = clean_query(value[:MAX_FILTER_LENGTH])
                if value and value not in values:
                    values.append(value)
            if values:
                filters[name] = values
        sort = request.GET.get("sort", "relevance")
        sort = sort if sort in SORTS else "relevance"
        return cls(query, shortened, filters, sort, requested_page(request.GET.get("page")))

    def query_string(self, *, filters=None, sort=None):
        params = QueryDict(mutable=True)
        params["q"] = self.query
        for name, values in (self.filters if filters is None else filters).items():
            params.setlist(name, values)
        sort = sort or self.sort
        if sort != "relevance":
            params["sort"] = sort
        return params.urlencode()

    def url(self, **kwargs):
        return f"?{self.query_string(**kwargs)}"

    def toggle(self, name, value):
        """The address with ``value`` of facet ``name`` chosen, or unchosen if it was."""
        filters = {key: list(values) for key, values in self.filters.items()}
        values = filters.setdefault(name, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.url(filters={key: v for key, v in filters.items() if v})


def requested_page(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)


def last_page(total):
    return min(max(1, -(-total // PER_PAGE)), MAX_PAGES)


class ResultWindow:
    """The one page of results an engine returned, standing in for the whole list.

    Engines fetch a page at a time; this lets Django's Paginator number the pages (and the
    site's pagination links render) without the other results ever being loaded.
    """

    def __init__(self, outcome, offset):
        self.outcome = outcome
        self.offset = offset

    def count(self):
        return min(self.outcome.total, MAX_PAGES * PER_PAGE)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.outcome.results
        raise IndexError("Only the page of results the engine returned is available.")
