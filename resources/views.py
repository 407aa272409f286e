"""Views outside the page tree: one page per tag, and the list of all tags."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from taggit.models import Tag

from home.caching import cache_for_visitors
from resources.models import EventPage, NewsPage, ResourcePage
from resources.models.listing import paginate

TAGGED_MODELS = (NewsPage, EventPage, ResourcePage)
PER_PAGE = 20


def _breadcrumb_trail(*crumbs):
    return [{"url": "/", "title": "Home"}, *crumbs]


def _visible(model):
    return model.objects.visible()


@cache_for_visitors
def tag_index(request):
    counts = {}
    for model in TAGGED_MODELS:
        through = model.tags.through
        rows = (
            through.objects.filter(content_object__in=_visible(model))
            .values("tag_id")
            .annotate(n=Count("id"))
        )
        for row in rows:
            counts[row["tag_id"]] = counts.get(row["tag_id"], 0) + row["n"]
    tags = sorted(Tag.objects.filter(pk__in=counts), key=lambda tag: tag.name.lower())
    for tag in tags:
        tag.page_count = counts[tag.pk]
    return render(
        request,
        "resources/tag_index.html",
        {"tags": tags, "breadcrumb_trail": _breadcrumb_trail({"title": "Tags"})},
    )


@cache_for_visitors
def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    items = []
    if tag:
        for model in TAGGED_MODELS:
            items.extend(_visible(model).filter(tags=tag).for_cards())
    if not items:
        # A tag used only on unpublished or private pages does not exist for visitors: the
        # answer is the same plain 404 as for a tag nobody ever used.
        raise Http404("No public page has this tag.")
    items.sort(key=lambda page: page.listing_date, reverse=True)
    return render(
        request,
        "resources/tag_detail.html",
        {
            "tag": tag,
            "items": paginate(request, items, PER_PAGE),
            "breadcrumb_trail": _breadcrumb_trail(
                {"url": reverse("resources:tag_index"), "title": "Tags"}, {"title": tag.name}
            ),
        },
    )
