"""Template tags the shared templates use to show content from this app without importing it."""

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from resources.blocks import SpeakerKind
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
)

register = template.Library()


def _index_page(model, request):
    """The live, public index of this type in the request's site, or None."""
    pages = model.objects.live().public()
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        pages = pages.in_site(site)
    return pages.order_by("path").first()


@register.inclusion_tag("resources/includes/latest_news.html", takes_context=True)
def latest_news(context, count=3, exclude=()):
    request = context.get("request")
    items = (
        NewsPage.objects.live()
        .public()
        .exclude(pk__in=[page.pk for page in exclude])
        .order_by("-date", "-first_published_at")
        .select_related("listing_image")[:count]
    )
    return {"items": items, "index": _index_page(NewsIndexPage, request), "request": request}


@register.inclusion_tag("resources/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3, exclude=()):
    request = context.get("request")
    items = (
        EventPage.objects.live()
        .public()
        .filter(end__gte=timezone.now())
        .exclude(pk__in=[page.pk for page in exclude])
        .order_by("start")
        .select_related("listing_image")[:count]
    )
    return {"items": items, "index": _index_page(EventIndexPage, request), "request": request}


@register.simple_tag(takes_context=True)
def news_feed_urls(context):
    """The news feeds' addresses for autodiscovery links, or None when there is no news index."""
    request = context.get("request")
    index = _index_page(NewsIndexPage, request)
    if index is None:
        return None
    base = index.get_url(request)
    if not base:
        return None
    base = base if base.endswith("/") else base + "/"
    return {
        "title": index.title,
        "rss": base + index.reverse_subpage("rss"),
        "atom": base + index.reverse_subpage("atom"),
    }


@register.simple_tag
def event_resources(event):
    """The resources that came out of ``event`` that any visitor may see."""
    return (
        ResourcePage.objects.live()
        .public()
        .filter(source_event=event)
        .order_by("-publication_date", "title")
        .select_related("listing_image")
    )


@register.filter
def content_label(page):
    """What sort of item ``page`` is, in a word, for lists that mix types."""
    if isinstance(page, NewsPage):
        return "News"
    if isinstance(page, EventPage):
        return "Event"
    if isinstance(page, ResourcePage):
        return "Resource"
    return ""


@register.filter
def speaker_kind_label(value):
    try:
        return SpeakerKind(value).label
    except ValueError:
        return ""


@register.filter
def usable_filter_fields(form):
    """The form's fields that offer a real choice, plus any that need to show an error."""
    return [field for field in form if len(field.field.choices) > 1 or field.errors]


@register.simple_tag(takes_context=True)
def section_pages(context):
    """The site's news, events and resources index pages, for "start from here" links."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    pages = Page.objects.live().public().type(NewsIndexPage, EventIndexPage, ResourceIndexPage)
    if site is not None:
        pages = pages.in_site(site)
    return list(pages.order_by("path"))
