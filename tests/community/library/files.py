"""Small real files of each type a tender document may be, and some that must be refused.

The DOCX and ODT files are complete enough for office software to open: the demo content
uses them as members' documents.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from fpdf import FPDF

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf(text="Technical specification", *paragraphs):
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", style="B", size=16)
    document.multi_cell(0, 10, text=_latin(text), new_x="LMARGIN", new_y="NEXT")
    document.set_font("helvetica", size=11)
    for paragraph in paragraphs:
        document.multi_cell(0, 6, text=_latin(paragraph), new_x="LMARGIN", new_y="NEXT")
        document.ln(3)
    return bytes(document.output())


def _latin(text):
    # The PDF core fonts know Latin-1 only; typographic dashes and quotes become plain ones.
    plain = text.translate(
        str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})
    )
    return plain.encode("latin-1", "replace").decode("latin-1")


def _zip(parts, *, stored_first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            name, content = stored_first
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(text="Award criteria", *paragraphs):
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>"
        for line in (text, *paragraphs)
    )
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
                '/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                "</Relationships>"
            ),
            "word/document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
                f"<w:body>{body}</w:body></w:document>"
            ),
        }
    )


def xlsx():
    return _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})


def _opendocument(mimetype, body):
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{mimetype}"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    return _zip(
        {"META-INF/manifest.xml": manifest, "content.xml": content},
        stored_first=("mimetype", mimetype),
    )


def odt(text="Contract clauses", *paragraphs):
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in (text, *paragraphs))
    return _opendocument(
        "application/vnd.oasis.opendocument.text", f"<office:text>{lines}</office:text>"
    )


def ods():
    return _opendocument(
        "application/vnd.oasis.opendocument.spreadsheet",
        "<office:spreadsheet><table:table table:name='Scores'/></office:spreadsheet>",
    )


def zip_bomb():
    """A .docx-shaped archive whose one part unpacks to 50 MB of zeros: a thousand times its
    size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(50):
                part.write(chunk)
    return buffer.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf at all"
