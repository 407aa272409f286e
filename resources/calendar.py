"""iCalendar (RFC 5545) for events: one event, or all upcoming ones."""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText

PRODUCT_ID = "-//SRPP Procura+ Interest Group//Events//EN"


def event_component(event, request):
    component = Event()
    component.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    component.add("summary", event.title)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("dtstamp", event.last_published_at or timezone.now())
    url = event.get_full_url(request)
    component.add("url", url)
    description = "\n\n".join(
        part
        for part in [
            event.introduction,
            f"Organised by {event.organiser}." if event.organiser else "",
            f"Held alongside {event.held_alongside}." if event.held_alongside else "",
            f"Details and registration: {url}",
        ]
        if part
    )
    component.add("description", description)
    location = ", ".join(
        part for part in [event.venue_name, event.venue_address.replace("\n", ", ")] if part
    )
    if event.online_url:
        location = f"{location} / {event.online_url}" if location else event.online_url
    if location:
        component.add("location", vText(location))
    categories = [tag.name for tag in event.tags.all()]
    if categories:
        component.add("categories", categories)
    return component


def build_calendar(request, events, name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, request))
    # Every zone the events use, so calendar programs place the times correctly.
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events, *, name, filename):
    response = HttpResponse(
        build_calendar(request, events, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
