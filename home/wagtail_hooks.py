from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

from home.caching import allow_page_cache
from home.documents import may_see_page, pages_keeping_private
from home.rich_text import pages_for_links


@hooks.register("before_serve_page")
def cache_pages_for_visitors(page, request, serve_args, serve_kwargs):
    # A page is the same for every visitor who may see it; a page behind a view restriction
    # is answered with "private, no-cache" by Wagtail, which home/caching.py never keeps.
    allow_page_cache(request)


@hooks.register("before_serve_document")
def serve_documents_only_to_those_who_may_see_their_pages(document, request):
    # Wagtail's own hook checks the collection; this one adds the pages (home/documents.py).
    pages = pages_keeping_private(document)
    if not pages or any(may_see_page(request, page) for page in pages):
        return None
    if request.user.is_authenticated:
        raise PermissionDenied("Only those who may see the pages using this document may have it.")
    response = redirect_to_login(request.get_full_path())
    add_never_cache_headers(response)
    return response


class PageLinkHandler(WagtailPageLinkHandler):
    """Wagtail's links to pages in rich text, with the pages read once per stream."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = pages_for_links(ids)
        return [pages[str(pk)] for pk in ids]


@hooks.register("register_rich_text_features", order=1)
def read_page_links_once_per_stream(features):
    # Runs after Wagtail's own registration (order 0) and replaces its page link handler
    # (home/rich_text.py).
    features.register_link_type(PageLinkHandler)
