"""Tender documents: what may be uploaded, versions, and how a file leaves the site."""

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from community.library.models import DocumentVersion, TenderDocument
from community.uploads import safe_filename
from tests.community.library import files
from tests.factories import MemberFactory, TenderDocumentFactory, TenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tender():
    return TenderFactory()


@pytest.fixture
def owner_client(client, tender):
    client.force_login(tender.owner)
    return client


def add(client, tender, content, name, **fields):
    data = {"kind": "specification", "title": "Technical specification", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("community:library:add_document", args=[tender.pk]), data)


@pytest.mark.parametrize(
    "content, name, file_type",
    [
        (files.pdf(), "specification.pdf", "pdf"),
        (files.docx(), "criteria.docx", "docx"),
        (files.xlsx(), "price-sheet.xlsx", "xlsx"),
        (files.odt(), "clauses.odt", "odt"),
        (files.ods(), "evaluation.ods", "ods"),
    ],
)
def test_each_allowed_type_is_stored_outside_the_public_media(
    owner_client, tender, settings, content, name, file_type
):
    response = add(owner_client, tender, content, name)

    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.file_type == file_type
    assert version.file.path.startswith(str(settings.PRIVATE_FILES_ROOT))
    assert not version.file.path.startswith(str(settings.MEDIA_ROOT))
    assert version.size == len(content)


@pytest.mark.parametrize(
    "content, name, reason",
    [
        (files.HTML_PAGE, "specification.pdf", "its content is not a PDF"),
        (files.BROKEN_PDF, "specification.pdf", "its content is not a PDF"),
        (files.docx(), "specification.pdf", "it is a Word document (DOCX)"),
        (files.pdf(), "script.exe", "cannot be shared"),
        (files.pdf(), "no-extension", "cannot be shared"),
        (b"", "empty.pdf", "file is empty"),
        (files.zip_bomb(), "criteria.docx", "unpacks to far more than its size"),
        (b"PK\x03\x04 not really a zip", "criteria.docx", "its content is not a Word"),
    ],
    ids=[
        "html-as-pdf",
        "malformed-pdf",
        "docx-as-pdf",
        "exe",
        "no-extension",
        "empty",
        "zip-bomb",
        "broken-zip",
    ],
)
def test_a_refused_upload_says_why_keeps_what_was_typed_and_stores_nothing(
    owner_client, tender, content, name, reason
):
    response = add(owner_client, tender, content, name, title="Kept title")

    page = response.content.decode()
    assert response.status_code == 200
    assert reason in page
    assert 'value="Kept title"' in page
    assert not TenderDocument.objects.exists()
    assert not DocumentVersion.objects.exists()


@override_settings(TENDER_DOCUMENT_MAX_UPLOAD_SIZE=1000)
def test_an_oversized_file_is_refused_with_the_limit(owner_client, tender):
    response = add(owner_client, tender, files.pdf(os.urandom(1500).hex()), "big.pdf")

    assert "the limit is 1000" in response.content.decode()


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system.ini.pdf", "system-ini.pdf"),
        ("spec\x00ification.pdf", "specification.pdf"),
        ('<script>alert("x")</script>.pdf', "script.pdf"),
        ("Pliego técnico — lote 1.PDF", "Pliego-técnico-lote-1.pdf"),
        (".pdf", "document.pdf"),
    ],
)
def test_filenames_are_made_safe(name, safe):
    assert safe_filename(name) == safe


def test_a_new_version_keeps_the_earlier_ones_listed_and_downloadable(client):
    document = TenderDocumentFactory(versions=[files.pdf("first")])
    client.force_login(document.tender.owner)

    client.post(
        reverse("community:library:replace_document", args=[document.pk]),
        {"file": SimpleUploadedFile("spec-v2.pdf", files.pdf("second")), "note": "Lot 2 fixed"},
    )

    first, second = document.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.note == "Lot 2 fixed"
    client.force_login(MemberFactory().user)
    page = client.get(reverse("community:library:tender", args=[document.tender.pk]))
    assert reverse("community:library:download", args=[first.pk]) in page.content.decode()
    response = client.get(reverse("community:library:download", args=[first.pk]))
    assert b"".join(response.streaming_content) == first.file.open("rb").read()


def test_a_refused_new_version_loses_nothing_already_stored(client):
    document = TenderDocumentFactory()
    client.force_login(document.tender.owner)

    response = client.post(
        reverse("community:library:replace_document", args=[document.pk]),
        {"file": SimpleUploadedFile("spec.pdf", files.HTML_PAGE)},
    )

    assert response.status_code == 200
    assert document.versions.count() == 1
    assert document.versions.get().file.storage.exists(document.versions.get().file.name)


def test_a_download_is_private_and_names_the_file(client):
    document = TenderDocumentFactory()
    client.force_login(MemberFactory().user)
    version = document.versions.get()

    response = client.get(reverse("community:library:download", args=[version.pk]))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert version.filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(PRIVATE_FILES_ACCEL_REDIRECT_PREFIX="/_private/")
def test_in_production_the_web_server_sends_the_file_after_the_check(client):
    document = TenderDocumentFactory()
    version = document.versions.get()
    client.force_login(MemberFactory().user)

    allowed = client.get(reverse("community:library:download", args=[version.pk]))
    client.logout()
    refused = client.get(reverse("community:library:download", args=[version.pk]))

    assert allowed["X-Accel-Redirect"] == f"/_private/{version.file.name}"
    assert "X-Accel-Redirect" not in refused


def test_anonymous_visitor_cannot_download_a_tender_document(client):
    version = TenderDocumentFactory().versions.get()

    response = client.get(reverse("community:library:download", args=[version.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_stored_path_says_nothing_about_the_tender_or_its_owner():
    version = TenderDocumentFactory(tender__title="Secret laptop tender").versions.get()

    assert re.fullmatch(r"tenders/[0-9a-f]{32}/[a-z0-9-]+-v1\.pdf", version.file.name)
    assert "secret" not in version.file.name
