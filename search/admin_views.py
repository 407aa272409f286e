"""The search's pages in the Wagtail admin: what people searched for, and synonyms.

Who may open them is decided in ``search/wagtail_hooks.py``, which registers them; these
views are told, never decide.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.models import QueryDay, Synonym
from search.query import clean_query

# A month of searches shows what people look for now, and is long enough for a quiet site.
REPORT_DAYS = 30
REPORT_ROWS = 50


class SynonymCreateView(CreateView):
    """The add form, with the words of ``?terms=`` already in it (the search terms report links
    here from a search that found nothing, so the editor only types what it should also find)."""

    def get_initial(self):
        initial = super().get_initial()
        max_length = Synonym._meta.get_field("terms").max_length
        terms, _ = clean_query(self.request.GET.get("terms", "")[:max_length])
        if terms:
            initial["terms"] = f"{terms}, "
        return initial


class SearchTermsView(WagtailAdminTemplateMixin, TemplateView):
    """The most frequent searches of the last month, and those that found nothing."""

    page_title = "Search terms"
    header_icon = "search"
    template_name = "search/admin/search_terms.html"
    # Set by the hook that registers the view: ``rule(user)`` says whether to link there.
    may_add_synonyms = None
    may_promote = None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = timezone.localdate() - timedelta(days=REPORT_DAYS - 1)
        totals = (
            QueryDay.objects.filter(day__gte=since)
            .values("query")
            .annotate(
                searches=Sum("searches"), without_results=Sum("without_results"), last=Max("day")
            )
        )
        popular = list(totals.order_by("-searches", "query")[:REPORT_ROWS])
        fruitless = list(
            totals.filter(without_results__gt=0).order_by("-without_results", "-searches", "query")[
                :REPORT_ROWS
            ]
        )
        links = self.links_for(self.request.user, popular + fruitless)
        for row in popular + fruitless:
            row.update(links[row["query"]])
        context.update(days=REPORT_DAYS, since=since, popular=popular, fruitless=fruitless)
        return context

    def links_for(self, user, rows):
        """``{query: {"site_url", "synonym_url", "promote_url", "promoted"}}`` for ``rows``."""
        from wagtail.contrib.search_promotions.models import Query

        queries = {row["query"] for row in rows}
        may_add_synonyms = self.may_add_synonyms(user)
        may_promote = self.may_promote(user)
        # The results page matches promotions on Wagtail's normalised query, which for the
        # logged words (already folded and single-spaced) is the words themselves.
        promoted = dict(
            Query.objects.filter(query_string__in=queries, editors_picks__isnull=False)
            .distinct()
            .values_list("query_string", "pk")
        )
        links = {}
        for query in queries:
            links[query] = {
                "site_url": f"{reverse('search:search')}?{urlencode({'q': query})}",
                "synonym_url": (
                    f"{reverse('site_search_synonym:add')}?{urlencode({'terms': query})}"
                    if may_add_synonyms
                    else ""
                ),
                "promoted": query in promoted,
                "promote_url": "",
            }
            if may_promote:
                links[query]["promote_url"] = (
                    reverse("wagtailsearchpromotions:edit", args=[promoted[query]])
                    if query in promoted
                    else reverse("wagtailsearchpromotions:add")
                )
        return links
