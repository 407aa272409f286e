"""Cards: how a page draws itself in a list, kept between requests (home/fragments.py).

A page's card is the same in every list it appears in (the home page, its index, each of its
tags' pages, the pages that link to it) and for every visitor, until an editor changes
something. A list asks the cache for all its cards at once and renders only those missing.
"""

from django import template
from django.template import Context
from wagtail.models import Page, Site

from home import fragments
from home.queries import is_public, read_card_images_ahead

register = template.Library()

DEFAULT_CARD = "includes/page_card.html"


@register.simple_tag(takes_context=True)
def cards(context, items, heading_level=3, show_type=False):
    """The cards of ``items``, in order, as includes/card.html draws them: each item by the
    template its model names (``card_template``), under a heading of ``heading_level``,
    labelled with its type if ``show_type``."""
    request = context.get("request")
    items = list(items)
    site = Site.find_for_request(request) if request is not None else None
    options = (heading_level, bool(show_type))

    def render(batch):
        return _render(context, batch, heading_level, show_type)

    # Only a public page's card is kept: it shows nothing that any visitor may not see.
    keys = [
        (site.pk if site else None, item._meta.label_lower, item.pk, *options)
        if isinstance(item, Page) and item.pk is not None and is_public(item)
        else None
        for item in items
    ]
    keep = {key: item for key, item in zip(keys, items, strict=True) if key is not None}
    kept = dict(zip(keep, fragments.get_or_set_many(request, "card", keep, render), strict=True))
    return [
        kept[key] if key is not None else render([item])[0]
        for key, item in zip(keys, items, strict=True)
    ]


def _render(context, items, heading_level, show_type):
    # The cards' images' renditions in one request to the cache, for the cards not kept.
    read_card_images_ahead(items)
    engine = context.template.engine
    values = {
        "request": context.get("request"),
        "heading_level": heading_level,
        "show_type": show_type,
    }
    return [
        engine.get_template(getattr(item, "card_template", None) or DEFAULT_CARD).render(
            Context({**values, "item": item}, autoescape=context.autoescape)
        )
        for item in items
    ]
