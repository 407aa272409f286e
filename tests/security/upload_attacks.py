"""Every file input a member can reach, found by walking the URLconf, given the hostile file
corpus (tests/security/files.py): names with path parts, NUL bytes and direction overrides;
content that is not what the name says; a decompression bomb; a malformed PDF; packages
with values no column holds; files over the size limit.

Each is refused with a message next to the field, what was typed still in the form, or
stored under a safe name with its bytes intact; never a server error; nothing is written
outside the storage folders. A PDF built to pass the upload checks and then swamp the text
reader is kept, and its reading gives up within its time limit.
"""

import io
import os
import re
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from community.library.models import DocumentVersion, Tender
from tests.community.library.files import pdf
from tests.security.crawl import distinct_forms
from tests.security.files import (
    KEPT,
    PDF,
    hostile_files,
    hostile_packages,
    pdf_bomb,
    plain_file,
)
from tests.security.html_forms import parse_forms

# What a stored file's name may hold: no path, no control or direction characters, no markup.
SAFE_NAME = re.compile(r"^[\w\-. ]{1,160}$")
TEXT_KINDS = {"text", "textarea", "search"}
SAYS_WHAT_HAPPENED = ('role="alert"', 'role="status"')
# Where the corpus's path names would land if joined to a folder without care.
ESCAPES = [
    Path(folder, *parts)
    for folder in (tempfile.gettempdir(), "/")
    for parts in (("etc", "passwd.pdf"), ("windows", "x.pdf"), ("x.png",))
]


def files_under(folder):
    found = set()
    for root, _dirs, names in os.walk(folder):
        found.update(Path(root, name) for name in names)
    return found


def storage_roots():
    return [Path(settings.MEDIA_ROOT).resolve(), Path(settings.PRIVATE_FILES_ROOT).resolve()]


class UploadAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def start_uploading(self):
        self.uploader = self.probe(self.world.people.member.user)
        self.upload_forms = [f for f in distinct_forms(self.visits["member"]) if f.file_fields]
        # The test run's files folder holds both storage roots; a name that climbed out of
        # it would land in the system's temporary folder, or at its root.
        self.watched = Path(os.path.commonpath(storage_roots()))

    def upload(self, form, field, hostile, *, then=None):
        """Send ``hostile`` in ``field``, typed text and plain files elsewhere; check what
        came back and what was written (and what ``then`` finds); undo the rest."""
        label, filename, content, content_type = hostile
        where = f"{form.action} ({field.name}): {label}"
        pairs = [(name, KEPT if self.kept(form, name) else value) for name, value in form.values()]
        files = [
            (field.name, filename, content, content_type),
            *(plain_file(f, self.package) for f in form.file_fields if f is not field),
        ]
        before = files_under(self.watched)
        self.uploader.log_in()
        with transaction.atomic():
            response = self.uploader.post(form.action, pairs, files, label=where)
            if then is not None:
                then(where)
            transaction.set_rollback(True)
        written = files_under(self.watched) - before
        self.check_written(where, written, content)
        for escaped in ESCAPES:
            if escaped.exists():
                self.uploader.note(where, f"wrote {escaped}")
        if response.status_code == 200:
            self.check_refusal(where, form, field, response.content.decode())
        elif response.status_code not in (301, 302, 303) and response.status_code < 500:
            self.uploader.note(where, f"answered {response.status_code}")
        return response

    def show_imported(self, where):
        """An imported tender is shown like any other: its page must be as inert, and it
        must read back (an amount SQLite stored but cannot read would break every page)."""
        try:
            imported = list(Tender.objects.filter(imported_ocid__startswith="ocds-attack"))
        except Exception as error:
            self.uploader.note(where, f"the imported tender cannot be read back: {error!r}")
            return
        for tender in imported:
            url = reverse("community:library:tender", args=[tender.pk])
            self.uploader.get(url, label=f"{where}, then GET {url}")

    @staticmethod
    def kept(form, name):
        kinds = {f.kind for f in form.fields if f.name == name}
        return bool(kinds & TEXT_KINDS) and name != "main_cpv"

    def check_written(self, where, written, content):
        roots = storage_roots()
        for path in written:
            resolved = path.resolve()
            if not any(resolved.is_relative_to(root) for root in roots):
                self.uploader.note(where, f"wrote {path} outside the storage folders")
            elif not SAFE_NAME.match(path.name):
                self.uploader.note(where, f"stored under an unsafe name {path.name!r}")
            elif path.suffix != ".json" and path.read_bytes() != content:
                self.uploader.note(where, f"stored {path.name} with other bytes than were sent")

    def check_refusal(self, where, form, field, html):
        if f'id="id_{field.name}_error"' not in html and not any(
            said in html for said in SAYS_WHAT_HAPPENED
        ):
            self.uploader.note(where, "refused without a message saying why")
        again = [f for f in parse_forms(html, form.page) if f.key == form.key]
        if not again:
            self.uploader.note(where, "the form is gone from the answer")
            return
        values = dict(again[0].values())
        lost = [name for name, _v in form.values() if self.kept(form, name)]
        lost = [name for name in lost if values.get(name) != KEPT]
        if lost:
            self.uploader.note(where, f"what was typed in {lost} is lost")

    def test_every_file_input_refuses_or_safely_stores_every_hostile_file(self):
        self.start_uploading()
        self.assertGreaterEqual(len(self.upload_forms), 5, [f.action for f in self.upload_forms])
        tried = 0
        for form in self.upload_forms:
            for field in form.file_fields:
                corpus, then = hostile_files(), None
                if field.name == "package":
                    corpus = hostile_packages(self.world.objects.a.tender)
                    then = self.show_imported
                for hostile in corpus:
                    self.upload(form, field, hostile, then=then)
                    tried += 1

        self.assertGreater(tried, 60)
        self.uploader.assert_no_problems(self)

    @override_settings(TENDER_DOCUMENT_MAX_UPLOAD_SIZE=2000, MEMBER_PHOTO_MAX_UPLOAD_SIZE=2000)
    def test_a_file_over_the_limit_is_refused_with_the_limit_named(self):
        self.start_uploading()
        big_pdf = pdf("Over the limit", *["A long paragraph of the specification." * 40] * 20)
        big_png = io.BytesIO()
        Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(big_png, "PNG")
        refused = 0
        for form in self.upload_forms:
            for field in form.file_fields:
                if field.name == "package":
                    continue
                if "image" in field.accept:
                    big = ("over the limit", "portrait.png", big_png.getvalue(), "image/png")
                else:
                    big = ("over the limit", "big.pdf", big_pdf, PDF)
                self.assertGreater(len(big[2]), 2000)
                response = self.upload(form, field, big)
                if response.status_code == 200 and "the limit is 2.0" in response.content.decode():
                    refused += 1
                else:
                    self.uploader.note(form.action, "a file over the limit was not refused as such")

        self.assertGreaterEqual(refused, 4)
        self.uploader.assert_no_problems(self)

    @override_settings(SEARCH_EXTRACTION_TIMEOUT=3)
    def test_a_file_built_to_hurt_the_text_reader_is_kept_and_its_reading_gives_up_in_time(self):
        self.start_uploading()
        form = next(f for f in self.upload_forms if f.path.endswith("/documents/add/"))
        field = form.file_fields[0]
        files = [(field.name, "bomb.pdf", pdf_bomb(), PDF)]
        self.uploader.log_in()
        started = time.monotonic()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.uploader.post(form.action, form.values(), files)
        elapsed = time.monotonic() - started

        self.assertEqual(response.status_code, 302)
        version = DocumentVersion.objects.get(filename="bomb.pdf")
        self.assertTrue(version.text_is_current, "the text reader never finished")
        self.assertLessEqual(len(version.extracted_text), settings.SEARCH_EXTRACTION_MAX_CHARS)
        self.assertLess(elapsed, settings.SEARCH_EXTRACTION_TIMEOUT + 10)
        self.uploader.assert_no_problems(self)
