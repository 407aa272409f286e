"""Who may download a document: as few people as may see the pages that use it.

Wagtail restricts a document only through its collection, so slides attached to a
members-only event, or the report of a resource that was never published, would download
for anyone who has the address. Here a document shares the audience of the pages that use it
(found through Wagtail's reference index) unless one of them is public:

- used by at least one live page that anyone may see: public (its collection still decides);
- used by no page at all: its collection decides, as in plain Wagtail;
- used only by pages that are private or not published: only someone who may see one of
  them gets it (their editors included).

A use by anything that is not a page (a snippet, the site settings) counts as public: those
are shown on public pages.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex


def pages_keeping_private(document):
    """The pages whose audience ``document`` shares, or an empty list when no page restricts it."""
    page_type = ContentType.objects.get_for_model(Page)
    uses = ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    )
    page_ids = set()
    for content_type_id, object_id in uses.distinct():
        if content_type_id != page_type.id:
            return []
        page_ids.add(object_id)
    pages = list(Page.objects.filter(id__in=page_ids).order_by("title"))
    if any(page.live and not page.get_view_restrictions().exists() for page in pages):
        return []
    return pages


def may_see_page(request, page):
    if page.permissions_for_user(request.user).can_edit():
        return True
    return page.live and all(
        restriction.accept_request(request) for restriction in page.get_view_restrictions()
    )


def who_can_download(document):
    """One sentence for editors, on the document's edit page."""
    pages = pages_keeping_private(document)
    collection_is_private = document.collection.get_view_restrictions().exists()
    if not pages:
        if collection_is_private:
            return "Only people the collection's privacy setting lets in."
        return "Anyone who has the link."
    titles = ", ".join(
        f"“{page.title}” ({'private' if page.live else 'not published'})" for page in pages
    )
    sentence = (
        f"Only people who may see {titles}: every page that uses this document is private or "
        "not published."
    )
    if collection_is_private:
        sentence += " The collection's privacy setting applies as well."
    return sentence
