"""News feeds (RSS 2.0 and Atom 1.0), served by the news index page."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        # Kept for the items' addresses, which then share the request's site lookups.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} — SRPP Procura+ Interest Group"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.introduction or "News from the SRPP Procura+ Interest Group."

    def items(self):
        return self.index_page.get_items().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
