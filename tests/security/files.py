"""Files to upload: a plain one for each kind of file input, and the hostile corpus.

Names are sent as typed (see ``probe.multipart``): path parts, NUL bytes and direction
overrides reach the server as an attacker would send them.
"""

import copy
import io
import json
import struct
import zlib
from functools import cache

from PIL import Image

from tests.community.library.files import BROKEN_PDF, HTML_PAGE, docx, pdf, zip_bomb

PDF = "application/pdf"
KEPT = "Kept text 5521"


def png(width, height):
    """A PNG header claiming ``width`` × ``height`` pixels, with one tiny compressed row: what
    a decompression bomb looks like to whoever opens it."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@cache
def portrait():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@cache
def bomb():
    return zip_bomb()


@cache
def pdf_bomb():
    """A PDF that passes every check at upload (its pages can be counted) and whose one page
    inflates to 100 MB of drawing commands when a text reader opens it."""
    from pypdf import PdfWriter
    from pypdf.generic import EncodedStreamObject, NameObject

    packer = zlib.compressobj(9)
    commands = b"BT (x) Tj ET " * 8192
    stream = EncodedStreamObject()
    stream._data = b"".join(packer.compress(commands) for _ in range(1000)) + packer.flush()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain_file(field, package=None):
    """``(name, filename, content, type)`` a person would choose for this file input."""
    if "image" in field.accept:
        return field.name, "portrait.png", portrait(), "image/png"
    if "json" in field.accept or field.name == "package":
        return field.name, "package.json", json.dumps(package or {}).encode(), "application/json"
    return field.name, "specification.pdf", pdf("Specification"), PDF


def hostile_files():
    """``(label, filename, content, type)``: what may be stored only under a safe name, and
    what must be refused with a message."""
    return [
        ("path traversal", "../../../../etc/passwd.pdf", pdf("Traversal"), PDF),
        ("Windows path traversal", "..\\..\\..\\windows\\x.pdf", pdf("Backslashes"), PDF),
        ("NUL byte in the name", "report.pdf\x00.html", pdf("NUL"), PDF),
        ("very long name", "n" * 400 + ".pdf", pdf("Long name"), PDF),
        ("right-to-left override", "invoice\u202efdp.exe", pdf("RTL"), PDF),
        ("markup in the name", "\"><img src=x onerror=alert('xss')>.pdf", pdf("Markup"), PDF),
        ("a program named .pdf", "setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, PDF),
        ("a web page named .pdf", "tender.pdf", HTML_PAGE, PDF),
        ("a PDF named .docx", "criteria.docx", pdf("Really a PDF"), PDF),
        ("a malformed PDF", "broken.pdf", BROKEN_PDF, PDF),
        ("a decompression-bomb DOCX", "bomb.docx", bomb(), "application/octet-stream"),
        ("an empty file", "empty.pdf", b"", PDF),
        ("a pixel bomb PNG", "huge.png", png(60_000, 60_000), "image/png"),
        ("an SVG with a script", "face.png", b"<svg onload=alert('xss')></svg>", "image/png"),
        ("a real DOCX", "award-criteria.docx", docx("Award criteria"), PDF),
        ("an image climbing out", "../../../../x.png", portrait(), "image/png"),
    ]


def ocds_package(tender, *, ocid="ocds-attack-1"):
    """The member's tender as an OCDS release package, under an ID not yet in the library."""
    from community.library import ocds

    tenders = ocds.tenders_for_export(type(tender).objects.filter(pk=tender.pk))
    package = ocds.release_package(tenders, uri="urn:x")
    package["releases"][0]["ocid"] = ocid
    return package


def hostile_packages(tender):
    """OCDS packages built from one of the member's tenders: payloads in every text, a NUL
    byte, overlong texts, amounts no column holds, a script for an address."""
    base = ocds_package(tender)

    def variant(label, change):
        package = copy.deepcopy(base)
        change(package["releases"][0]["tender"])
        return label, "package.json", json.dumps(package).encode(), "application/json"

    def title(value):
        return lambda t: t.update(title=value, description=value)

    def lots(value):
        return lambda t: t.update(lots=[{"id": "1", "title": value}])

    def amount(value):
        return lambda t: t.update(value={"amount": value, "currency": "EUR"})

    def notice(url):
        return lambda t: t.update(
            documents=[{"id": "1", "documentType": "tenderNotice", "url": url}]
        )

    return [
        variant("payloads in the texts", title("<script>alert('xss')</script>")),
        variant("a NUL byte in the title", title("Laptops\x00")),
        variant("an overlong title", title("T" * 10_000)),
        variant("an overlong lot title", lots("L" * 10_000)),
        variant("an amount too large for the column", amount(10**20)),
        variant("an amount that is not a number", amount(float("nan"))),
        variant("an infinite amount", amount(float("inf"))),
        variant("a script address for the notice", notice("javascript:alert('xss')")),
        ("a thousand nested lists", "deep.json", b"[" * 1000 + b"]" * 1000, "application/json"),
        ("not JSON at all", "package.json", b"{not json", "application/json"),
    ]
