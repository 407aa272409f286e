"""The home page, standard pages and documents in the site search."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex

from home.documents import pages_keeping_private
from home.models import HomePage, StandardPage
from search.pages import PageSource, restriction_audiences
from search.registry import ContentSource, SearchDocument, register

register(PageSource(HomePage, label="Page"))
register(PageSource(StandardPage, label="Page"))


def documents_used_by(page):
    """The documents a page links to: publishing or restricting it can change who may see
    them (see ``home.documents``)."""
    Document = get_document_model()
    document_type = ContentType.objects.get_for_model(Document)
    ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=document_type)
        .values_list("to_object_id", flat=True)
    )
    return Document.objects.filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()])


class DocumentSource(ContentSource):
    """Documents with their text, for whoever may download them."""

    def get_indexable_objects(self):
        return self.model.objects.select_related("collection").prefetch_related("tags")

    def audiences(self, document):
        if pages_keeping_private(document):
            # Used only on private or unpublished pages: kept out of the search rather than
            # guessing which of their audiences may also pass the collection's rules.
            return ()
        return restriction_audiences(document.collection.get_view_restrictions())

    def to_document(self, document):
        return SearchDocument(
            object_id=str(document.pk),
            title=document.title,
            url=document.url,
            introduction=getattr(document, "description", "") or "",
            body=getattr(document, "extracted_text", "") or "",
            tags=tuple(tag.name for tag in document.tags.all()),
            date=timezone.localdate(document.created_at) if document.created_at else None,
            facets=tuple(("topic", tag.name) for tag in document.tags.all()),
        )


register(
    DocumentSource(
        get_document_model(),
        label="Document",
        refresh_on={
            Page: documents_used_by,
            CollectionViewRestriction: lambda restriction: get_document_model().objects.filter(
                collection=restriction.collection
            ),
        },
    )
)
