import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.mixins import ListingFieldsMixin
from home.queries import SitePageManager, SitePageQuerySet
from home.routing import PathRoutingMixin
from resources.blocks import SessionBlock
from resources.filters import EventFilterForm
from resources.models.listing import IndexPage, paginate
from resources.models.tags import EventPageTag


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


@cache
def _time_zone_labels():
    return dict(time_zone_choices())


class EventPageQuerySet(SitePageQuerySet):
    def upcoming(self):
        """Events not over yet, the soonest first."""
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        """Events that have ended, the latest first."""
        return self.filter(end__lt=timezone.now()).order_by("-start")


class EventPageForm(WagtailAdminPageForm):
    """Start and end are typed in the event's own time zone, whatever the editor's is.

    Django reads a typed date-time in the editor's zone; this form re-reads the same wall-clock
    time in the zone chosen for the event, and shows stored times back in that zone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self._event_zone(self.instance.time_zone)
        for name in ("start", "end"):
            value = getattr(self.instance, name, None)
            if value and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    @staticmethod
    def _event_zone(name):
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            return timezone.get_current_timezone()

    def clean(self):
        cleaned = super().clean()
        zone = self._event_zone(cleaned.get("time_zone"))
        editor_zone = timezone.get_current_timezone()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value:
                wall_clock = timezone.make_naive(value, editor_zone)
                cleaned[name] = timezone.make_aware(wall_clock, zone)
        return cleaned


class EventIndexPage(IndexPage):
    filter_form_class = EventFilterForm

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.EventPage"]

    class Meta:
        verbose_name = "event index page"

    def get_items(self):
        return EventPage.objects.visible().descendant_of(self).order_by("start").for_cards()

    def get_listing_context(self, request, items):
        # Upcoming events are few and come first, unpaginated; past events page behind them.
        return {
            "upcoming": items.upcoming(),
            "items": paginate(request, items.past(), self.per_page),
        }

    def upcoming_events(self):
        return self.get_items().upcoming()

    # Wagtail serves only paths of slash-ended word segments, so no ".ics" in the address;
    # the download keeps its .ics file name through Content-Disposition.
    @path("calendar/", name="calendar")
    def calendar(self, request):
        from resources.calendar import calendar_response

        events = self.upcoming_events().prefetch_related("tags")
        return calendar_response(request, events, name=self.title, filename="upcoming-events.ics")


class EventPage(RoutablePageMixin, PathRoutingMixin, ListingFieldsMixin, Page):
    start = models.DateTimeField(help_text="When it starts, in the event's time zone.")
    end = models.DateTimeField(help_text="When it ends, in the event's time zone.")
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="Europe/Brussels",
        help_text="Where the event happens, or its organisers' zone if online. Start and end "
        "are read in this zone; visitors see times in it too.",
    )
    venue_name = models.CharField(
        max_length=200, blank=True, help_text="The building or venue, e.g. “De Vereeniging”."
    )
    venue_address = models.TextField(
        blank=True, help_text="Street, postcode, city and country, one per line."
    )
    online_url = models.URLField(
        blank=True,
        verbose_name="online link",
        help_text="Where to join online. An event needs a venue, an online link, or both.",
    )
    organiser = models.CharField(
        max_length=200, blank=True, help_text="Who runs the event, e.g. ICLEI Europe."
    )
    held_alongside = models.CharField(
        max_length=200,
        blank=True,
        help_text="The conference the event is held alongside, if any, e.g. EcoProcura 2018.",
    )
    registration_url = models.URLField(
        blank=True, verbose_name="registration link", help_text="Where visitors sign up."
    )
    body = StreamField(BodyBlock(), blank=True, help_text="What the event is about and for whom.")
    agenda = StreamField(
        [("session", SessionBlock())],
        blank=True,
        help_text="The sessions in order, each with its speakers and slides.",
    )
    tags = ClusterTaggableManager(
        through=EventPageTag, blank=True, help_text="A few words that group related content."
    )

    objects = SitePageManager.from_queryset(EventPageQuerySet)()

    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("time_zone")],
            heading="When",
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("online_url")],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("held_alongside"),
                FieldPanel("registration_url"),
            ],
            heading="Organisation",
        ),
        *ListingFieldsMixin.listing_panels,
        FieldPanel("body"),
        FieldPanel("agenda"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("agenda"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("organiser"),
        index.SearchField("held_alongside"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["resources.EventIndexPage"]
    subpage_types = []
    card_meta_template = "resources/includes/event_card_meta.html"

    class Meta:
        verbose_name = "event page"

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def listing_date(self):
        return self.local_start.date()

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def is_in_person(self):
        return bool(self.venue_name or self.venue_address)

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_single_day(self):
        return self.local_start.date() == self.local_end.date()

    def get_time_zone_display(self):
        # Django's own looks through all six hundred zones for the label on every call.
        return _time_zone_labels().get(self.time_zone, self.time_zone)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The event must end after it starts."
        if not (self.venue_name or self.venue_address or self.online_url):
            errors["venue_name"] = "Give a venue, an online link, or both."
        if errors:
            raise ValidationError(errors)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from resources.calendar import calendar_response

        return calendar_response(request, [self], name=self.title, filename=f"{self.slug}.ics")
