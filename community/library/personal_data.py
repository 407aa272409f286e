"""What the library keeps about a person, for their data export."""

from community.personal_data import register


def shared_tenders(user):
    from community.library.models import DocumentVersion, Tender

    tenders = Tender.objects.filter(owner=user).order_by("created_at")
    uploads = DocumentVersion.objects.filter(uploaded_by=user).select_related("document__tender")
    if not tenders.exists() and not uploads.exists():
        return None
    return {
        "tenders_shared": [
            {"title": tender.title, "shared_at": tender.created_at.isoformat(), "ocid": tender.ocid}
            for tender in tenders
        ],
        "documents_uploaded": [
            {
                "tender": version.document.tender.title,
                "document": version.document.title,
                "version": version.number,
                "filename": version.filename,
                "uploaded_at": version.uploaded_at.isoformat(),
            }
            for version in uploads
        ],
    }


register("tender_library", shared_tenders)
