import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from wagtail.users.models import UserProfile

from resources.models import EventPage
from tests.admin_forms import add_url, edit_url, editor_form_data
from tests.factories import EventPageFactory, SuperuserFactory, build_site_tree

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


class EventValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.event = EventPageFactory(parent=cls.tree.event_index)

    def test_an_event_that_ends_before_it_starts_is_refused(self):
        self.event.end = self.event.start - datetime.timedelta(hours=1)

        with self.assertRaises(ValidationError) as caught:
            self.event.full_clean()

        self.assertEqual(
            caught.exception.message_dict["end"], ["The event must end after it starts."]
        )

    def test_an_event_that_ends_as_it_starts_is_refused(self):
        self.event.end = self.event.start

        with self.assertRaises(ValidationError) as caught:
            self.event.full_clean()

        self.assertIn("end", caught.exception.message_dict)

    def test_an_event_without_venue_or_online_link_is_refused(self):
        self.event.venue_name = ""
        self.event.venue_address = ""
        self.event.online_url = ""

        with self.assertRaises(ValidationError) as caught:
            self.event.full_clean()

        self.assertEqual(
            caught.exception.message_dict["venue_name"], ["Give a venue, an online link, or both."]
        )

    def test_an_online_only_event_is_accepted(self):
        self.event.venue_name = ""
        self.event.venue_address = ""
        self.event.online_url = "https://meet.example.org/market-engagement"

        self.event.full_clean()

        self.assertTrue(self.event.is_online)
        self.assertFalse(self.event.is_in_person)


@override_settings(TIME_ZONE="Europe/Brussels")
class EventTimeZoneInTheEditorTests(TestCase):
    """Editors type an event's times as the event's own clock shows them."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.editor = SuperuserFactory()

    def setUp(self):
        self.client.force_login(self.editor)

    def add_event(self, **fields):
        parent = self.tree.event_index
        form_page = self.client.get(add_url(EventPage, parent))
        data = editor_form_data(form_page, EventPage())
        data.update(
            {
                "title": "Live market engagement at EcoProcura",
                "slug": "live-market-engagement",
                "venue_name": "De Vereeniging",
                "action-publish": "action-publish",
                **fields,
            }
        )
        return self.client.post(add_url(EventPage, parent), data)

    def test_typed_times_are_read_in_the_events_time_zone_not_the_editors(self):
        response = self.add_event(
            start="2018-10-03 09:00", end="2018-10-03 12:30", time_zone="America/New_York"
        )

        self.assertEqual(response.status_code, 302)
        event = EventPage.objects.get(slug="live-market-engagement")
        # 09:00 in New York (EDT, UTC-4); Brussels (CEST, UTC+2) would have given 07:00 UTC.
        self.assertEqual(event.start, datetime.datetime(2018, 10, 3, 13, 0, tzinfo=UTC))
        self.assertEqual(event.end, datetime.datetime(2018, 10, 3, 16, 30, tzinfo=UTC))

    def test_the_editors_own_profile_zone_does_not_shift_the_event(self):
        profile = UserProfile.get_for_user(self.editor)
        profile.current_time_zone = "Asia/Tokyo"
        profile.save()

        self.add_event(
            start="2018-10-03 09:00", end="2018-10-03 12:30", time_zone="Europe/Amsterdam"
        )

        event = EventPage.objects.get(slug="live-market-engagement")
        self.assertEqual(event.start, datetime.datetime(2018, 10, 3, 7, 0, tzinfo=UTC))

    def test_end_before_start_is_shown_on_the_form_and_nothing_is_saved(self):
        response = self.add_event(
            start="2018-10-03 09:00", end="2018-10-03 08:00", time_zone="America/New_York"
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("end", response.context["form"].errors)
        self.assertFalse(EventPage.objects.filter(slug="live-market-engagement").exists())

    def test_stored_times_are_shown_back_in_the_events_time_zone(self):
        event = EventPageFactory(
            parent=self.tree.event_index,
            start=datetime.datetime(2018, 10, 3, 13, 0, tzinfo=UTC),
            end=datetime.datetime(2018, 10, 3, 16, 30, tzinfo=UTC),
            time_zone="America/New_York",
        )

        response = self.client.get(edit_url(event))

        form = response.context["form"]
        self.assertEqual(form["start"].value(), datetime.datetime(2018, 10, 3, 9, 0))
        self.assertEqual(form["end"].value(), datetime.datetime(2018, 10, 3, 12, 30))
        self.assertContains(response, 'value="2018-10-03 09:00"')

    def test_the_event_shows_its_local_times_to_visitors(self):
        event = EventPageFactory(
            parent=self.tree.event_index,
            start=datetime.datetime(2018, 10, 3, 13, 0, tzinfo=UTC),
            end=datetime.datetime(2018, 10, 3, 16, 30, tzinfo=UTC),
            time_zone="America/New_York",
        )

        self.assertEqual(event.local_start, datetime.datetime(2018, 10, 3, 9, 0, tzinfo=NEW_YORK))
        self.assertEqual(event.local_start.utcoffset(), datetime.timedelta(hours=-4))
        self.assertEqual(event.listing_date, datetime.date(2018, 10, 3))
        self.assertTrue(event.is_single_day)
