from django import template
from wagtail.models import Page, Site

from home.blocks import link_href, link_text
from home.navigation import menus, site_settings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    # Error pages may render without a request: they still get a page, just no menu.
    request = context.get("request")
    if request is None:
        return {"links": []}
    return {"links": menus(request)["main"]}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    return {"links": menus(request)["footer"], "request": request}


@register.simple_tag(takes_context=True, name="site_settings")
def site_settings_tag(context):
    """The site's settings (home.SiteSettings): the footer's text, the default link preview."""
    return site_settings(context.get("request"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way from the home page to here, as ``{"url", "title"}`` crumbs, the last one where
    the visitor is. Views outside the page tree give their own as ``breadcrumb_trail``."""
    crumbs = context.get("breadcrumb_trail")
    page = context.get("page")
    request = context.get("request")
    if crumbs is None and isinstance(page, Page) and request is not None:
        site = Site.find_for_request(request)
        trail = _live_ancestors(page, site.root_page.depth) if site else []
        if trail:  # the home page itself has none
            crumbs = [
                {"url": ancestor.get_url(request), "title": "Home" if i == 0 else ancestor.title}
                for i, ancestor in enumerate(trail)
            ] + [{"title": page.title}]
    return {"crumbs": crumbs or []}


def _live_ancestors(page, top_depth):
    """The page's live ancestors from ``top_depth`` down, top first. A page that was routed
    to already holds its parents (see home/routing.py); any other reads them here."""
    trail = []
    ancestor = page
    while ancestor.depth > top_depth:
        ancestor = ancestor.get_parent()
        if ancestor is None:
            break
        if ancestor.live:
            trail.append(ancestor)
    return trail[::-1]


@register.simple_tag(takes_context=True)
def link_url(context, value):
    return link_href(value, context.get("request"))


@register.simple_tag
def link_label(value):
    return link_text(value)


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
