"""Tenders and clauses in the site search, for those who may see them.

Who may see a tender or a clause is ``community.permissions.tender_audiences`` and
``clause_audiences``: the library's own rules. A tender is found by its text, its lots, its
documents' titles and the text of their current versions.
"""

from functools import cache

from django.utils import timezone

from community.discussions import indexing as discussions
from community.discussions.models import Post, Thread
from community.library.models import (
    Clause,
    CpvCode,
    DocumentVersion,
    Lot,
    Tender,
    TenderDocument,
)
from community.permissions import clause_audiences, tender_audiences
from search.pages import clean_text
from search.registry import ContentSource, SearchDocument, indexed, register, related


def cpv_division(code_id):
    """The division a CPV code belongs to, as a facet value: "30 Office and computing…"."""
    if not code_id:
        return None
    label = division_labels().get(code_id[:2])
    return f"{code_id[:2]} {label}" if label else None


@cache
def division_labels():
    # The vocabulary is loaded by a migration and never changes: read its 45 divisions once.
    return {
        code[:2]: label
        for code, label in CpvCode.objects.filter(parent__isnull=True).values_list("code", "label")
    }


class TenderSource(ContentSource):
    def get_indexable_objects(self):
        return self.model.objects.select_related("organisation", "buyer").prefetch_related(
            indexed("tags"),
            indexed("lots"),
            indexed("documents", TenderDocument.objects.prefetch_related(indexed("versions"))),
        )

    def audiences(self, tender):
        return tender_audiences(tender)

    def to_document(self, tender):
        documents = []
        for document in related(tender, "documents"):
            # Newest first, as ``TenderDocument.current`` reads them.
            versions = related(document, "versions")
            documents.append(document.title)
            if versions:
                documents.append(versions[0].extracted_text)
        tags = tuple(tag.name for tag in related(tender, "tags"))
        country = tender.organisation.country if tender.organisation_id else None
        return SearchDocument(
            object_id=str(tender.pk),
            title=tender.title,
            url=tender.get_absolute_url(),
            introduction=tender.summary,
            body=clean_text(
                " ".join(
                    [
                        tender.buyer_display,
                        tender.criteria,
                        *(lot.title for lot in related(tender, "lots")),
                        *documents,
                    ]
                )
            ),
            tags=tags,
            date=tender.publication_date or timezone.localdate(tender.created_at),
            facets=(
                ("stage", tender.get_stage_display()),
                ("cpv", cpv_division(tender.main_cpv_id)),
                ("country", country.name if country else None),
                *(("topic", tag) for tag in tags),
            ),
        )


class ClauseSource(ContentSource):
    def get_indexable_objects(self):
        return self.model.objects.select_related("tender").prefetch_related("topics")

    def audiences(self, clause):
        return clause_audiences(clause)

    def to_document(self, clause):
        topics = tuple(str(topic) for topic in clause.topics.all())
        return SearchDocument(
            object_id=str(clause.pk),
            title=clause.title,
            url=clause_url(clause),
            body=clause.text,
            tags=topics,
            date=timezone.localdate(clause.saved_at),
            facets=tuple(("topic", topic) for topic in topics),
        )


def clause_url(clause):
    from django.urls import reverse

    return reverse("community:library:clause", args=[clause.pk])


def threads_about(tender):
    return Thread.objects.about(tender)


register(
    TenderSource(
        Tender,
        label="Tender",
        refresh_on={
            TenderDocument: lambda document: Tender.objects.filter(pk=document.tender_id),
            DocumentVersion: lambda version: Tender.objects.filter(documents=version.document_id),
            Lot: lambda lot: Tender.objects.filter(pk=lot.tender_id),
        },
    )
)
register(
    ClauseSource(Clause, label="Clause", refresh_on={Tender: lambda tender: tender.clauses.all()})
)
# A tender's thread and its posts are seen by whoever may see the tender.
discussions.threads.refresh_on[Tender] = threads_about
discussions.posts.refresh_on[Tender] = lambda tender: Post.objects.filter(
    thread__in=threads_about(tender)
)
