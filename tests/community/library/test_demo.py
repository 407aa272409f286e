"""The library's demo content: tenders from the Nijmegen presenters, valid as OCDS."""

from io import StringIO

import pytest
from django.core.management import call_command

from community.library import ocds
from community.library.models import Tender

pytestmark = pytest.mark.django_db


def test_the_demo_library_has_tenders_with_documents_and_exports_as_valid_ocds():
    call_command("load_demo_content", stdout=StringIO())

    tenders = Tender.objects.all()
    package = ocds.release_package(ocds.tenders_for_export(tenders), uri="urn:demo")

    assert tenders.count() >= 4
    assert all(tender.documents.exists() for tender in tenders)
    assert tenders.filter(visibility="organisation").exists()
    assert ocds.schema_errors(package) == []
    assert {r["tender"]["items"][0]["classification"]["id"] for r in package["releases"]} >= {
        "30213100",
        "48820000",
    }
