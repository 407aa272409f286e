"""What a visitor's page asks of the database: at most twelve queries, however much it shows.

Each page is counted as it is rendered for an anonymous visitor with the page cache off (the
test settings keep it off): first with a little content, then again after much more of what
it lists has been added (items, tags, sessions, documents, linked pages). The count must stay
within the limit and must not move: a query per item shown would make it grow.

Every count is of a second request. The first makes the images' renditions and fills the
cache of the sites' root paths and the parts of pages kept between requests (home/fragments.py),
as the first visitor after a change does; what is counted is the page every visitor after that
one gets. The same counts are asked again with nothing kept between requests, as with the cache
down: the limit holds either way.
"""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from home.models import HomePageFeature
from resources.models import NewsPageRelatedLink, ResourceDocument, ResourceKind
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    SiteDocumentFactory,
    SiteImageFactory,
    StandardPageFactory,
    TopicFactory,
    build_site_tree,
    publish_changes,
)

MAX_QUERIES = 12


def linking_paragraphs(pages):
    """Paragraphs of rich text, each linking to one of ``pages``."""
    return [
        {
            "type": "paragraph",
            "value": f'<p>More in <a linktype="page" id="{page.pk}">{page.title}</a>.</p>',
        }
        for page in pages
    ]


def session(number, slides):
    return (
        "session",
        {
            "start_time": datetime.time(9 + number % 8),
            "end_time": datetime.time(10 + number % 8),
            "title": f"Session {number}",
            "description": "Buyers and suppliers on audits.",
            "speakers": [{"name": f"Speaker {number}", "organisation": "ICLEI", "kind": "network"}],
            "slides": slides,
        },
    )


class QueryCountTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.images = [SiteImageFactory() for _ in range(3)]

    def image(self, number):
        return self.images[number % len(self.images)]

    def queries_for(self, url):
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def assertQueriesDoNotGrow(self, url, add_more):
        few = self.queries_for(url)
        add_more()
        many = self.queries_for(url)
        self.assertLessEqual(many, MAX_QUERIES, f"{url} asks {many} queries")
        self.assertEqual(few, many, f"{url}: {few} queries before adding content, {many} after")

    # Content, as much as asked for.

    def news(self, count, **fields):
        return [
            NewsPageFactory(
                parent=self.tree.news_index,
                listing_image=self.image(number),
                date=timezone.localdate() - datetime.timedelta(days=400 * number),
                tags=[f"tag-{number}", f"tag-{number + 1}", "fair-ict"],
                **fields,
            )
            for number in range(count)
        ]

    def events(self, count, *, past=False, **fields):
        sign = -1 if past else 1
        return [
            EventPageFactory(
                parent=self.tree.event_index,
                listing_image=self.image(number),
                start=timezone.now() + sign * datetime.timedelta(days=30 + 200 * number),
                tags=[f"tag-{number}", "fair-ict"],
                **fields,
            )
            for number in range(count)
        ]

    def resources(self, count, **fields):
        kinds = list(ResourceKind.values)
        topics = [TopicFactory(name=f"Topic {number}") for number in range(4)]
        return [
            ResourcePageFactory(
                parent=self.tree.resource_index,
                listing_image=self.image(number),
                kind=kinds[number % len(kinds)],
                publication_date=timezone.localdate() - datetime.timedelta(days=300 * number),
                topics=topics[: 1 + number % len(topics)],
                tags=[f"tag-{number}", "fair-ict"],
                **fields,
            )
            for number in range(count)
        ]


