"""The text of uploaded files, for search: read from each kind of file, given up on for hostile
or lying ones without failing anything, and kept current on the models after each upload.

Each reading starts a Python process (a few tenths of a second), so each case here is one
file.
"""

import io
import time
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from odf.opendocument import OpenDocumentPresentation, OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from community.discussions.models import Attachment
from community.library.models import DocumentVersion
from home.models import SiteDocument
from search.extraction import extract_text
from tests.community.library import files
from tests.factories import MemberFactory, SiteDocumentFactory, TenderDocumentFactory, TenderFactory

# Files made here, with the words each must give


def docx_with_table():
    document = Document()
    document.add_paragraph("Social criteria for laptops")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Criterion"
    table.cell(0, 1).text = "Weight"
    table.cell(1, 0).text = "Freedom of association audit"
    table.cell(1, 1).text = "15%"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_with_cells():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Price sheet"
    sheet.append(["Item", "Unit price"])
    sheet.append(["Refurbished tablet", 189.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_with_cells():
    document = OpenDocumentSpreadsheet()
    table = Table(name="Evaluation")
    for values in (["Bidder", "Score"], ["Fairphone", "92"]):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def odp_with_text():
    from odf.draw import Frame, Page, TextBox
    from odf.style import MasterPage, PageLayout

    document = OpenDocumentPresentation()
    layout = PageLayout(name="Layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Default", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    page = Page(masterpagename=master)
    frame = Frame(width="20cm", height="5cm", x="1cm", y="1cm")
    box = TextBox()
    box.addElement(P(text="Market engagement with smelters"))
    frame.addElement(box)
    page.addElement(frame)
    document.presentation.addElement(page)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def pptx_with_text():
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    slide = (
        '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{drawing}"><p:cSld><p:spTree><p:sp><p:txBody>'
        "<a:p><a:r><a:t>Due diligence </a:t></a:r><a:r><a:t>in cobalt</a:t></a:r></a:p>"
        "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
        archive.writestr("ppt/slides/slide1.xml", slide)
    return buffer.getvalue()


def slow_pdf(pages=20, operations=100_000):
    """A PDF of a few kilobytes that takes a reader about as many seconds as it has pages: each
    page draws the same compressed stream of a hundred thousand text operations."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = StreamObject()
    stream.set_data(b"BT /F1 12 Tf " + b"() Tj 0 -1 Td " * operations + b"ET")
    contents = writer._add_object(stream.flate_encode())
    for _ in range(pages):
        page = writer.add_blank_page(200, 200)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = contents
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return extract_text(path, filename=name)


# Reading each kind


@pytest.mark.parametrize(
    "name, content, words",
    [
        (
            "specification.pdf",
            files.pdf("Technical specification", "Conflict-free tantalum in every laptop"),
            ["Technical specification", "Conflict-free tantalum in every laptop"],
        ),
        (
            "criteria.docx",
            docx_with_table(),
            ["Social criteria for laptops", "Criterion", "Freedom of association audit"],
        ),
        (
            "clauses.odt",
            files.odt("Contract clauses", "The supplier discloses its final assembly sites"),
            ["Contract clauses", "The supplier discloses its final assembly sites"],
        ),
        ("prices.xlsx", xlsx_with_cells(), ["Price sheet", "Refurbished tablet", "189.5"]),
        ("evaluation.ods", ods_with_cells(), ["Bidder", "Fairphone", "92"]),
        ("slides.pptx", pptx_with_text(), ["Due diligence in cobalt"]),
        ("slides.odp", odp_with_text(), ["Market engagement with smelters"]),
        ("suppliers.csv", b"Supplier;Country\nWistron;Mexico\n", ["Wistron;Mexico"]),
    ],
    ids=["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv"],
)
def test_the_text_of_each_kind_of_file_is_read(tmp_path, name, content, words):
    text = read(tmp_path, name, content)

    for word in words:
        assert word in text


def test_a_file_without_text_gives_empty_text_not_a_failure(tmp_path, caplog):
    text = read(tmp_path, "scan.pdf", files.pdf(""))

    assert text == ""
    assert not caplog.records


def test_long_text_is_cut_at_the_limit(tmp_path, settings):
    settings.SEARCH_EXTRACTION_MAX_CHARS = 40

    text = read(tmp_path, "long.docx", files.docx("Award criteria", "word " * 1000))

    assert text.startswith("Award criteria")
    assert len(text) <= 40


# Giving up


def assert_given_up(text, caplog, name, reason):
    assert text is None
    [record] = [record for record in caplog.records if record.name == "search.extraction"]
    assert record.levelname == "WARNING"
    assert name in record.getMessage()
    assert reason in record.getMessage()


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("specification.pdf", files.BROKEN_PDF, "damaged or not a PDF"),
        ("criteria.docx", files.zip_bomb(), "as a decompression bomb does"),
        ("specification.pdf", files.HTML_PAGE, "named .pdf but its content is not a PDF"),
        ("criteria.docx", files.pdf(), "named .docx but its content is a PDF"),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", "content is not plain text"),
        ("criteria.docx", b"PK\x03\x04 not really a zip", "damaged archive"),
    ],
    ids=["malformed-pdf", "docx-bomb", "html-as-pdf", "pdf-as-docx", "binary-as-txt", "broken-zip"],
)
def test_a_hostile_or_lying_file_gives_no_text_and_one_warning(
    tmp_path, caplog, name, content, reason
):
    text = read(tmp_path, name, content)

    assert_given_up(text, caplog, name, reason)


def test_a_file_that_keeps_its_reader_busy_is_stopped_at_the_time_limit(tmp_path, settings, caplog):
    settings.SEARCH_EXTRACTION_TIMEOUT = 1
    started = time.monotonic()

    text = read(tmp_path, "specification.pdf", slow_pdf())

    # Read to the end, the file takes some forty seconds.
    assert time.monotonic() - started < 5
    assert_given_up(text, caplog, "specification.pdf", "took longer than 1 s, so it was stopped")


def test_a_reader_that_needs_more_memory_than_allowed_is_stopped(tmp_path, settings, caplog):
    # Less than the PDF library itself needs to load.
    settings.SEARCH_EXTRACTION_MEMORY_MB = 40

    text = read(tmp_path, "specification.pdf", files.pdf())

    assert_given_up(text, caplog, "specification.pdf", "more than 40 MB of memory")


def test_a_missing_file_gives_no_text_and_a_warning(tmp_path, caplog):
    text = extract_text(tmp_path / "gone.pdf")

    assert_given_up(text, caplog, "gone.pdf", "FileNotFoundError")


# Kept on the models after each upload


@pytest.mark.django_db
def test_a_tender_documents_text_is_read_after_its_upload(
    client, django_capture_on_commit_callbacks
):
    tender = TenderFactory()
    client.force_login(tender.owner)
    content = files.docx("Award criteria", "Points for a take-back scheme")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:library:add_document", args=[tender.pk]),
            {
                "kind": "award_criteria",
                "title": "Award criteria",
                "file": SimpleUploadedFile("criteria.docx", content),
            },
        )

    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert "Points for a take-back scheme" in version.extracted_text
    assert version.text_is_current


@pytest.mark.django_db
def test_a_new_version_gets_its_own_text(client, django_capture_on_commit_callbacks):
    document = TenderDocumentFactory(versions=[files.pdf("Draft specification")])
    client.force_login(document.tender.owner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:library:replace_document", args=[document.pk]),
            {"file": SimpleUploadedFile("final.odt", files.odt("Final specification"))},
        )

    assert "Final specification" in document.current.extracted_text


@pytest.mark.django_db
def test_an_attachments_text_is_read_after_the_post(client, django_capture_on_commit_callbacks):
    from community.library.threads import start_tender_thread

    tender = TenderFactory()
    thread = start_tender_thread(tender, tender.owner)
    client.force_login(MemberFactory().user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:discussions:reply", args=[thread.pk]),
            {
                "body": "Our evaluation notes.",
                "action": "post",
                "attachment": SimpleUploadedFile("notes.pdf", files.pdf("Repairability score")),
            },
        )

    assert "Repairability score" in Attachment.objects.get().extracted_text


@pytest.mark.django_db
def test_a_wagtail_documents_text_is_read_after_its_upload(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    content = files.pdf("Guidance", "Electronics Watch monitoring")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": "Guidance", "file": SimpleUploadedFile("guidance.pdf", content)},
        )

    assert response.status_code == 302
    assert "Electronics Watch monitoring" in SiteDocument.objects.get().extracted_text


@pytest.mark.django_db
def test_a_document_whose_text_cannot_be_read_is_still_uploaded(
    client, superuser, caplog, django_capture_on_commit_callbacks
):
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": "Guidance", "file": SimpleUploadedFile("guidance.pdf", files.BROKEN_PDF)},
        )

    assert response.status_code == 302
    document = SiteDocument.objects.get()
    assert document.extracted_text == ""
    assert document.text_is_current  # Tried once; not again at every save.
    assert "No text read from 'guidance" in caplog.text


@pytest.mark.django_db
def test_replacing_a_documents_file_replaces_its_text(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        document = SiteDocumentFactory(
            title="Guidance", file=ContentFile(files.pdf("First edition"), name="guidance.pdf")
        )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": "Guidance",
                "file": SimpleUploadedFile("guidance.pdf", files.pdf("Second edition")),
            },
        )

    document.refresh_from_db()
    assert "Second edition" in document.extracted_text
    assert "First edition" not in document.extracted_text


@pytest.mark.django_db
def test_the_command_reads_only_missing_text_with_missing_and_is_safe_to_run_twice():
    # Saved inside the test's transaction, so no task read them after a commit.
    never_read = SiteDocumentFactory(
        file=ContentFile(files.pdf("Never read before"), name="never.pdf")
    )
    already_read = SiteDocumentFactory(
        file=ContentFile(files.pdf("Read at upload"), name="read.pdf")
    )
    SiteDocument.objects.filter(pk=already_read.pk).update(
        extracted_text="Kept as it was", text_extracted_from=already_read.file.name
    )
    out = StringIO()

    call_command("extract_document_text", "--missing", stdout=out)
    call_command("extract_document_text", "--missing", stdout=out)

    never_read.refresh_from_db()
    already_read.refresh_from_db()
    assert "Never read before" in never_read.extracted_text
    assert already_read.extracted_text == "Kept as it was"
    assert "1/1 documents" in out.getvalue()
    assert "Documents: nothing to read." in out.getvalue()

    call_command("extract_document_text", stdout=StringIO())

    already_read.refresh_from_db()
    assert "Read at upload" in already_read.extracted_text
