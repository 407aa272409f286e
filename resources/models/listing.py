"""What the three index pages (news, events, resources) share: filters and pagination."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home import fragments
from home.mixins import ListingFieldsMixin
from home.queries import SitePageManager, is_public
from home.routing import PathRoutingMixin


def paginate(request, items, per_page):
    """The requested page of ``items``; a page number that is nonsense or past the end
    gives the nearest real page rather than an error."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class IndexPage(RoutablePageMixin, PathRoutingMixin, ListingFieldsMixin, Page):
    """Abstract base of the index pages: a filter form, a paginated list, an empty state."""

    per_page = models.PositiveSmallIntegerField(
        default=10, help_text="How many items each page of the listing shows."
    )
    empty_message = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown when there is nothing to list yet. Leave empty for the default.",
    )

    objects = SitePageManager()

    content_panels = Page.content_panels + [
        *ListingFieldsMixin.listing_panels,
        FieldPanel("per_page"),
        FieldPanel("empty_message"),
    ]

    filter_form_class = None
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_items(self):
        """The live, public items under this index, newest first."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.get_items()
        form = self.filter_form_class(
            request.GET or None, items=items, choices=self.filter_choices(request, items)
        )
        context.update(
            filter_form=form,
            is_filtered=form.is_bound and form.is_valid() and form.has_active_filters(),
            query_string=form.query_string_without_page(),
            **self.get_listing_context(request, form.filter(items)),
        )
        return context

    def filter_choices(self, request, items):
        """The filters' choices, which come from what is listed: the same for every visitor
        until an editor changes something, so kept with the fragments (home/fragments.py)."""

        def read():
            return self.filter_form_class(items=items).choices

        if not is_public(self):
            return None  # the form reads them
        return fragments.get_or_set(request, "filter-choices", (self.pk,), read)

    def get_listing_context(self, request, items):
        return {"items": paginate(request, items, self.per_page)}
