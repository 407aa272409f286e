import datetime
from datetime import timedelta as delta
from functools import partial

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from resources.models import ResourceKind
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    TopicFactory,
    build_site_tree,
    publish_changes,
)

UTC = datetime.UTC


def listed(response):
    """Every item the listing would show across all its pages, in order."""
    return list(response.context["items"].paginator.object_list)


def on_this_page(response):
    return list(response.context["items"].object_list)


def empty_state_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".empty-state")


class NewsListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.index = publish_changes(cls.tree.news_index, per_page=2)
        news = partial(NewsPageFactory, parent=cls.index)
        cls.oldest = news(title="Make ICT Fair begins", date=datetime.date(2017, 1, 10))
        cls.nijmegen = news(
            title="Buyers meet suppliers in Nijmegen",
            date=datetime.date(2018, 10, 3),
            tags=["market engagement"],
        )
        cls.spring_2019 = news(title="New contract clauses", date=datetime.date(2019, 3, 1))
        cls.summer_2019 = news(
            title="Second market dialogue",
            date=datetime.date(2019, 6, 1),
            tags=["market engagement"],
        )
        cls.newest = news(title="Interest group grows", date=datetime.date(2020, 2, 1))
        cls.private = news(
            title="Briefing for members on factory audits",
            date=datetime.date(2016, 5, 1),
            tags=["members only"],
            private=True,
        )
        cls.draft = news(
            title="Draft conference report",
            date=datetime.date(2020, 6, 1),
            tags=["draft tag"],
            live=False,
        )
        cls.public = [cls.newest, cls.summer_2019, cls.spring_2019, cls.nijmegen, cls.oldest]

    def get(self, **query):
        return self.client.get(self.index.url, query)

    def test_lists_published_public_news_newest_first(self):
        response = self.get()

        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response), self.public)
        self.assertEqual(on_this_page(response), [self.newest, self.summer_2019])
        self.assertContains(response, self.newest.title)

    def test_never_lists_private_or_unpublished_news(self):
        response = self.get()

        self.assertNotIn(self.private, listed(response))
        self.assertNotIn(self.draft, listed(response))
        self.assertNotContains(response, self.private.title)
        self.assertNotContains(response, self.draft.title)

    def test_second_page_shows_the_next_items(self):
        response = self.get(page=2)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(on_this_page(response), [self.spring_2019, self.nijmegen])

    def test_page_number_past_the_end_shows_the_last_page(self):
        response = self.get(page=999)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["items"].number, 3)
        self.assertEqual(on_this_page(response), [self.oldest])

    def test_page_number_that_is_not_a_number_shows_the_first_page(self):
        response = self.get(page="abc")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["items"].number, 1)

    def test_filters_by_tag(self):
        response = self.get(tag="market-engagement")

        self.assertEqual(listed(response), [self.summer_2019, self.nijmegen])
        self.assertTrue(response.context["is_filtered"])

    def test_filters_by_year(self):
        response = self.get(year="2019")

        self.assertEqual(listed(response), [self.summer_2019, self.spring_2019])

    def test_filters_combine_and_pagination_links_keep_them(self):
        response = self.get(tag="market-engagement", year="2018", page="1")

        self.assertEqual(listed(response), [self.nijmegen])
        self.assertEqual(response.context["query_string"], "tag=market-engagement&year=2018")

    def test_filters_that_match_nothing_say_so_and_offer_to_clear_them(self):
        response = self.get(tag="market-engagement", year="2017")

        self.assertEqual(listed(response), [])
        self.assertTrue(response.context["is_filtered"])
        empty_state = empty_state_of(response)
        self.assertTrue(empty_state.get_text(strip=True))
        self.assertIsNotNone(empty_state.find("a", href=self.index.url))

    def test_unknown_tag_gives_a_message_and_the_whole_list(self):
        response = self.get(tag="nope")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "There is nothing tagged “nope” here.")
        self.assertEqual(listed(response), self.public)
        self.assertFalse(response.context["is_filtered"])

    def test_year_that_is_not_a_year_gives_a_message_and_the_whole_list(self):
        response = self.get(year="abc")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "There is nothing from abc here.")
        self.assertEqual(listed(response), self.public)

    def test_filters_offer_only_tags_and_years_of_listed_news(self):
        response = self.get()

        form = response.context["filter_form"]
        tag_slugs = [slug for slug, _ in form.fields["tag"].choices if slug]
        years = [year for year, _ in form.fields["year"].choices if year]
        self.assertEqual(tag_slugs, ["market-engagement"])
        self.assertEqual(years, ["2020", "2019", "2018", "2017"])

    def test_a_tag_used_only_on_private_news_filters_nothing_and_reveals_nothing(self):
        response = self.get(tag="members-only")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response), self.public)
        self.assertNotContains(response, self.private.title)


class EventListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.index = publish_changes(cls.tree.event_index, per_page=2)
        now = timezone.now()
        event = partial(EventPageFactory, parent=cls.index)
        cls.nijmegen_2018 = event(
            title="Live market engagement, Nijmegen",
            start=datetime.datetime(2018, 10, 3, 7, 0, tzinfo=UTC),
            end=datetime.datetime(2018, 10, 3, 10, 30, tzinfo=UTC),
            tags=["market engagement"],
        )
        cls.last_month = event(
            title="Webinar on audits",
            start=now - delta(days=30),
            end=now - delta(days=30, hours=-2),
        )
        cls.ended_yesterday = event(
            title="Workshop that ended yesterday",
            start=now - delta(days=1, hours=3),
            end=now - delta(days=1),
        )
        cls.in_progress = event(
            title="Conference under way", start=now - delta(days=1), end=now + delta(days=1)
        )
        cls.ends_tomorrow = event(
            title="Workshop ending tomorrow",
            start=now + delta(hours=20),
            end=now + delta(days=1),
        )
        cls.next_month = event(
            title="Market dialogue next month",
            start=now + delta(days=30),
            end=now + delta(days=30, hours=3),
            tags=["market engagement"],
        )
        cls.private_upcoming = event(
            title="Planning meeting for members",
            start=now + delta(days=2),
            end=now + delta(days=2, hours=2),
            private=True,
        )
        cls.private_past = event(
            title="Retrospective for members",
            start=now - delta(days=3),
            end=now - delta(days=3, hours=-2),
            private=True,
        )
        cls.draft_upcoming = event(
            title="Unconfirmed summit",
            start=now + delta(days=5),
            end=now + delta(days=5, hours=2),
            live=False,
        )

    def get(self, **query):
        return self.client.get(self.index.url, query)

    def test_upcoming_events_come_first_soonest_first_including_those_under_way(self):
        response = self.get()

        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            list(response.context["upcoming"]),
            [self.in_progress, self.ends_tomorrow, self.next_month],
        )

    def test_past_events_are_listed_apart_most_recent_first(self):
        response = self.get()

        self.assertEqual(
            listed(response), [self.ended_yesterday, self.last_month, self.nijmegen_2018]
        )

    def test_never_lists_private_or_unpublished_events(self):
        response = self.get()

        everything = list(response.context["upcoming"]) + listed(response)
        for hidden in (self.private_upcoming, self.private_past, self.draft_upcoming):
            with self.subTest(event=hidden.title):
                self.assertNotIn(hidden, everything)
                self.assertNotContains(response, hidden.title)

    def test_past_events_paginate_and_upcoming_ones_stay_on_every_page(self):
        response = self.get(page=2)

        self.assertEqual(on_this_page(response), [self.nijmegen_2018])
        self.assertEqual(len(response.context["upcoming"]), 3)

    def test_page_number_past_the_end_or_not_a_number_gives_a_real_page(self):
        past_the_end = self.get(page=999)
        not_a_number = self.get(page="abc")

        self.assertEqual(past_the_end.status_code, 200)
        self.assertEqual(past_the_end.context["items"].number, 2)
        self.assertEqual(not_a_number.status_code, 200)
        self.assertEqual(not_a_number.context["items"].number, 1)

    def test_filters_by_year_of_the_start(self):
        response = self.get(year="2018")

        self.assertEqual(list(response.context["upcoming"]), [])
        self.assertEqual(listed(response), [self.nijmegen_2018])

    def test_filters_by_tag(self):
        response = self.get(tag="market-engagement")

        self.assertEqual(list(response.context["upcoming"]), [self.next_month])
        self.assertEqual(listed(response), [self.nijmegen_2018])

    def test_bad_filter_values_give_a_message_and_every_event(self):
        for query, message in [
            ({"tag": "nope"}, "There is nothing tagged “nope” here."),
            ({"year": "abc"}, "There is nothing from abc here."),
            ({"year": "1999"}, "There is nothing from 1999 here."),
        ]:
            with self.subTest(query=query):
                response = self.get(**query)

                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertEqual(len(response.context["upcoming"]), 3)
                self.assertEqual(len(listed(response)), 3)


class ResourceListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.index = publish_changes(cls.tree.resource_index, per_page=3)
        minerals = TopicFactory(name="Conflict minerals")
        wages = TopicFactory(name="Living wages")
        secret_topic = TopicFactory(name="Supplier audits")
        resource = partial(ResourcePageFactory, parent=cls.index)
        cls.guidance = resource(
            title="Guidance on supply chain transparency",
            kind=ResourceKind.GUIDANCE,
            publication_date=datetime.date(2018, 5, 1),
            topics=[minerals],
            tags=["electronics watch"],
        )
        cls.criteria = resource(
            title="Award criteria for laptops",
            kind=ResourceKind.CRITERIA,
            publication_date=datetime.date(2019, 2, 1),
            topics=[wages],
        )
        cls.clause = resource(
            title="Contract clause on labour rights",
            kind=ResourceKind.CONTRACT_CLAUSE,
            publication_date=datetime.date(2019, 9, 1),
            topics=[minerals, wages],
            tags=["electronics watch"],
        )
        cls.presentation = resource(
            title="Slides from the Nijmegen dialogue",
            kind=ResourceKind.PRESENTATION,
            publication_date=datetime.date(2020, 1, 15),
        )
        cls.private_report = resource(
            title="Confidential audit report",
            kind=ResourceKind.REPORT,
            publication_date=datetime.date(2020, 3, 1),
            topics=[secret_topic],
            private=True,
        )
        cls.draft = resource(
            title="Case study in preparation",
            kind=ResourceKind.CASE_STUDY,
            publication_date=datetime.date(2020, 4, 1),
            live=False,
        )
        cls.public = [cls.presentation, cls.clause, cls.criteria, cls.guidance]

    def get(self, **query):
        return self.client.get(self.index.url, query)

    def test_lists_published_public_resources_newest_first(self):
        response = self.get()

        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response), self.public)
        self.assertNotContains(response, self.private_report.title)
        self.assertNotContains(response, self.draft.title)

    def test_pagination_and_page_numbers_that_do_not_exist(self):
        for page, number, items in [
            ("2", 2, [self.guidance]),
            ("999", 2, [self.guidance]),
            ("abc", 1, [self.presentation, self.clause, self.criteria]),
        ]:
            with self.subTest(page=page):
                response = self.get(page=page)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["items"].number, number)
                self.assertEqual(on_this_page(response), items)

    def test_filters_by_kind(self):
        response = self.get(kind="criteria")

        self.assertEqual(listed(response), [self.criteria])

    def test_filters_by_topic(self):
        response = self.get(topic="conflict-minerals")

        self.assertEqual(listed(response), [self.clause, self.guidance])

    def test_a_resource_under_two_chosen_filters_is_listed_once(self):
        response = self.get(topic="living-wages", tag="electronics-watch")

        self.assertEqual(listed(response), [self.clause])

    def test_filters_by_tag_and_year(self):
        self.assertEqual(listed(self.get(tag="electronics-watch")), [self.clause, self.guidance])
        self.assertEqual(listed(self.get(year="2019")), [self.clause, self.criteria])

    def test_filters_offer_only_kinds_and_topics_of_listed_resources(self):
        form = self.get().context["filter_form"]

        kinds = [value for value, _ in form.fields["kind"].choices if value]
        topics = [value for value, _ in form.fields["topic"].choices if value]
        self.assertEqual(kinds, ["guidance", "criteria", "contract_clause", "presentation"])
        self.assertEqual(topics, ["conflict-minerals", "living-wages"])

    def test_bad_filter_values_give_a_message_and_every_resource(self):
        for query, message in [
            ({"kind": "x"}, "“x” is not a kind of resource listed here."),
            ({"kind": "report"}, "“report” is not a kind of resource listed here."),
            ({"topic": "nope"}, "There is no topic “nope” here."),
            ({"topic": "supplier-audits"}, "There is no topic “supplier-audits” here."),
            ({"tag": "nope"}, "There is nothing tagged “nope” here."),
            ({"year": "abc"}, "There is nothing from abc here."),
        ]:
            with self.subTest(query=query):
                response = self.get(**query)

                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertEqual(listed(response), self.public)
                self.assertNotContains(response, self.private_report.title)


EMPTY_MESSAGE = "Nothing has been published here yet: come back soon."


@pytest.mark.parametrize("index_name", ["news_index", "event_index", "resource_index"])
def test_an_empty_listing_says_so(client, site_tree, index_name):
    index = publish_changes(getattr(site_tree, index_name), empty_message=EMPTY_MESSAGE)

    response = client.get(index.url)

    assert response.status_code == 200
    assertContains(response, EMPTY_MESSAGE)


@pytest.mark.parametrize("index_name", ["news_index", "event_index", "resource_index"])
def test_an_empty_listing_says_so_without_an_editors_message(client, site_tree, index_name):
    index = getattr(site_tree, index_name)

    response = client.get(index.url)

    assert response.status_code == 200
    assert empty_state_of(response).get_text(strip=True)


def test_a_listing_with_only_drafts_and_private_items_is_empty(client, news_index):
    index = publish_changes(news_index, empty_message=EMPTY_MESSAGE)
    NewsPageFactory(parent=index, title="Draft story", live=False)
    NewsPageFactory(parent=index, title="Story for members", private=True)

    response = client.get(index.url)

    assertContains(response, EMPTY_MESSAGE)
    assertNotContains(response, "Draft story")
    assertNotContains(response, "Story for members")


def test_year_choices_and_the_year_filter_agree_on_an_event_at_new_year(client, event_index):
    # 23:30 UTC on 31 December is already the new year in Brussels, the site's time zone.
    event = EventPageFactory(
        parent=event_index,
        start=datetime.datetime(2019, 12, 31, 23, 30, tzinfo=UTC),
        end=datetime.datetime(2020, 1, 1, 1, 0, tzinfo=UTC),
    )

    response = client.get(event_index.url, {"year": "2020"})

    years = [year for year, _ in response.context["filter_form"].fields["year"].choices if year]
    assert years == ["2020"]
    assert listed(response) == [event]