class PageQueryCountTests(QueryCountTestCase):
    def test_home_page(self):
        home = self.tree.home
        join = StandardPageFactory(parent=home, title="Join", slug="join")
        cta_target = self.resources(1)[0]
        home = publish_changes(
            home,
            listing_image=self.images[0],
            join_page=join,
            body=[
                (
                    "call_to_action",
                    {
                        "heading": "Read the guide",
                        "text": "",
                        "link": {"page": cta_target, "url": "", "text": ""},
                    },
                )
            ],
            features=[HomePageFeature(page=self.news(1)[0])],
        )
        self.events(1)

        def feature_more():
            featured = [*self.news(2), *self.events(2), *self.resources(2)]
            publish_changes(home, features=[HomePageFeature(page=page) for page in featured])
            self.news(4)
            self.events(4)

        self.assertQueriesDoNotGrow("/", feature_more)

    def test_news_index(self):
        self.news(2)

        self.assertQueriesDoNotGrow(self.tree.news_index.url, lambda: self.news(12))

    def test_news_index_filtered_and_paginated(self):
        self.news(2)
        url = f"{self.tree.news_index.url}?tag=fair-ict&page=2"

        self.assertQueriesDoNotGrow(url, lambda: self.news(12))

    def test_news_page(self):
        targets = [*self.events(1), *self.resources(1)]
        (story,) = self.news(1)
        story = publish_changes(
            story,
            body=linking_paragraphs(targets[:1]),
            related_links=[NewsPageRelatedLink(page=targets[0])],
        )

        def link_more():
            more = [*targets, *self.events(4), *self.resources(4)]
            story.tags.add(*[f"subject-{number}" for number in range(10)])
            publish_changes(
                story,
                body=linking_paragraphs(more),
                related_links=[NewsPageRelatedLink(page=page) for page in more],
            )

        self.assertQueriesDoNotGrow(story.url, link_more)

    def test_event_index(self):
        self.events(1)
        self.events(1, past=True)

        def more():
            self.events(4)
            self.events(12, past=True)

        self.assertQueriesDoNotGrow(self.tree.event_index.url, more)

    def test_event_page(self):
        document = SiteDocumentFactory()
        (event,) = self.events(1, past=True)
        event = publish_changes(
            event, agenda=[session(0, document)], body=linking_paragraphs(self.news(1))
        )
        self.resources(1, source_event=event)

        def more():
            documents = [SiteDocumentFactory() for _ in range(4)]
            event.tags.add(*[f"subject-{number}" for number in range(10)])
            publish_changes(
                event,
                agenda=[session(number, documents[number % 4]) for number in range(12)],
                body=linking_paragraphs(self.news(4)),
            )
            self.resources(6, source_event=event)

        self.assertQueriesDoNotGrow(event.url, more)

    def test_resource_index(self):
        self.resources(2)

        self.assertQueriesDoNotGrow(self.tree.resource_index.url, lambda: self.resources(12))

    def test_resource_index_filtered(self):
        self.resources(2)
        url = f"{self.tree.resource_index.url}?kind=guidance&topic=topic-0"

        self.assertQueriesDoNotGrow(url, lambda: self.resources(12))

    def test_resource_page(self):
        (event,) = self.events(1, past=True)
        (resource,) = self.resources(1, source_event=event)
        resource = publish_changes(
            resource,
            documents=[ResourceDocument(document=SiteDocumentFactory())],
            body=linking_paragraphs(self.news(1)),
        )

        def more():
            resource.tags.add(*[f"subject-{number}" for number in range(10)])
            topics = [TopicFactory(name=f"More topic {number}") for number in range(6)]
            resource.topics.add(*topics)
            publish_changes(
                resource,
                documents=[ResourceDocument(document=SiteDocumentFactory()) for _ in range(8)],
                body=linking_paragraphs(self.news(4)),
            )

        self.assertQueriesDoNotGrow(resource.url, more)

    def test_standard_page(self):
        about = publish_changes(self.tree.about, body=linking_paragraphs(self.news(1)))

        def more():
            publish_changes(about, body=linking_paragraphs([*self.news(4), *self.events(4)]))
            for number in range(5):
                StandardPageFactory(parent=self.tree.home, title=f"Section {number}")

        self.assertQueriesDoNotGrow(about.url, more)


class ListQueryCountTests(QueryCountTestCase):
    def test_tag_index(self):
        self.news(1)

        self.assertQueriesDoNotGrow(reverse("resources:tag_index"), lambda: self.news(10))

    def test_tag_page(self):
        self.news(1)
        url = reverse("resources:tag_detail", args=["fair-ict"])

        def more():
            self.news(5)
            self.events(5, past=True)
            self.resources(5)

        self.assertQueriesDoNotGrow(url, more)

    def test_news_feeds(self):
        self.news(2)
        index = self.tree.news_index
        for url in (index.url + "feed/", index.url + "feed/atom/"):
            with self.subTest(url):
                self.assertQueriesDoNotGrow(url, lambda: self.news(8))

    def test_calendars(self):
        (event,) = self.events(1)
        event.tags.add("calendar")

        def more():
            self.events(6)
            event.tags.add(*[f"subject-{number}" for number in range(10)])
            publish_changes(event)

        for url in (self.tree.event_index.url + "calendar/", event.url + "calendar/"):
            with self.subTest(url):
                self.assertQueriesDoNotGrow(url, more)

    def test_sitemap(self):
        self.news(2)

        def more():
            self.news(5)
            self.events(5)
            self.resources(5)

        self.assertQueriesDoNotGrow(reverse("sitemap"), more)


@override_settings(FRAGMENT_CACHE_SECONDS=0)
class PageQueryCountWithoutFragmentsTests(PageQueryCountTests):
    """The same limits with nothing kept between requests (home/fragments.py), as on the
    first request after a change or with the cache down."""


@override_settings(FRAGMENT_CACHE_SECONDS=0)
class ListQueryCountWithoutFragmentsTests(ListQueryCountTests):
    """The same limits for the lists with nothing kept between requests."""
