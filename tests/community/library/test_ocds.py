"""OCDS out and in: valid packages, a faithful round trip, and clear reports on bad input."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from community.library import ocds
from community.library.models import Tender
from tests.factories import MemberFactory, TenderFactory

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "ocds"
SAMPLE = SHARED / "sample" / "ocds-213czf-000-00001-02-tender.json"


def without_publication_date(package):
    return {key: value for key, value in package.items() if key != "publishedDate"}


@pytest.fixture
def library():
    first = TenderFactory(
        title="Laptops with labour-rights clauses",
        estimated_value=4800000,
        notice_url="https://ted.europa.eu/notice/123",
        submission_deadline="2026-12-15T13:00:00+01:00",
        publication_date="2026-11-01",
    )
    first.additional_cpv.add("30213200")
    first.lots.create(title="Tablets", cpv_id="30213200")
    TenderFactory(title="Servers", main_cpv_id="48820000", stage="awarded")
    TenderFactory(title="Organisation only", visibility="organisation")
    first.refresh_from_db()
    return first


def test_the_export_validates_against_the_ocds_release_package_schema(library, client):
    client.force_login(library.owner)

    package = client.get(reverse("community:library:export")).json()

    assert ocds.schema_errors(package) == []
    assert {r["tender"]["title"] for r in package["releases"]} >= {
        "Laptops with labour-rights clauses"
    }


def test_the_validator_finds_real_schema_errors():
    broken = {"uri": "x", "publishedDate": "yesterday", "releases": [{"ocid": 5}]}

    assert ocds.schema_errors(broken)


def test_a_tender_exports_with_its_cpv_codes_lots_dates_and_value(library):
    [release] = ocds.release_package([library], uri="urn:test")["releases"]

    tender = release["tender"]
    assert release["ocid"] == library.ocid
    assert tender["items"][0]["classification"] == {
        "scheme": "CPV",
        "id": "30213100",
        "description": "Portable computers",
    }
    assert tender["items"][0]["additionalClassifications"][0]["id"] == "30213200"
    assert tender["lots"] == [{"id": "1", "title": "Tablets"}]
    assert tender["value"] == {"amount": 4800000.0, "currency": "EUR"}
    assert tender["tenderPeriod"]["endDate"] == "2026-12-15T12:00:00Z"
    assert "documents" in tender and tender["documents"][0]["url"].startswith("https://ted")


def test_an_organisation_only_tender_is_exported_only_to_those_who_may_see_it(library, client):
    client.force_login(MemberFactory().user)

    titles = [
        r["tender"]["title"]
        for r in client.get(reverse("community:library:export")).json()["releases"]
    ]

    assert "Organisation only" not in titles


def test_export_import_export_gives_the_same_package(library, django_db_blocker):
    before = ocds.release_package(ocds.tenders_for_export(Tender.objects.all()), uri="urn:t")
    raw = json.dumps(before).encode()
    importer = library.owner
    Tender.objects.all().delete()

    report = ocds.import_package(raw, user=importer)

    assert report.ok and len(report.created) == 3 and not report.skipped
    after = ocds.release_package(ocds.tenders_for_export(Tender.objects.all()), uri="urn:t")
    assert without_publication_date(after) == without_publication_date(before)


def test_importing_again_updates_instead_of_duplicating(library):
    raw = json.dumps(ocds.release_package([library], uri="urn:t")).encode()

    report = ocds.import_package(raw, user=library.owner)

    assert [title for _ocid, title in report.updated] == [library.title]
    assert Tender.objects.filter(title=library.title).count() == 1


def test_a_tender_of_another_member_is_skipped_with_the_reason(library):
    raw = json.dumps(ocds.release_package([library], uri="urn:t")).encode()

    report = ocds.import_package(raw, user=MemberFactory().user)

    assert report.skipped == [(library.ocid, "A tender with this ID exists and is not yours.")]


def test_the_public_sample_package_imports(client):
    member = MemberFactory()

    report = ocds.import_package(SAMPLE.read_bytes(), user=member.user)

    assert report.ok, report.errors
    [(ocid, title)] = report.created
    tender = Tender.objects.get()
    assert ocid == "ocds-213czf-000-00001"
    assert tender.main_cpv_id == "45233130"
    assert tender.buyer_name == "London Borough of Barnet"
    assert str(tender.country) == "GB"
    assert tender.currency == "GBP"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not an OCDS release or record package"),
        (json.dumps({"releases": [{"ocid": 1}]}).encode(), "does not follow the OCDS 1.1 schema"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[" * 5000 + b"]" * 5000, "nests lists and objects far deeper"),
    ],
)
def test_a_malformed_or_invalid_package_gives_a_clear_report_and_changes_nothing(
    library, raw, message
):
    count = Tender.objects.count()

    report = ocds.import_package(raw, user=library.owner)

    assert not report.ok
    assert message in " ".join(report.errors)
    assert Tender.objects.count() == count


def test_a_release_without_a_cpv_code_is_skipped_and_the_rest_imported(library):
    package = ocds.release_package([library], uri="urn:t")
    other = json.loads(json.dumps(package["releases"][0]))
    other["ocid"] = other["tender"]["id"] = "ocds-other-1"
    other["id"] = "ocds-other-1-tender"
    other["tender"]["items"][0]["classification"] = {"scheme": "UNSPSC", "id": "43211503"}
    package["releases"].append(other)

    report = ocds.import_package(json.dumps(package).encode(), user=library.owner)

    assert report.skipped == [
        ("ocds-other-1", "No item has a CPV 2008 classification the library knows.")
    ]
    assert len(report.updated) == 1


@pytest.mark.parametrize(
    "amount", [float("nan"), float("inf"), 10**20], ids=["not a number", "infinite", "too large"]
)
def test_an_amount_no_column_holds_skips_the_release_with_the_reason(library, amount):
    package = ocds.release_package([library], uri="urn:t")
    package["releases"][0]["ocid"] = "ocds-amount-1"
    package["releases"][0]["tender"]["value"]["amount"] = amount

    report = ocds.import_package(json.dumps(package).encode(), user=library.owner)

    assert [reason for _ocid, reason in report.skipped] == [
        f"The value {amount} is not an amount the library can hold."
    ]
    assert not Tender.objects.filter(imported_ocid="ocds-amount-1").exists()


def test_imported_texts_lose_nul_bytes_and_fit_their_columns_and_a_script_is_no_address(
    library,
):
    package = ocds.release_package([library], uri="urn:t")
    release = package["releases"][0]
    release["ocid"] = "ocds-texts-1"
    release["tender"]["title"] = "Laptops\x00 for schools"
    release["tender"]["lots"] = [{"id": "1", "title": "L" * 300}]
    release["tender"]["documents"] = [
        {"id": "1", "documentType": "tenderNotice", "url": "javascript:alert(1)"}
    ]

    ocds.import_package(json.dumps(package).encode(), user=library.owner)

    tender = Tender.objects.get(imported_ocid="ocds-texts-1")
    assert tender.title == "Laptops for schools"
    assert [lot.title for lot in tender.lots.all()] == ["L" * 255]
    assert tender.notice_url == ""


def test_the_import_page_reports_what_happened(client):
    member = MemberFactory()
    client.force_login(member.user)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("community:library:import"),
        {"package": SimpleUploadedFile("p.json", SAMPLE.read_bytes(), "application/json")},
    )

    assert "1 created, 0 updated, 0 skipped." in response.content.decode()


def test_the_commands_export_with_progress_and_import(library, tmp_path):
    target = tmp_path / "library.json"
    out = StringIO()

    call_command("export_ocds", "--output", str(target), stdout=out)

    assert "3/3 tenders" in out.getvalue()
    assert ocds.schema_errors(json.loads(target.read_text())) == []
    Tender.objects.all().delete()
    out = StringIO()
    call_command("import_ocds", str(target), "--member", library.owner.email, stdout=out)
    assert "3 created, 0 updated, 0 skipped" in out.getvalue()
    with pytest.raises(CommandError, match="No account"):
        call_command("import_ocds", str(target), "--member", "nobody@example.org")
