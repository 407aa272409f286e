"""The deadlines calendar: a private, revocable address per member."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from community.library.models import DeadlineFeed
from tests.factories import MemberFactory, TenderFactory

pytestmark = pytest.mark.django_db


def summaries(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))


@pytest.fixture
def soon():
    return timezone.now() + datetime.timedelta(days=10)


def test_a_member_creates_an_address_and_sees_the_deadlines_they_may_see(client, soon):
    member = MemberFactory()
    TenderFactory(title="Open laptops", submission_deadline=soon)
    TenderFactory(
        title="Another organisation's draft", submission_deadline=soon, visibility="organisation"
    )
    client.force_login(member.user)
    client.post(reverse("community:library:calendar"), {"action": "renew"})
    feed = DeadlineFeed.objects.get(user=member.user)
    client.logout()

    response = client.get(reverse("community:library:deadlines", args=[feed.token]))

    assert summaries(response) == ["Submissions close: Open laptops"]
    assert "private" in response["Cache-Control"]


def test_replacing_the_address_revokes_the_old_one(client, soon):
    member = MemberFactory()
    old = DeadlineFeed.renew_for(member.user).token
    client.force_login(member.user)

    client.post(reverse("community:library:calendar"), {"action": "renew"})

    assert client.get(reverse("community:library:deadlines", args=[old])).status_code == 404


def test_switching_it_off_revokes_it(client):
    member = MemberFactory()
    token = DeadlineFeed.renew_for(member.user).token
    client.force_login(member.user)

    client.post(reverse("community:library:calendar"), {"action": "off"})

    assert client.get(reverse("community:library:deadlines", args=[token])).status_code == 404


def test_a_lapsed_members_address_stops_working_at_once(client, soon):
    member = MemberFactory()
    token = DeadlineFeed.renew_for(member.user).token
    member.status = "lapsed"
    member.save()

    assert client.get(reverse("community:library:deadlines", args=[token])).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 500, "%00"])
def test_a_made_up_address_is_not_found(client, token):
    assert client.get(f"/members/library/calendar/{token}/deadlines.ics").status_code == 404
