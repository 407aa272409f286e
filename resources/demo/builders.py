"""The public site's contribution to the demo: media, topics, pages, menus and settings.

``build_public_site`` yields one report line per section, so the command can show progress as
it goes. Content is written the way the models name their fields; what the builder adds is
what depends on the day the demo is loaded: dates of recent news and upcoming events, and when
each page was first published.
"""

import datetime
import zoneinfo
from collections import Counter

from home.models import HomePage, NavigationSettings, SiteSettings, StandardPage
from resources.demo import content
from resources.demo.media import CREATED, UNCHANGED, UPDATED, ensure
from resources.demo.pages import PagePlan, PageTree, assign
from resources.demo.refs import DemoObjects
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
)

INDEX_MODELS = {"news": NewsIndexPage, "events": EventIndexPage, "resources": ResourceIndexPage}
EDITORIAL_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")
PUBLISHED_AT = datetime.time(9, 0)  # items dated by day appear at nine in the morning


class Tally(Counter):
    def __str__(self):
        details = ", ".join(
            f"{self[outcome]} {outcome}" for outcome in (CREATED, UPDATED, UNCHANGED)
        )
        return f"{self.total()} ({details})"


def build_public_site(run):
    from tests import factories

    objects = DemoObjects()
    for label, kind, factory, entries, find_by in (
        ("Images", "image", factories.SiteImageFactory, content.IMAGES, "title"),
        ("Documents", "document", factories.SiteDocumentFactory, content.DOCUMENTS, "title"),
        ("Topics", "topic", factories.TopicFactory, content.TOPICS, "name"),
    ):
        tally = Tally()
        for key, fields in entries.items():
            objects[kind][key], outcome = ensure(factory, key, fields, find_by=find_by)
            tally[outcome] += 1
        yield label, str(tally)

    yield from _build_pages(PageTree(objects=objects, user=run.shared.get("admin")), run.now)
    upcoming = EventPage.objects.live().filter(end__gte=run.now).count()
    yield "Upcoming events", f"{upcoming}, dated from today"

    navigation = NavigationSettings.load()
    assign(navigation, objects.resolve(content.NAVIGATION))
    navigation.save()
    menu, footer = len(navigation.main_menu), len(navigation.footer_links)
    yield "Navigation", f"{menu} menu links, {footer} footer links"
    settings = SiteSettings.load()
    assign(settings, objects.resolve(content.SITE_SETTINGS))
    settings.save()
    yield "Site settings", f"contact {settings.contact_email}, hashtag {settings.hashtag}"

    # Later contributions may link to the public site's pages or reuse its media.
    run.shared.update(
        pages=objects["page"],
        images=objects["image"],
        documents=objects["document"],
        topics=objects["topic"],
    )


def _build_pages(tree, now):
    # Every page is placed before any is published, so content may link to any page.
    dates = _Dates(now)
    sections = [
        (
            "Index pages",
            [PagePlan(k, "home", INDEX_MODELS[k], f) for k, f in content.INDEXES.items()],
        ),
        (
            "Standard pages",
            [PagePlan(k, "home", StandardPage, f) for k, f in content.STANDARD_PAGES.items()],
        ),
        ("Events", [dates.event(key, fields) for key, fields in content.EVENTS.items()]),
        ("Resources", [dates.resource(key, fields) for key, fields in content.RESOURCES.items()]),
        ("News", [dates.news(key, fields) for key, fields in content.NEWS.items()]),
    ]
    home = PagePlan("home", "", HomePage, content.HOME)
    created = {home.key: tree.place_home(home)}
    for _label, plans in sections:
        created.update({plan.key: tree.place(plan) for plan in plans})

    # The home page goes last: it features pages from the other sections.
    for label, plans in [*sections, ("Home page", [home])]:
        tally = Tally()
        for plan in plans:
            published = tree.publish(plan)
            tally[CREATED if created[plan.key] else UPDATED if published else UNCHANGED] += 1
        yield label, f"{tally} pages, all live"


class _Dates:
    """Dates that depend on the day of loading: "upcoming" events stay upcoming and the call for
    the next event stays recent, however long after writing the demo is loaded."""

    def __init__(self, now):
        self.now = now

    def event(self, key, fields):
        fields = dict(fields)
        when = fields.pop("when")
        zone = zoneinfo.ZoneInfo(fields["time_zone"])
        day = when.date
        if day is None:
            day = self.now.astimezone(zone).date() + datetime.timedelta(days=when.days_from_today)
        fields["start"] = datetime.datetime.combine(day, when.start_time, tzinfo=zone)
        fields["end"] = datetime.datetime.combine(day, when.end_time, tzinfo=zone)
        # Announced six weeks ahead, or today for events nearer than that.
        announced = min(self.now, fields["start"] - datetime.timedelta(weeks=6))
        return PagePlan(key, "events", EventPage, fields, announced)

    def resource(self, key, fields):
        published = self._morning_of(fields["publication_date"])
        return PagePlan(key, "resources", ResourcePage, fields, published)

    def news(self, key, fields):
        fields = dict(fields)
        if "days_ago" in fields:
            today = self.now.astimezone(EDITORIAL_ZONE).date()
            fields["date"] = today - datetime.timedelta(days=fields.pop("days_ago"))
        return PagePlan(key, "news", NewsPage, fields, self._morning_of(fields["date"]))

    def _morning_of(self, day):
        return min(self.now, datetime.datetime.combine(day, PUBLISHED_AT, tzinfo=EDITORIAL_ZONE))
