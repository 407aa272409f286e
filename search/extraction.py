"""The text of an uploaded document (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, plain text), for
the search index.

Members and editors upload these files, and a parser can be made to loop, to swallow memory
or to crash by a file built for it: a PDF whose small stream inflates into millions of drawing
commands, a DOCX that unpacks a thousandfold. So the parsing runs in a separate Python process
which limits its own memory and processor time before it opens the file, and which the caller
kills when it runs past its time. The caller only ever gets text or None, and None comes with
one warning line in the log saying which file and why; nothing is raised.

Run as ``python -m search.extraction KIND PATH MAX_CHARS MEMORY_MB CPU_SECONDS``, this module is
that process. It imports no Django, reads no settings and is given no environment, so a file
that broke a parser would find no database, secret or open connection to reach (which is also
why the ``search`` package itself must stay importable without Django).
"""

import logging
import math
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

logger = logging.getLogger(__name__)

# What a file's content may be, and the extensions that may name it. A file named with one of
# these extensions whose content is another kind is lying about itself and is not read.
KINDS = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "pptx": ("pptx",),
    "odt": ("odt",),
    "ods": ("ods",),
    "odp": ("odp",),
    "text": ("txt", "csv"),
}
LABELS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "odt": "an OpenDocument text",
    "ods": "an OpenDocument spreadsheet",
    "odp": "an OpenDocument presentation",
    "text": "plain text",
}
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OFFICE_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
# An archive that would unpack into more than this, or into far more than its own size, is a
# bomb or close enough: it is not opened. The same bounds as the upload checks of the members
# area, so that nothing they let in is refused here.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
# The worker's exit statuses other than success; anything else is a crash.
UNREADABLE, OUT_OF_MEMORY = 2, 3
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Unreadable(Exception):
    """Why a file gives no text, worded to follow "No text read from <file>: "."""


def extract_text(path, *, filename=None):
    """The text of the file at ``path`` (at most ``SEARCH_EXTRACTION_MAX_CHARS`` characters),
    "" for a readable file without text (a scan), or None when it cannot or may not be read.

    ``filename`` is the name the file was uploaded under, which is what the log shows and
    whose extension must agree with the content; the path's own name serves without it.
    """
    from django.conf import settings

    name = filename or os.path.basename(str(path))
    max_chars = settings.SEARCH_EXTRACTION_MAX_CHARS
    try:
        kind = detect(path, name)
        if kind is None:
            logger.info("No text read from %r: not a kind of file whose text is read.", name)
            return None
        if kind == "text":
            text = _read_plain(path, max_chars)
        else:
            text = _run_worker(
                kind,
                path,
                max_chars=max_chars,
                timeout=settings.SEARCH_EXTRACTION_TIMEOUT,
                memory_mb=settings.SEARCH_EXTRACTION_MEMORY_MB,
            )
    except Unreadable as reason:
        logger.warning("No text read from %r: %s.", name, reason)
        return None
    except Exception as error:
        # A bug here, or a file system that failed us, must not fail the upload or the task
        # that called: the document stays without text until the next extraction.
        logger.warning("No text read from %r: %s (%s).", name, type(error).__name__, error)
        return None
    return clean(text, max_chars)


def detect(path, filename=""):
    """The kind of the file at ``path`` by its content (a key of KINDS), or None for a kind
    whose text is not read; Unreadable for a damaged file, a bomb, or a lying extension."""
    with open(path, "rb") as file:
        head = file.read(8192)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = _detect_archive(path)
    elif _looks_like_text(head) and _extension(filename) in KINDS["text"]:
        kind = "text"
    else:
        kind = None
    extension = _extension(filename)
    named = next((key for key, extensions in KINDS.items() if extension in extensions), None)
    if named is not None and kind != named:
        found = f"is {LABELS[kind]}" if kind else f"is not {LABELS[named]}"
        raise Unreadable(f"it is named .{extension} but its content {found}")
    return kind


def _extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _looks_like_text(head):
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def _detect_archive(path):
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            packed = max(os.path.getsize(path), 1)
            if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
                raise Unreadable("it would unpack into more than its reader may hold")
            if unpacked > MAX_RATIO * packed:
                raise Unreadable(
                    f"it would unpack into {unpacked // packed} times its size, as a "
                    "decompression bomb does"
                )
            names = {member.filename for member in members}
            if "mimetype" in names:
                return OPENDOCUMENT.get(archive.read("mimetype")[:100].strip())
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
            return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise Unreadable(f"it is a damaged archive ({error})") from error


def _read_plain(path, max_chars):
    # UTF-8 at most four bytes a character: enough bytes for max_chars, and no more.
    with open(path, "rb") as file:
        data = file.read(max_chars * 4)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheets export CSV in the Windows code page as often as in UTF-8.
        return data.decode("cp1252", errors="replace")


