"""Turning the demo content into pages, media, topics and settings.

``DemoBuilder.run`` yields one report line per section, so the command can show progress as
it goes.
"""

import datetime
import zoneinfo
from collections import Counter

from home.models import HomePage, HomePageFeature, NavigationSettings, SiteSettings, StandardPage
from resources.demo import content
from resources.demo.media import CREATED, UNCHANGED, UPDATED, ensure_document, ensure_image
from resources.demo.pages import PagePlan, PageTree
from resources.demo.specs import Doc, Ref
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedLink,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    Topic,
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


class DemoBuilder:
    def __init__(self, *, now, user):
        self.now = now
        self.images = {}
        self.documents = {}
        self.topics = {}
        self.tree = PageTree(user=user, documents=self.documents)

    def run(self):
        yield "Images", self._build_media(content.IMAGES, ensure_image, self.images)
        yield "Documents", self._build_media(content.ALL_DOCUMENTS, ensure_document, self.documents)
        yield "Topics", self._build_topics()
        yield from self._build_pages()
        yield "Navigation", self._build_navigation(content.SITE_SETTINGS)
        yield "Site settings", self._build_site_settings(content.SITE_SETTINGS)

    def _build_pages(self):
        # Every page is placed before any is published, so content may link to any page.
        sections = [
            ("Index pages", [self._index_plan(spec) for spec in content.INDEXES]),
            ("Standard pages", [self._standard_plan(spec) for spec in content.STANDARD_PAGES]),
            ("Events", [self._event_plan(spec) for spec in content.EVENTS]),
            ("Resources", [self._resource_plan(spec) for spec in content.RESOURCES]),
            ("News", [self._news_plan(spec) for spec in content.NEWS]),
        ]
        home = self._home_plan(content.HOME)
        created = {home.key: self.tree.place_home(home)}
        for _label, plans in sections:
            created.update({plan.key: self.tree.place(plan) for plan in plans})

        # The home page goes last: it features pages from the other sections.
        for label, plans in [*sections, ("Home page", [home])]:
            tally = Tally()
            for plan in plans:
                published = self.tree.publish(plan)
                tally[CREATED if created[plan.key] else UPDATED if published else UNCHANGED] += 1
            yield label, f"{tally} pages, all live"

        upcoming = EventPage.objects.live().filter(end__gte=self.now).count()
        yield "Upcoming events", f"{upcoming}, dated from today"

    # Media and snippets

    @staticmethod
    def _build_media(specs, ensure, registry):
        tally = Tally()
        for spec in specs:
            registry[spec.key], outcome = ensure(spec)
            tally[outcome] += 1
        return str(tally)

    def _build_topics(self):
        tally = Tally()
        for spec in content.TOPICS:
            topic = Topic.objects.filter(name=spec.name).first()
            if topic is None:
                topic, outcome = Topic(name=spec.name), CREATED
            else:
                outcome = UNCHANGED if topic.description == spec.description else UPDATED
            if outcome != UNCHANGED:
                topic.description = spec.description
                topic.save()
            self.topics[spec.name] = topic
            tally[outcome] += 1
        return str(tally)

    def _image(self, key):
        return self.images[key] if key else None

    # Page plans

    def _home_plan(self, spec):
        return PagePlan(
            key="home",
            parent="",
            model=HomePage,
            slug="home",
            fields={
                "title": spec.title,
                "hero_heading": spec.hero_heading,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "figures": list(spec.figures),
                "body": list(spec.body),
                "join_heading": spec.join_heading,
                "join_text": spec.join_text,
                "join_page": Ref(spec.join_page),
            },
            children={"features": (HomePageFeature, "page", [Ref(k) for k in spec.features])},
        )

    def _index_plan(self, spec):
        return PagePlan(
            key=spec.key,
            parent="home",
            model=INDEX_MODELS[spec.model],
            slug=spec.slug,
            fields={
                "title": spec.title,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "empty_message": spec.empty_message,
            },
        )

    def _standard_plan(self, spec):
        return PagePlan(
            key=spec.key,
            parent="home",
            model=StandardPage,
            slug=spec.slug,
            fields={
                "title": spec.title,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "body": list(spec.body),
            },
        )

    def _event_plan(self, spec):
        start, end = self._event_times(spec)
        return PagePlan(
            key=spec.key,
            parent="events",
            model=EventPage,
            slug=spec.slug,
            fields={
                "title": spec.title,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "start": start,
                "end": end,
                "time_zone": spec.time_zone,
                "venue_name": spec.venue_name,
                "venue_address": spec.venue_address,
                "online_url": spec.online_url,
                "organiser": spec.organiser,
                "held_alongside": spec.held_alongside,
                "registration_url": spec.registration_url,
                "body": list(spec.body),
                "agenda": [("session", _session_value(session)) for session in spec.sessions],
            },
            tags=spec.tags,
            # Announced six weeks ahead, or today for events nearer than that.
            first_published_at=min(self.now, start - datetime.timedelta(weeks=6)),
        )

    def _event_times(self, spec):
        zone = zoneinfo.ZoneInfo(spec.time_zone)
        when = spec.when
        day = when.date
        if day is None:
            day = self.now.astimezone(zone).date() + datetime.timedelta(days=when.days_from_today)
        start = datetime.datetime.combine(day, when.start_time, tzinfo=zone)
        end = datetime.datetime.combine(day, when.end_time, tzinfo=zone)
        return start, end

    def _resource_plan(self, spec):
        return PagePlan(
            key=spec.key,
            parent="resources",
            model=ResourcePage,
            slug=spec.slug,
            fields={
                "title": spec.title,
                "kind": spec.kind,
                "publication_date": spec.publication_date,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "body": list(spec.body),
                "topics": [self.topics[name] for name in spec.topics],
                "source_event": Ref(spec.source_event) if spec.source_event else None,
            },
            children={
                "documents": (ResourceDocument, "document", [Doc(k) for k in spec.documents])
            },
            tags=spec.tags,
            first_published_at=self._morning_of(spec.publication_date),
        )

    def _news_plan(self, spec):
        date = spec.date
        if date is None:
            date = self.now.astimezone(EDITORIAL_ZONE).date() - datetime.timedelta(spec.days_ago)
        return PagePlan(
            key=spec.key,
            parent="news",
            model=NewsPage,
            slug=spec.slug,
            fields={
                "title": spec.title,
                "date": date,
                "introduction": spec.introduction,
                "listing_image": self._image(spec.image),
                "body": list(spec.body),
            },
            children={
                "related_links": (NewsPageRelatedLink, "page", [Ref(k) for k in spec.related])
            },
            tags=spec.tags,
            first_published_at=self._morning_of(date),
        )

    def _morning_of(self, day):
        return min(self.now, datetime.datetime.combine(day, PUBLISHED_AT, tzinfo=EDITORIAL_ZONE))

    # Settings

    def _build_navigation(self, spec):
        navigation = NavigationSettings.load()
        navigation.main_menu = self._links(spec.main_menu)
        navigation.footer_links = self._links(spec.footer_links)
        navigation.save()
        return f"{len(spec.main_menu)} menu links, {len(spec.footer_links)} footer links"

    def _links(self, links):
        return [
            ("link", {"page": self.tree.page(key), "url": "", "text": text}) for key, text in links
        ]

    def _build_site_settings(self, spec):
        settings = SiteSettings.load()
        settings.footer_text = spec.footer_text
        settings.contact_email = spec.contact_email
        settings.hashtag = spec.hashtag
        settings.default_share_image = self._image(spec.share_image)
        settings.save()
        return f"contact {spec.contact_email}, hashtag {spec.hashtag}"


def _session_value(session):
    speaker = session.speaker
    return {
        "start_time": session.start,
        "end_time": session.end,
        "title": session.title,
        "description": session.description,
        "speakers": [
            {"name": speaker.name, "organisation": speaker.organisation, "kind": speaker.kind}
        ],
        "slides": Doc(session.slides) if session.slides else None,
    }
