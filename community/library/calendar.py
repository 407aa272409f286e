"""The deadlines of the tenders a member may see, as an iCalendar feed (RFC 5545)."""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//SRPP Procura+ Interest Group//Tender deadlines//EN"
DEADLINES = (
    ("clarification_deadline", "Clarification questions close"),
    ("submission_deadline", "Submissions close"),
)
# Deadlines long past are of no use in a calendar and only make it slow to fetch.
KEEP_PAST_DAYS = 90


def deadlines_calendar(request, tenders):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Tender deadlines (SRPP Procura+ members)")
    since = timezone.now() - datetime.timedelta(days=KEEP_PAST_DAYS)
    host = request.get_host().split(":")[0]
    for tender in tenders:
        url = request.build_absolute_uri(reverse("community:library:tender", args=[tender.pk]))
        for field, what in DEADLINES:
            moment = getattr(tender, field)
            if not moment or moment < since:
                continue
            event = Event()
            event.add("uid", f"tender-{tender.pk}-{field}@{host}")
            event.add("summary", f"{what}: {tender.title}")
            event.add("dtstart", moment)
            event.add("dtend", moment)
            event.add("dtstamp", tender.updated_at)
            event.add("url", url)
            event.add("description", f"{tender.buyer_display}. Details: {url}")
            calendar.add_component(event)
    return calendar


def calendar_response(request, tenders):
    response = HttpResponse(
        deadlines_calendar(request, tenders).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="tender-deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
