"""What every page's header and footer link to: the menus, and the sections under the home page.

Read in one query for all of them: the pages the menus choose and the pages directly under the
site's root page (the sections, which also give the menu of a new site and the news feed
announced in every page's head), with the footer's settings; kept between requests with the
fragments of pages (home/fragments.py), since they change only when an editor changes them.
"""

from django.db.models import Q
from wagtail.models import Site

from home import fragments
from home.models.navigation import NavigationSettings, SiteSettings
from home.queries import is_public, site_pages


def menus(request):
    """{"main": links, "footer": links}, each link {"href", "text", "current", "aria_current"}."""
    return _read(request)["menus"]


def top_pages(request):
    """The live, public pages directly under the site's root page, in menu order."""
    return _read(request)["top"]


def site_settings(request):
    """The site's ``SiteSettings`` (footer, default link preview image), or None without a
    request (an error page rendered without one)."""
    if request is None:
        return None
    return _read(request)["settings"]


def _read(request):
    cached = getattr(request, "_site_navigation", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    # The same for every page of the site and every visitor until an editor changes a page, a
    # menu or a setting; kept between requests (home/fragments.py) per site.
    stored = fragments.get_or_set(
        request, "navigation", (site.pk if site else None,), lambda: _read_stored(request, site)
    )
    links = {
        name: [_link(href, text, request.path) for href, text in values]
        for name, values in stored["links"].items()
    }
    request._site_navigation = {
        "menus": links,
        "top": stored["top"],
        "settings": stored["settings"],
    }
    return request._site_navigation


def _read_stored(request, site):
    """The menus' links as (href, text), the top pages and the site settings, as read from the
    database: the same for every request to ``site``."""
    settings = NavigationSettings.load(request_or_site=request)
    # The stored menus as they are: the pages both choose come in the one query below, instead
    # of one query per menu.
    stored = {
        "main": [block["value"] for block in settings.main_menu.raw_data if block["value"]],
        "footer": [block["value"] for block in settings.footer_links.raw_data if block["value"]],
    }
    chosen = {value["page"] for values in stored.values() for value in values if value.get("page")}
    wanted = Q(pk__in=chosen)
    if site is not None:
        root = site.root_page
        wanted |= Q(path__startswith=root.path, depth=root.depth + 1)
    pages = list(site_pages().filter(wanted))
    by_id = {page.pk: page for page in pages}
    top = [
        page
        for page in pages
        if site is not None and page.depth == site.root_page.depth + 1 and is_public(page)
    ]
    links = {name: _links(values, by_id, request) for name, values in stored.items()}
    if not links["main"]:
        # A new site has a menu before editors build one: the home page's menu pages.
        links["main"] = [(page.get_url(request), page.title) for page in top if page.show_in_menus]
    # With its default link preview image, read in the same query and kept with it.
    footer = SiteSettings.load(request_or_site=request)
    return {"links": links, "top": top, "settings": footer}


def _links(values, pages, request):
    links = []
    for value in values:
        page = pages.get(value.get("page")) if value.get("page") else None
        if page is not None and not page.live:
            continue  # unpublished since an editor chose it: the link would lead to a 404
        href = page.get_url(request) if page is not None else value.get("url")
        if not href:
            continue  # a chosen page was deleted
        text = value.get("text") or (page.title if page is not None else value.get("url"))
        links.append((href, text))
    return links


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
