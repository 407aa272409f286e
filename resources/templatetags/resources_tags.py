"""Template tags the shared templates use to show content from this app without importing it."""

from django import template
from django.utils import timezone

from resources.models import EventPage, NewsPage

register = template.Library()


@register.inclusion_tag("resources/includes/latest_news.html")
def latest_news(count=3, exclude=()):
    items = (
        NewsPage.objects.live()
        .public()
        .exclude(pk__in=[page.pk for page in exclude])
        .order_by("-date", "-first_published_at")
        .select_related("listing_image")[:count]
    )
    return {"items": items}


@register.inclusion_tag("resources/includes/upcoming_events.html")
def upcoming_events(count=3, exclude=()):
    items = (
        EventPage.objects.live()
        .public()
        .filter(end__gte=timezone.now())
        .exclude(pk__in=[page.pk for page in exclude])
        .order_by("start")[:count]
    )
    return {"items": items}