def _run_worker(kind, path, *, max_chars, timeout, memory_mb):
    cpu_seconds = max(1, math.ceil(timeout))
    command = [
        sys.executable,
        "-m",
        "search.extraction",
        kind,
        os.path.abspath(path),
        str(max_chars),
        str(memory_mb),
        str(cpu_seconds),
    ]
    try:
        finished = subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise Unreadable(f"reading it took longer than {timeout:g} s, so it was stopped") from error
    if finished.returncode == 0:
        return finished.stdout.decode("utf-8", errors="replace")
    if finished.returncode == OUT_OF_MEMORY:
        raise Unreadable(f"reading it needed more than {memory_mb} MB of memory")
    if finished.returncode == UNREADABLE:
        lines = finished.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise Unreadable(lines[-1] if lines else "it could not be read")
    if finished.returncode == -signal.SIGXCPU:
        raise Unreadable(f"reading it took more than {cpu_seconds} s of processor time")
    raise Unreadable(f"its reader stopped unexpectedly (exit status {finished.returncode})")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
SPACES = re.compile(r"[ \t\xa0]+")


def clean(text, max_chars):
    """Text fit to store and show: no control characters (PostgreSQL refuses NUL, and the
    others would reach snippets), no runs of spaces or blank lines, at most max_chars."""
    text = CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", text).strip()[:max_chars]


# The worker process


class Collected(Exception):
    """Raised by Text.add once enough text is in hand: reading further is wasted work."""


class Text:
    def __init__(self, max_chars):
        self.parts = []
        self.length = 0
        self.max_chars = max_chars

    def add(self, text):
        text = (text or "").strip()
        if not text:
            return
        self.parts.append(text)
        self.length += len(text) + 1
        if self.length >= self.max_chars:
            raise Collected

    def __str__(self):
        return "\n".join(self.parts)[: self.max_chars]


def read_pdf(path, text):
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("it is encrypted with a password")
    for page in reader.pages:
        text.add(page.extract_text())


def read_docx(path, text):
    import docx
    from docx.table import Table

    document = docx.Document(path)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                text.add(_row(cell.text for cell in _distinct_cells(row)))
        else:
            text.add(block.text)


def _distinct_cells(row):
    # A merged cell is returned once for each grid column it spans.
    seen = set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def read_xlsx(path, text):
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            text.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                text.add(_row(value for value in row if value is not None))
    finally:
        workbook.close()


def read_pptx(path, text):
    # No library for it here: a slide's text is in its <a:t> runs, grouped into <a:p>
    # paragraphs. ElementTree's parser never fetches external entities.
    from xml.etree import ElementTree

    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    slide_name = re.compile(r"ppt/slides/slide(\d+)\.xml")
    with zipfile.ZipFile(path) as archive:
        slides = sorted(
            (int(match[1]), name)
            for name in archive.namelist()
            if (match := slide_name.fullmatch(name))
        )
        for _number, name in slides:
            with archive.open(name) as slide:
                for _event, element in ElementTree.iterparse(slide):
                    if element.tag == f"{drawing}p":
                        text.add("".join(run.text or "" for run in element.iter(f"{drawing}t")))
                        element.clear()


def read_opendocument(path, text):
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    paragraph = {(TEXTNS, "p"), (TEXTNS, "h")}
    row, cells = (TABLENS, "table-row"), {(TABLENS, "table-cell"), (TABLENS, "covered-table-cell")}
    # A loop, not recursion: a document nested a few thousand levels deep must not end in a
    # RecursionError before its text is reached.
    waiting = [load(path).body]
    while waiting:
        node = waiting.pop()
        qname = getattr(node, "qname", None)
        if qname in paragraph:
            text.add(teletype.extractText(node))
        elif qname == row:
            # A row's cells on one line; a repeated row or cell (how a sheet says "the next
            # thousand rows are empty") is read once.
            text.add(
                _row(
                    " ".join(teletype.extractText(p) for p in _paragraphs(cell, paragraph))
                    for cell in node.childNodes
                    if getattr(cell, "qname", None) in cells
                )
            )
        else:
            waiting.extend(reversed(node.childNodes))


def _paragraphs(node, paragraph):
    waiting = list(reversed(node.childNodes))
    while waiting:
        child = waiting.pop()
        if getattr(child, "qname", None) in paragraph:
            yield child
        else:
            waiting.extend(reversed(child.childNodes))


def _row(values):
    return " | ".join(value for value in map(str, values) if value.strip())


READERS = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "pptx": read_pptx,
    "odt": read_opendocument,
    "ods": read_opendocument,
    "odp": read_opendocument,
}


def limit_self(memory_mb, cpu_seconds):
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    # No file is written, and a crash leaves no core file holding the document.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv):
    kind, path, max_chars, memory_mb, cpu_seconds = argv
    limit_self(int(memory_mb), int(cpu_seconds))
    text = Text(int(max_chars))
    try:
        READERS[kind](path, text)
    except Collected:
        pass
    except MemoryError:
        return OUT_OF_MEMORY
    except Unreadable as reason:
        print(reason, file=sys.stderr)
        return UNREADABLE
    except Exception as error:
        # The parsers raise a dozen kinds of error for damaged files; the name is enough to
        # tell a damaged file from a bug, and the file stays out of the log.
        print(f"it is damaged or not {LABELS[kind]} ({type(error).__name__})", file=sys.stderr)
        return UNREADABLE
    sys.stdout.buffer.write(str(text).encode("utf-8", errors="replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
