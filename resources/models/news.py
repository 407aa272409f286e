from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.mixins import ListingFieldsMixin
from home.queries import SitePageManager, SitePageQuerySet, visible_pages
from home.routing import PathRoutingMixin
from resources.filters import NewsFilterForm
from resources.models.events import EventPage
from resources.models.library import ResourcePage
from resources.models.listing import IndexPage
from resources.models.tags import NewsPageTag


class NewsPageQuerySet(SitePageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at")


class NewsIndexPage(IndexPage):
    filter_form_class = NewsFilterForm

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.NewsPage"]

    class Meta:
        verbose_name = "news index page"

    def get_items(self):
        return NewsPage.objects.visible().descendant_of(self).newest_first().for_cards()

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from resources.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from resources.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(PathRoutingMixin, ListingFieldsMixin, Page):
    date = models.DateField(
        default=timezone.localdate,
        help_text="The date the news is dated: listings and feeds sort by it.",
    )
    body = StreamField(BodyBlock(), help_text="The story.")
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, help_text="A few words that group related content."
    )

    objects = SitePageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        *ListingFieldsMixin.listing_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            heading="Related events and resources",
            label="Related page",
            help_text="Shown at the end of the story.",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["resources.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news page"

    @property
    def listing_date(self):
        return self.date

    def related_pages(self):
        return visible_pages(
            (link.page_id for link in self.related_links.all()), types=(EventPage, ResourcePage)
        )


class NewsPageRelatedLink(Orderable):
    news_page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An event or resource this story is about.",
    )

    panels = [PageChooserPanel("page", ["resources.EventPage", "resources.ResourcePage"])]
