import functools

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home import fragments
from home.blocks import BodyBlock, FigureStatBlock
from home.mixins import ListingFieldsMixin
from home.navigation import top_pages
from home.queries import SitePageManager, site_pages, visible_pages
from home.routing import PathRoutingMixin


class HomePage(PathRoutingMixin, ListingFieldsMixin, Page):
    hero_heading = models.CharField(
        max_length=160,
        help_text="The page's main heading: what the group is, in one line.",
    )
    figures = StreamField(
        [("figure", FigureStatBlock())],
        blank=True,
        max_num=4,
        help_text="Up to four key figures shown under the introduction.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Anything else for the home page.")
    join_heading = models.CharField(
        max_length=120,
        blank=True,
        default="Join the interest group",
        help_text="Heading of the call to join the SRPP Procura+ Interest Group.",
    )
    join_text = models.TextField(
        blank=True, help_text="Who can join and why, in two or three sentences."
    )
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that explains how to join.",
    )

    objects = SitePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        *ListingFieldsMixin.listing_panels,
        FieldPanel("figures"),
        InlinePanel(
            "features",
            heading="Featured",
            label="Featured page",
            max_num=6,
            help_text="News, events or resources to show first. The latest news and upcoming "
            "events are added below them automatically.",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("join_heading"), FieldPanel("join_text"), PageChooserPanel("join_page")],
            heading="Call to join",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "resources.NewsIndexPage",
        "resources.EventIndexPage",
        "resources.ResourceIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["join_page"] = self.visible_join_page(request)
        # The lists below the featured pages leave those out. Reading the featured pages costs
        # more than the rest of the page, so their section is kept (``{% kept %}``) and so are
        # their ids, with the fragments' generation: any publish or restriction renews both.
        # Read at most once per request, and only when one of them is not kept.
        featured = context["featured_pages"] = functools.cache(self.featured_pages)
        context["featured_ids"] = fragments.get_or_set(
            request, "home:featured-ids", (self.pk,), lambda: [page.pk for page in featured()]
        )
        return context

    def featured_pages(self):
        """The featured pages any visitor may see, as their own types, in the editor's order."""
        # The features' pages come along to say which types to read them as: two queries,
        # however many pages and types are featured.
        features = list(self.features.all().select_related("page"))
        types = {feature.page.specific_class for feature in features}
        return visible_pages((feature.page_id for feature in features), types=types)

    def visible_join_page(self, request):
        """The join page, if any visitor may see it. It is usually one of the pages under the
        home page, which every page reads for its menu already."""
        if self.join_page_id is None:
            return None
        for page in top_pages(request):
            if page.pk == self.join_page_id:
                return page
        return site_pages().visible().filter(pk=self.join_page_id).first()


class HomePageFeature(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="features")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A news item, event or resource to feature.",
    )

    panels = [PageChooserPanel("page")]


class StandardPage(PathRoutingMixin, ListingFieldsMixin, Page):
    body = StreamField(BodyBlock(), help_text="The page's content.")

    objects = SitePageManager()

    content_panels = Page.content_panels + [*ListingFieldsMixin.listing_panels, FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"
