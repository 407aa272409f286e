from django import template
from wagtail.models import Page, Site

from home.blocks import link_href, link_text
from home.models import NavigationSettings

register = template.Library()


def _links(stream, current_path):
    links = []
    for block in stream:
        href = link_href(block.value)
        if not href:
            continue  # a chosen page was deleted or unpublished
        is_current = href == current_path or (href != "/" and current_path.startswith(href))
        links.append({"href": href, "text": link_text(block.value), "current": is_current})
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    settings = NavigationSettings.load(request_or_site=request)
    return {"links": _links(settings.main_menu, request.path)}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    settings = NavigationSettings.load(request_or_site=request)
    return {"links": _links(settings.footer_links, request.path)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    trail = []
    if isinstance(page, Page):
        site = Site.find_for_request(context["request"])
        root = site.root_page if site else None
        trail = [
            ancestor
            for ancestor in page.get_ancestors().live().specific()
            if root and ancestor.depth >= root.depth
        ]
    return {"trail": trail, "current": page, "extra": context.get("breadcrumb_extra")}


@register.simple_tag
def link_url(value):
    return link_href(value)


@register.simple_tag
def link_label(value):
    return link_text(value)
