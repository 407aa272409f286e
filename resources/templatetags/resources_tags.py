"""Template tags the shared templates use to show content from this app without importing it."""

from django import template

from home.navigation import top_pages
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


SECTION_TYPES = (NewsIndexPage, EventIndexPage, ResourceIndexPage)


def _sections(request):
    """The site's live, public news, events and resources index pages, in tree order: the
    pages under the home page of those types (the only place they may be)."""
    if request is None:
        return []
    pages = top_pages(request)
    return [page.specific_deferred for page in pages if page.specific_class in SECTION_TYPES]


def _index_page(model, request):
    """The live, public index of this type in the request's site, or None."""
    return next((page for page in _sections(request) if type(page) is model), None)


def _excluded_ids(pages):
    """The ids of ``pages``, given as pages or as ids."""
    return [getattr(page, "pk", page) for page in pages]


@register.inclusion_tag("resources/includes/latest_news.html", takes_context=True)
def latest_news(context, count=3, exclude=()):
    request = context.get("request")
    items = (
        NewsPage.objects.visible()
        .exclude(pk__in=_excluded_ids(exclude))
        .newest_first()
        .for_cards()[:count]
    )
    return {"items": items, "index": _index_page(NewsIndexPage, request), "request": request}


@register.inclusion_tag("resources/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3, exclude=()):
    request = context.get("request")
    items = (
        EventPage.objects.visible()
        .upcoming()
        .exclude(pk__in=_excluded_ids(exclude))
        .for_cards()[:count]
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
    return ResourcePage.objects.visible().filter(source_event=event).newest_first().for_cards()


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
    return list(_sections(context.get("request")))
