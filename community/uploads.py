"""Checking a members' file before it is stored (a tender document, a post's attachment): its
type by its content, its size, its name, and that an archive cannot unpack into something
huge.

Office documents are zip archives; the name of the format is inside them (``mimetype`` for
OpenDocument, ``[Content_Types].xml`` for Office Open XML), so the content, not the extension,
decides. A file whose content and name disagree is refused: an HTML page renamed
``tender.pdf`` must not reach another member's browser as a PDF.
"""

import hashlib
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ALLOWED = {
    "pdf": "PDF",
    "docx": "Word document (DOCX)",
    "xlsx": "Excel workbook (XLSX)",
    "odt": "OpenDocument text (ODT)",
    "ods": "OpenDocument spreadsheet (ODS)",
}
ALLOWED_TEXT = "PDF, DOCX, XLSX, ODT or ODS"
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
# An archive that unpacks to more than this, or much more than its own size, is refused.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
MAX_NAME = 120


@dataclass(frozen=True)
class CheckedFile:
    name: str
    file_type: str
    size: int
    sha256: str


def check_upload(upload):
    """The upload's safe name, type, size and hash, or a ValidationError saying why not."""
    limit = settings.TENDER_DOCUMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    name = safe_filename(upload.name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            f"Files of this type ({extension or 'no extension'}) cannot be shared: upload a "
            f"{ALLOWED_TEXT} file."
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    detected = _detect(upload, head)
    if detected is None:
        raise ValidationError(
            f"The file is named .{extension} but its content is not a {ALLOWED[extension]}. "
            "It may be damaged, or another kind of file renamed."
        )
    if detected != extension:
        raise ValidationError(
            f"The file is named .{extension} but it is a {ALLOWED[detected]}. Rename it to "
            f".{detected} if that is right."
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, file_type=detected, size=upload.size, sha256=digest.hexdigest())


def _detect(upload, head):
    if head.startswith(b"%PDF-"):
        return "pdf" if _readable_pdf(upload) else None
    if head.startswith(b"PK\x03\x04"):
        return _detect_archive(upload)
    return None


def _readable_pdf(upload):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(upload, strict=False)
        _ = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return False
    finally:
        upload.seek(0)
    return True


def _detect_archive(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            _refuse_bombs(members, upload.size)
            names = {member.filename for member in members}
            if "mimetype" in names:
                return OPENDOCUMENT.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for part, file_type in OFFICE_PARTS.items():
                    if part in names:
                        return file_type
            return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        return None
    finally:
        upload.seek(0)


def _refuse_bombs(members, packed_size):
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED
        or unpacked > MAX_RATIO * max(packed_size, 1)
    ):
        raise ValidationError(
            "The file unpacks to far more than its size, as a compressed bomb does. It was not "
            "stored. Save it again from your office software and upload that copy."
        )


def safe_filename(name):
    """A name that is safe in a path and in a download header, keeping what it can of the
    original: letters, digits, spaces turned to hyphens, one extension."""
    name = os.path.basename(str(name).replace("\\", "/").replace("\x00", ""))
    name = unicodedata.normalize("NFKC", name)
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = re.sub(r"[^\w\-. ]+", "", stem, flags=re.UNICODE).strip(" .-")
    stem = re.sub(r"[\s.]+", "-", stem)[:MAX_NAME] or "document"
    extension = re.sub(r"[^A-Za-z0-9]", "", extension).lower()[:8]
    return f"{stem}.{extension}" if extension else stem
