from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock, FigureStatBlock
from home.mixins import ListingFieldsMixin
from home.queries import visible_pages


class HomePage(ListingFieldsMixin, Page):
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

    def featured_pages(self):
        return visible_pages(feature.page_id for feature in self.features.all())


class HomePageFeature(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="features")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A news item, event or resource to feature.",
    )

    panels = [PageChooserPanel("page")]


class StandardPage(ListingFieldsMixin, Page):
    body = StreamField(BodyBlock(), help_text="The page's content.")

    content_panels = Page.content_panels + [*ListingFieldsMixin.listing_panels, FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"
