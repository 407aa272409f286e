from wagtail.contrib.sitemaps import Sitemap

from home.queries import site_pages


class SiteSitemap(Sitemap):
    """Wagtail's sitemap of the site's live, public pages, without a query per page type.

    Wagtail reads each page's own table to ask it for its sitemap entries; no page type here
    changes them, and the entries need only the fields every page has, so each page comes as
    its own type with those alone (``defer=True``).
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        return site_pages().descendant_of(root, inclusive=True).visible().specific(defer=True)
