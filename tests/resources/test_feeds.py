import calendar
import datetime
from datetime import timedelta as delta

import feedparser
from django.test import TestCase
from django.utils import timezone
from icalendar import Calendar

from tests.factories import EventPageFactory, NewsPageFactory, build_site_tree

UTC = datetime.UTC


def as_utc(struct_time):
    return datetime.datetime.fromtimestamp(calendar.timegm(struct_time), UTC)


class NewsFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        index = cls.tree.news_index
        cls.older = NewsPageFactory(
            parent=index,
            title="Public buyers sign the Make ICT Fair pledge",
            date=datetime.date(2019, 4, 2),
            first_published_at=datetime.datetime(2019, 4, 2, 8, 30, tzinfo=UTC),
            tags=["make ict fair"],
        )
        cls.newer = NewsPageFactory(
            parent=index,
            title="Electronics Watch reports on factory audits",
            date=datetime.date(2020, 1, 20),
            first_published_at=datetime.datetime(2020, 1, 20, 11, 0, tzinfo=UTC),
        )
        cls.private = NewsPageFactory(parent=index, title="Briefing for members only", private=True)
        cls.draft = NewsPageFactory(parent=index, title="Unfinished draft story", live=False)
        cls.rss_url = index.url + index.reverse_subpage("rss")
        cls.atom_url = index.url + index.reverse_subpage("atom")

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return response, feed

    def test_rss_and_atom_list_published_news_newest_first(self):
        for url, version in [(self.rss_url, "rss20"), (self.atom_url, "atom10")]:
            with self.subTest(feed=version):
                _, feed = self.parse(url)

                self.assertEqual(feed.version, version)
                self.assertEqual(
                    [entry.title for entry in feed.entries], [self.newer.title, self.older.title]
                )

    def test_entries_link_to_the_story_and_carry_its_publication_date(self):
        for url in (self.rss_url, self.atom_url):
            with self.subTest(url=url):
                _, feed = self.parse(url)

                entry = feed.entries[1]
                self.assertEqual(entry.link, "http://testserver" + self.older.url)
                self.assertEqual(as_utc(entry.published_parsed), self.older.first_published_at)
                self.assertEqual(entry.summary, self.older.introduction)

    def test_entries_carry_their_tags_as_categories(self):
        _, feed = self.parse(self.rss_url)

        self.assertEqual([tag.term for tag in feed.entries[1].tags], ["make ict fair"])

    def test_feeds_leave_out_private_and_unpublished_news(self):
        for url in (self.rss_url, self.atom_url):
            with self.subTest(url=url):
                response, feed = self.parse(url)

                titles = [entry.title for entry in feed.entries]
                self.assertNotIn(self.private.title, titles)
                self.assertNotIn(self.draft.title, titles)
                self.assertNotIn(self.private.url.encode(), response.content)

    def test_feed_describes_the_site(self):
        _, feed = self.parse(self.rss_url)

        self.assertIn("SRPP Procura+ Interest Group", feed.feed.title)
        self.assertEqual(feed.feed.link, "http://testserver" + self.tree.news_index.url)


class EventCalendarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        index = cls.tree.event_index
        now = timezone.now()
        cls.dialogue = EventPageFactory(
            parent=index,
            title="Live market engagement: laptops and monitors",
            start=datetime.datetime(2030, 10, 3, 7, 0, tzinfo=UTC),
            end=datetime.datetime(2030, 10, 3, 10, 30, tzinfo=UTC),
            time_zone="Europe/Amsterdam",
            venue_name="De Vereeniging",
            venue_address="Keizer Karelplein 2d\nNijmegen",
            tags=["market engagement"],
        )
        cls.webinar = EventPageFactory(
            parent=index,
            title="Webinar for buyers in the Americas",
            start=now + delta(days=3),
            end=now + delta(days=3, hours=1),
            time_zone="America/New_York",
            venue_name="",
            venue_address="",
            online_url="https://meet.example.org/srpp",
        )
        cls.past = EventPageFactory(
            parent=index,
            title="Workshop held last week",
            start=now - delta(days=7),
            end=now - delta(days=7, hours=-2),
        )
        cls.private = EventPageFactory(
            parent=index,
            title="Planning meeting for members",
            start=now + delta(days=4),
            end=now + delta(days=4, hours=2),
            private=True,
        )
        cls.draft = EventPageFactory(
            parent=index,
            title="Summit not yet confirmed",
            start=now + delta(days=5),
            end=now + delta(days=5, hours=2),
            live=False,
        )

    def get_calendar(self, page):
        response = self.client.get(page.url + page.reverse_subpage("calendar"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        return response, Calendar.from_ical(response.content)

    def events_in(self, ical):
        return {str(event["SUMMARY"]): event for event in ical.walk("VEVENT")}

    def test_one_events_calendar_gives_its_time_place_and_address(self):
        response, ical = self.get_calendar(self.dialogue)

        [event] = ical.walk("VEVENT")
        self.assertEqual(str(event["SUMMARY"]), self.dialogue.title)
        self.assertEqual(event["DTSTART"].params["TZID"], "Europe/Amsterdam")
        self.assertEqual(event.decoded("DTSTART"), self.dialogue.start)
        self.assertEqual(event.decoded("DTSTART").hour, 9)  # 07:00 UTC is 09:00 in Amsterdam
        self.assertEqual(event.decoded("DTEND"), self.dialogue.end)
        self.assertEqual(str(event["LOCATION"]), "De Vereeniging, Keizer Karelplein 2d, Nijmegen")
        self.assertEqual(str(event["URL"]), self.dialogue.full_url)
        self.assertIn(".ics", response["Content-Disposition"])

    def test_calendar_describes_the_time_zones_it_uses(self):
        _, ical = self.get_calendar(self.dialogue)

        zones = [str(zone["TZID"]) for zone in ical.walk("VTIMEZONE")]
        self.assertEqual(zones, ["Europe/Amsterdam"])

    def test_an_online_event_gives_its_link_as_location(self):
        _, ical = self.get_calendar(self.webinar)

        [event] = ical.walk("VEVENT")
        self.assertEqual(str(event["LOCATION"]), "https://meet.example.org/srpp")
        self.assertEqual(event["DTSTART"].params["TZID"], "America/New_York")

    def test_upcoming_calendar_lists_upcoming_public_events_only(self):
        _, ical = self.get_calendar(self.tree.event_index)

        events = self.events_in(ical)
        self.assertEqual(set(events), {self.dialogue.title, self.webinar.title})
        zones = {str(zone["TZID"]) for zone in ical.walk("VTIMEZONE")}
        self.assertEqual(zones, {"Europe/Amsterdam", "America/New_York"})

    def test_upcoming_calendar_gives_each_event_a_stable_identifier(self):
        _, first = self.get_calendar(self.tree.event_index)
        _, second = self.get_calendar(self.tree.event_index)

        uids = [str(event["UID"]) for event in first.walk("VEVENT")]
        self.assertEqual(len(set(uids)), 2)
        self.assertEqual(uids, [str(event["UID"]) for event in second.walk("VEVENT")])

    def test_a_private_events_calendar_is_not_served_to_visitors(self):
        response = self.client.get(self.private.url + self.private.reverse_subpage("calendar"))

        self.assertEqual(response.status_code, 302)
        self.assertNotIn(self.private.title.encode(), response.content)

    def test_an_unpublished_events_calendar_does_not_exist(self):
        response = self.client.get(self.draft.url + self.draft.reverse_subpage("calendar"))

        self.assertEqual(response.status_code, 404)
