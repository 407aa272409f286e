from django import template
from wagtail.models import Page, Site

from home.blocks import link_href, link_text
from home.models import NavigationSettings
from home.queries import visible_pages

register = template.Library()


def _link(href, text, current_path):
    is_page = href == current_path
    in_section = not is_page and href != "/" and current_path.startswith(href)
    # aria-current: "page" on the page itself, "true" on the section a visitor is inside.
    return {
        "href": href,
        "text": text,
        "current": is_page or in_section,
        "aria_current": "page" if is_page else ("true" if in_section else ""),
    }


def _links(stream, current_path):
    links = []
    for block in stream:
        page = block.value.get("page")
        if page is not None and not page.live:
            continue  # unpublished since an editor chose it: the link would lead to a 404
        href = link_href(block.value)
        if not href:
            continue  # a chosen page was deleted
        links.append(_link(href, link_text(block.value), current_path))
    return links


def _root_children_links(request):
    """The home page's menu pages, so a new site has a menu before editors build one."""
    site = Site.find_for_request(request)
    if not site:
        return []
    children = site.root_page.get_children().live().public().in_menu()
    return [_link(page.get_url(request), page.title, request.path) for page in children]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    # Error pages may render without a request: they still get a page, just no menu.
    request = context.get("request")
    if request is None:
        return {"links": []}
    settings = NavigationSettings.load(request_or_site=request)
    links = _links(settings.main_menu, request.path)
    return {"links": links or _root_children_links(request)}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    settings = NavigationSettings.load(request_or_site=request)
    return {"links": _links(settings.footer_links, request.path), "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way from the home page to here, as ``{"url", "title"}`` crumbs, the last one where
    the visitor is. Views outside the page tree give their own as ``breadcrumb_trail``."""
    crumbs = context.get("breadcrumb_trail")
    page = context.get("page")
    request = context.get("request")
    if crumbs is None and isinstance(page, Page) and request is not None:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        trail = [
            ancestor
            for ancestor in page.get_ancestors().live().specific()
            if root and ancestor.depth >= root.depth
        ]
        if trail:  # the home page itself has none
            crumbs = [
                {"url": ancestor.get_url(request), "title": "Home" if i == 0 else ancestor.title}
                for i, ancestor in enumerate(trail)
            ] + [{"title": page.title}]
    return {"crumbs": crumbs or []}


@register.simple_tag
def link_url(value):
    return link_href(value)


@register.simple_tag
def link_label(value):
    return link_text(value)


@register.filter
def visible(page):
    """The page if any visitor may see it, else None: a chosen page may have been unpublished
    or made private after an editor picked it."""
    if not page:
        return None
    pages = visible_pages([page.pk])
    return pages[0] if pages else None


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute for this request (link previews need whole addresses)."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current one, with "…" for gaps, for pagination links."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
