from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from search.engines import Found, SearchUnavailable, get_engine
from search.query import MAX_QUERY_LENGTH, clean_query
from search.registry import registry

TEMPLATE = "search/search.html"
PER_PAGE = 10
# Nobody reads past a hundred pages of results; a limit keeps deep pages cheap on every engine.
MAX_PAGES = 100


@require_safe
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "shortened": shortened,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if not query:
        return render(request, TEMPLATE, context)

    engine = get_engine()
    audiences = registry.audiences_for(request.user)
    number = requested_page(request.GET.get("page"))
    try:
        found = engine.search(query, audiences, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
        last = last_page(found.total)
        if number > last:
            # A page past the end (an old link, a hand-edited address) shows the last one.
            number = last
            found = engine.search(query, audiences, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
    except SearchUnavailable:
        context["unavailable"] = True
        return render(request, TEMPLATE, context, status=503)

    results = Paginator(ResultWindow(found, offset=(number - 1) * PER_PAGE), PER_PAGE)
    context.update(
        total=found.total,
        results=results.page(number),
        query_string=results_query_string(query),
        browse_links=[] if found.total else registry.browse_links(request),
    )
    return render(request, TEMPLATE, context)


def requested_page(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)


def last_page(total):
    return min(max(1, -(-total // PER_PAGE)), MAX_PAGES)


def results_query_string(query):
    params = QueryDict(mutable=True)
    params["q"] = query
    return params.urlencode()


class ResultWindow:
    """The one page of results an engine returned, standing in for the whole list.

    Engines fetch a page at a time; this lets Django's Paginator number the pages (and the
    site's pagination links render) without the other results ever being loaded.
    """

    def __init__(self, found: Found, offset):
        self.found = found
        self.offset = offset

    def count(self):
        return min(self.found.total, MAX_PAGES * PER_PAGE)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.found.results
        raise IndexError("Only the page of results the engine returned is available.")
