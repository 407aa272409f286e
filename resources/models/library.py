from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.mixins import ListingFieldsMixin
from home.queries import SitePageManager, SitePageQuerySet, is_public
from home.routing import PathRoutingMixin
from resources.filters import ResourceFilterForm
from resources.models.listing import IndexPage
from resources.models.tags import ResourcePageTag


class ResourceKind(models.TextChoices):
    GUIDANCE = "guidance", "Guidance"
    CRITERIA = "criteria", "Criteria"
    CONTRACT_CLAUSE = "contract_clause", "Contract clause"
    PRESENTATION = "presentation", "Presentation"
    REPORT = "report", "Report"
    CASE_STUDY = "case_study", "Case study"


class ResourcePageQuerySet(SitePageQuerySet):
    def newest_first(self):
        return self.order_by("-publication_date", "title")


class ResourceIndexPage(IndexPage):
    filter_form_class = ResourceFilterForm

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = "resource index page"

    def get_items(self):
        return ResourcePage.objects.visible().descendant_of(self).newest_first().for_cards()


class ResourcePage(PathRoutingMixin, ListingFieldsMixin, Page):
    kind = models.CharField(
        max_length=32,
        choices=ResourceKind.choices,
        default=ResourceKind.GUIDANCE,
        help_text="What sort of resource this is; visitors filter by it.",
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        help_text="When the resource was published or presented.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="A summary of the resource and how to use it."
    )
    topics = ParentalManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="resource_pages",
        help_text="Subjects from the group's fixed list. Add new topics under Snippets.",
    )
    source_event = models.ForeignKey(
        "resources.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text="The event this resource came from, such as a presentation's session.",
    )
    tags = ClusterTaggableManager(
        through=ResourcePageTag, blank=True, help_text="A few words that group related content."
    )

    objects = SitePageManager.from_queryset(ResourcePageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("publication_date"),
        *ListingFieldsMixin.listing_panels,
        FieldPanel("body"),
        InlinePanel("documents", heading="Documents", label="Document"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        PageChooserPanel("source_event", "resources.EventPage"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    served_with = ("listing_image", "source_event")

    class Meta:
        verbose_name = "resource page"

    @property
    def listing_date(self):
        return self.publication_date

    @property
    def listing_kind(self):
        return self.get_kind_display()

    def listed_documents(self):
        return self.documents.all().select_related("document")

    def visible_source_event(self):
        event = self.source_event
        return event if event is not None and is_public(event) else None


class ResourceDocument(Orderable):
    resource_page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("home.SiteDocument", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave empty to use the document's own title."
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title
