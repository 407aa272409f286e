from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers
from wagtail import hooks

from home.caching import allow_page_cache
from home.documents import may_see_page, pages_keeping_private


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
