"""``backup_site`` and ``restore_site``: a site backed up and restored into an empty installation
comes back row for row and byte for byte; an archive that is damaged, altered, crafted or from
another version of the site is refused before anything changes.

The round trip builds a site inside a savepoint, backs it up and rolls the savepoint back: what
remains is the database as ``migrate`` left it, an empty installation, into which the archive
is restored. Files go to folders of the test's own, emptied in between.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Revision

from community.discussions import posting
from community.discussions.models import Attachment, Post, Thread
from community.library.models import Clause, DocumentVersion, Tender
from community.uploads import check_upload
from home import backup
from home.models import HomePage, SiteDocument, SiteImage
from resources.models import NewsPage
from tests.community.library import files
from tests.factories import (
    EditorFactory,
    MemberFactory,
    NewsPageFactory,
    ResourcePageFactory,
    SiteDocumentFactory,
    SiteImageFactory,
    StandardPageFactory,
    TenderDocumentFactory,
    TenderFactory,
    ThreadFactory,
    TopicFactory,
    build_site_tree,
    publish_changes,
)


def put_sequences_back():
    """On PostgreSQL, id sequences ignore rollbacks: a restore that set them for its rows (or
    for tables it had just emptied) would leave them below rows that are still there, and the
    next test to insert one would collide. Set from what the database holds now, they can only
    be at or above every committed id."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def sequences_put_back(request):
    yield
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        put_sequences_back()


class OwnFileFolders:
    """Public media and private files in empty folders of the class's own.

    Public media follows ``MEDIA_ROOT``. The private storage was built with its folder when the
    models were imported, and every private file field holds that same object, so its folder
    is pointed here for the class.
    """

    @classmethod
    def setUpClass(cls):
        # Class cleanups run after tearDownClass has rolled the class's data back.
        cls.addClassCleanup(put_sequences_back)
        cls.files_root = Path(tempfile.mkdtemp(prefix="srpp-backup-test-"))
        cls.addClassCleanup(shutil.rmtree, cls.files_root, ignore_errors=True)
        private = storages["private"]
        assert DocumentVersion._meta.get_field("file").storage is private
        cls.enterClassContext(mock.patch.object(private, "_location", cls.files_root / "private"))
        # Changing MEDIA_ROOT makes every file system storage forget its folder, the private
        # one included, so each looks it up again: under the test's folder, then back.
        cls.enterClassContext(
            override_settings(
                MEDIA_ROOT=cls.files_root / "media",
                PRIVATE_FILES_ROOT=cls.files_root / "private",
                ELASTICSEARCH_URL=None,
            )
        )
        super().setUpClass()

    @classmethod
    def empty_file_folders(cls):
        for folder in ("media", "private"):
            shutil.rmtree(cls.files_root / folder, ignore_errors=True)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out)
    return out.getvalue()


def table_contents():
    """Every row of every table a backup holds, as stored."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values_list())
        for model in backup.copied_models()
    }


def file_contents():
    contents = {}
    for area, alias in backup.FILE_AREAS.items():
        for name in backup.stored_files(storages[alias]):
            with storages[alias].open(name) as stored:
                contents[f"{area}/{name}"] = stored.read()
    return contents


def build_site():
    """A site with something in every part: pages with revisions, a draft and a private page,
    media, a member with an organisation, a staff member with a second factor, a tender with a
    document in two versions and a clause, a thread with replies and an attachment."""
    tree = build_site_tree()
    topic = TopicFactory(name="Labour rights")
    news = NewsPageFactory(parent=tree.news_index, title="First draft title", tags=["audits"])
    publish_changes(news, title="Factories disclosed for the laptop framework")
    NewsPageFactory(parent=tree.news_index, title="Unpublished plans", live=False)
    StandardPageFactory(parent=tree.home, title="Members' notes", slug="notes", private=True)
    ResourcePageFactory(parent=tree.resource_index, title="Guide to clauses", topics=[topic])
    image = SiteImageFactory(title="Market engagement in Nijmegen")
    image.get_rendition("fill-80x60")
    SiteDocumentFactory(title="Criteria checklist")
    EditorFactory(username="comms")

    member = MemberFactory(
        user__username="marta", user__email="marta@example.org", organisation__name="Ghent"
    )
    tender = TenderFactory(owner=member.user, title="Laptops for Ghent's schools")
    tender.tags.add("laptops")
    tender.save()
    versions = [files.pdf("Specification, first version"), files.pdf("Second version")]
    document = TenderDocumentFactory(tender=tender, title="Specification", versions=versions)
    clause = Clause.objects.create(
        title="Factory disclosure",
        kind="award_criterion",
        text="The supplier names every factory.",
        tender=tender,
        document=document,
    )
    clause.topics.add(topic)

    thread = ThreadFactory(author=member.user, title="Who audits the factories?")
    other = MemberFactory(user__username="jens")
    notes = files.odt("Audit notes")
    upload = SimpleUploadedFile("audit-notes.odt", notes)
    posting.reply(
        author=other.user,
        thread=thread,
        body="Our audit notes are attached.",
        attachment=(upload, check_upload(upload)),
    )
    posting.reply(author=member.user, thread=thread, body="Thank you, very useful.")
    Client().force_login(member.user)  # a session, which no backup carries
    return {"versions": versions, "notes": notes}


class RoundTripTests(OwnFileFolders, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.archive = cls.files_root / "backups" / "site.tar.gz"
        with transaction.atomic():
            cls.content = build_site()
            cls.rows_before = table_contents()
            cls.files_before = file_contents()
            cls.sessions_before = Session.objects.count()
            cls.backup_output = run("backup_site", "--output", str(cls.archive))
            transaction.set_rollback(True)
        # An empty installation: the database as migrate left it, no files, nothing cached.
        cls.empty_file_folders()
        cache.clear()
        cls.rows_when_empty = table_contents()
        cls.users_when_empty = get_user_model().objects.count()
        cls.files_when_empty = file_contents()
        # On PostgreSQL the rolled-back inserts still advanced the id sequences; put them back
        # where a new installation has them, so the restore has to set them itself.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(statement)

        cls.restore_output = run("restore_site", str(cls.archive), "--skip-search-index")

    def test_the_installation_was_empty_before_the_restore(self):
        self.assertEqual(self.users_when_empty, 0)
        self.assertNotEqual(self.rows_when_empty, self.rows_before)
        self.assertEqual(self.files_when_empty, {})

    def test_every_row_of_every_table_comes_back_as_it_was(self):
        self.assertEqual(table_contents(), self.rows_before)

    def test_every_file_comes_back_byte_for_byte(self):
        self.assertEqual(file_contents(), self.files_before)
        self.assertTrue(any(name.startswith("media/images/") for name in self.files_before))
        self.assertTrue(any(name.startswith("private/") for name in self.files_before))

    def test_pages_come_back_with_their_revisions_drafts_and_restrictions(self):
        news = NewsPage.objects.get(slug="first-draft-title")
        self.assertEqual(news.title, "Factories disclosed for the laptop framework")
        self.assertEqual(Revision.page_revisions.filter(object_id=str(news.pk)).count(), 2)
        self.assertEqual([tag.name for tag in news.tags.all()], ["audits"])
        self.assertFalse(NewsPage.objects.get(title="Unpublished plans").live)
        self.assertTrue(PageViewRestriction.objects.filter(page__slug="notes").exists())
        self.assertEqual(Page.objects.get(depth=2).specific_class, HomePage)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_members_come_back_with_their_organisation_and_login_methods(self):
        marta = get_user_model().objects.get(username="marta")
        self.assertEqual(marta.member.organisation.name, "Ghent")
        self.assertTrue(marta.emailaddress_set.filter(verified=True).exists())
        self.assertTrue(marta.check_password("correct-horse-battery-staple"))
        self.assertTrue(get_user_model().objects.get(username="comms").authenticator_set.exists())

    def test_tender_documents_come_back_with_every_version_byte_for_byte(self):
        tender = Tender.objects.get(title="Laptops for Ghent's schools")
        self.assertEqual([tag.name for tag in tender.tags.all()], ["laptops"])
        versions = DocumentVersion.objects.filter(document__tender=tender).order_by("number")
        self.assertEqual([version.number for version in versions], [1, 2])
        for version, content in zip(versions, self.content["versions"], strict=True):
            with version.file.open("rb") as stored:
                self.assertEqual(stored.read(), content)

    def test_clauses_come_back_with_their_tender_document_and_topics(self):
        clause = Clause.objects.get(title="Factory disclosure")
        self.assertEqual(clause.document.title, "Specification")
        self.assertEqual([topic.name for topic in clause.topics.all()], ["Labour rights"])

    def test_threads_come_back_with_their_posts_and_attachments(self):
        thread = Thread.objects.get(title="Who audits the factories?")
        bodies = list(
            Post.objects.filter(thread=thread).order_by("pk").values_list("body", flat=True)
        )
        self.assertEqual(len(bodies), 3)
        self.assertEqual(bodies[1:], ["Our audit notes are attached.", "Thank you, very useful."])
        attachment = Attachment.objects.get(post__thread=thread)
        with attachment.file.open("rb") as stored:
            self.assertEqual(stored.read(), self.content["notes"])

    def test_images_and_documents_come_back_with_their_files(self):
        image = SiteImage.objects.get(title="Market engagement in Nijmegen")
        self.assertTrue(image.file.storage.exists(image.file.name))
        self.assertTrue(image.renditions.exists())
        document = SiteDocument.objects.get(title="Criteria checklist")
        self.assertTrue(document.file.storage.exists(document.file.name))

    def test_sessions_are_left_out_so_everyone_logs_in_again(self):
        self.assertGreater(self.sessions_before, 0)
        self.assertEqual(Session.objects.count(), 0)

    def test_new_rows_get_new_ids_after_the_restore(self):
        largest = get_user_model().objects.order_by("-pk").first().pk
        self.assertGreater(get_user_model().objects.create(username="newcomer").pk, largest)
        largest = Page.objects.order_by("-pk").first().pk
        home = Page.objects.get(depth=2)
        page = home.add_child(instance=StandardPageFactory.build(title="New", slug="new"))
        self.assertGreater(page.pk, largest)

    def test_the_restored_site_serves_its_pages_and_members_download_their_documents(self):
        client = Client()
        self.assertContains(client.get("/news/"), "Factories disclosed for the laptop framework")
        client.force_login(get_user_model().objects.get(username="jens"))
        version = DocumentVersion.objects.get(number=2)
        response = client.get(reverse("community:library:download", args=[version.pk]))
        self.assertEqual(b"".join(response.streaming_content), self.content["versions"][1])

    def test_the_backup_shows_progress_and_the_archives_checksum(self):
        digest = hashlib.sha256(self.archive.read_bytes()).hexdigest()
        self.assertIn(f"SHA-256: {digest}", self.backup_output)
        checksum_file = backup.checksum_path(self.archive).read_text()
        self.assertEqual(checksum_file, f"{digest}  site.tar.gz\n")
        self.assertRegex(self.backup_output, r"\[#{30}\] (\d+)/\1 rows\n")
        self.assertRegex(self.backup_output, r"\[#{30}\] (\d+)/\1 files\n")

    def test_the_restore_shows_progress_and_the_rows_per_table(self):
        self.assertRegex(self.restore_output, r"\[#{30}\] (\d+)/\1 rows\n")
        self.assertIn("  library.documentversion: 2\n", self.restore_output)
        pages = len(self.rows_before["wagtailcore.page"])
        self.assertIn(f"  wagtailcore.page: {pages}\n", self.restore_output)
        self.assertIn("search_index --rebuild", self.restore_output)

    def test_a_second_backup_to_the_same_name_is_refused(self):
        before = self.archive.read_bytes()
        with self.assertRaisesMessage(CommandError, "already exists"):
            run("backup_site", "--output", str(self.archive))
        self.assertEqual(self.archive.read_bytes(), before)


# --- archives that must be refused, written by hand ---


def write_archive(path, members, *, manifest=None, sha256=True):
    """A .tar.gz of ``members`` ({name: bytes, or a TarInfo for links}) and its .sha256."""
    with tarfile.open(path, "w:gz") as tar:
        for name, content in members.items():
            if isinstance(content, tarfile.TarInfo):
                tar.addfile(content)
                continue
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
        if manifest is not None:
            text = json.dumps(manifest).encode()
            info = tarfile.TarInfo(backup.MANIFEST_NAME)
            info.size = len(text)
            tar.addfile(info, io.BytesIO(text))
    if sha256:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        backup.checksum_path(path).write_text(f"{digest}  {path.name}\n")
    return path


def manifest_for(database=b"", rows=None, files=(), migrations=None):
    def entry(content):
        return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}

    return {
        "format": backup.ARCHIVE_FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": {
            "file": backup.DATABASE_NAME,
            **entry(database),
            "migrations": backup.applied_migrations() if migrations is None else migrations,
            "content_types": [],
            "permissions": [],
            "rows": rows or {},
        },
        "files": [{"name": name, **entry(content)} for name, content in files],
    }


def valid_archive(path, database=b"", rows=None, files=(), **manifest):
    members = {backup.DATABASE_NAME: database, **dict(files)}
    return write_archive(path, members, manifest=manifest_for(database, rows, files, **manifest))


def user_row(pk, username):
    return json.dumps(
        {"model": "auth.user", "pk": pk, "fields": {"username": username, "password": "!"}}
    ).encode()


@pytest.fixture
def file_folders(tmp_path, settings):
    """Empty public and private storage for the test, as OwnFileFolders gives a class."""
    private = storages["private"]
    with mock.patch.object(private, "_location", tmp_path / "private"):
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.PRIVATE_FILES_ROOT = tmp_path / "private"
        settings.ELASTICSEARCH_URL = None
        yield tmp_path


def refused(*args):
    with pytest.raises(CommandError) as error:
        run("restore_site", *map(str, args))
    return str(error.value)


@pytest.mark.django_db
def test_an_archive_whose_checksum_does_not_match_is_refused(tmp_path, file_folders):
    archive = valid_archive(tmp_path / "site.tar.gz", files=[("media/a.png", b"image")])
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))

    message = refused(archive)

    assert "damaged or was altered" in message
    assert "Nothing was restored" in message
    assert not (file_folders / "media").exists()


@pytest.mark.django_db
def test_an_archive_without_its_checksum_file_needs_the_checksum_given(tmp_path, file_folders):
    archive = valid_archive(tmp_path / "site.tar.gz")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    backup.checksum_path(archive).unlink()

    assert "--sha256" in refused(archive)
    assert "damaged or was altered" in refused(archive, "--sha256", "0" * 64)
    assert "not a SHA-256" in refused(archive, "--sha256", "abc")
    get_user_model().objects.create(username="someone")
    # The right checksum gets past the checks, as far as the next refusal.
    assert "not empty" in refused(archive, "--sha256", digest.upper())


@pytest.mark.django_db
def test_a_file_changed_after_the_manifest_was_written_is_refused(tmp_path, file_folders):
    manifest = manifest_for(files=[("private/tender.pdf", b"%PDF original")])
    archive = write_archive(
        tmp_path / "site.tar.gz",
        {backup.DATABASE_NAME: b"", "private/tender.pdf": b"%PDF altered"},
        manifest=manifest,
    )

    message = refused(archive)

    assert "private/tender.pdf does not match its checksum in the manifest" in message
    assert not (file_folders / "private").exists()


@pytest.mark.django_db
def test_a_file_missing_from_the_manifest_is_refused(tmp_path, file_folders):
    archive = write_archive(
        tmp_path / "site.tar.gz",
        {backup.DATABASE_NAME: b"", "media/extra.png": b"image"},
        manifest=manifest_for(),
    )

    assert "media/extra.png is in the archive but not in its manifest" in refused(archive)


@pytest.mark.parametrize(
    "name",
    [
        "../escaped.txt",
        "media/../../escaped.txt",
        "private/tenders/../../../escaped.txt",
        "/tmp/escaped.txt",
        "static/escaped.js",
        "media/./escaped.txt",
        "media",
    ],
)
@pytest.mark.django_db
def test_a_file_outside_media_and_private_is_refused_before_anything_is_written(
    tmp_path, file_folders, name
):
    archive = write_archive(
        tmp_path / "site.tar.gz", {backup.DATABASE_NAME: b"", name: b"pwned"}, manifest=None
    )

    message = refused(archive)

    assert "outside the media/ and private/ folders" in message
    assert not list(tmp_path.glob("**/escaped*"))
    assert not (file_folders / "media").exists()


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.DIRTYPE])
@pytest.mark.django_db
def test_links_and_folders_in_an_archive_are_refused(tmp_path, file_folders, kind):
    link = tarfile.TarInfo("private/secret.pdf")
    link.type = kind
    link.linkname = "/etc/passwd"
    archive = write_archive(tmp_path / "site.tar.gz", {backup.DATABASE_NAME: b"", "link": link})

    assert "a backup holds regular files only" in refused(archive)
    assert not (file_folders / "private").exists()


@pytest.mark.django_db
def test_something_that_is_not_an_archive_is_refused(tmp_path, file_folders):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"just some text")
    backup.checksum_path(archive).write_text(hashlib.sha256(b"just some text").hexdigest())

    assert "not a readable backup archive" in refused(archive)


@pytest.mark.django_db
def test_a_malformed_manifest_is_refused(tmp_path, file_folders):
    manifest = manifest_for()
    manifest["database"]["migrations"] = [["auth", "0001_initial"]]
    archive = write_archive(
        tmp_path / "site.tar.gz", {backup.DATABASE_NAME: b""}, manifest=manifest
    )

    assert "manifest.json is incomplete or malformed" in refused(archive)


@pytest.mark.django_db
def test_an_archive_of_another_version_of_the_site_is_refused(tmp_path, file_folders):
    migrations = [*backup.applied_migrations()[1:], "library.9999_from_the_future"]
    archive = valid_archive(tmp_path / "site.tar.gz", migrations=migrations)

    message = refused(archive)

    assert "another version of the site" in message
    assert "library.9999_from_the_future" in message


@pytest.mark.django_db
def test_an_installation_with_content_is_refused_without_force(tmp_path, file_folders):
    archive = valid_archive(
        tmp_path / "site.tar.gz", database=user_row(7, "restored"), rows={"auth.user": 1}
    )
    get_user_model().objects.create(username="already-here")

    message = refused(archive)

    assert "This installation is not empty (1 user account)" in message
    assert "--force" in message
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["already-here"]


@pytest.mark.django_db
def test_files_already_in_the_storage_count_as_content(tmp_path, file_folders):
    archive = valid_archive(tmp_path / "site.tar.gz")
    storages["private"].save("left/over.pdf", io.BytesIO(b"%PDF"))

    assert "files in the private storage" in refused(archive)


@pytest.mark.django_db
def test_force_replaces_everything_and_rebuilds_the_search_index(tmp_path, file_folders):
    archive = valid_archive(
        tmp_path / "site.tar.gz",
        database=user_row(7, "restored"),
        rows={"auth.user": 1},
        files=[("private/kept.pdf", b"%PDF kept")],
    )
    get_user_model().objects.create(username="already-here")

    output = run("restore_site", str(archive), "--force")

    assert list(get_user_model().objects.values_list("pk", "username")) == [(7, "restored")]
    assert not Page.objects.exists()  # the archive had none, so none are left
    assert (file_folders / "private" / "kept.pdf").read_bytes() == b"%PDF kept"
    assert "The search index is up to date." in output


@pytest.mark.django_db
def test_rows_of_a_table_no_backup_holds_are_refused(tmp_path, file_folders):
    session = json.dumps(
        {
            "model": "sessions.session",
            "pk": "crafted",
            "fields": {"session_data": "e30:1", "expire_date": "2099-01-01T00:00:00Z"},
        }
    ).encode()
    archive = valid_archive(
        tmp_path / "site.tar.gz", database=session, rows={"sessions.session": 1}
    )

    assert "rows of sessions.session, which no backup holds" in refused(archive)
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_a_restore_that_fails_leaves_the_installation_as_it_was(tmp_path, file_folders):
    # An email address of a user the archive does not have: the database refuses it, after
    # every table has been emptied and refilled.
    orphan = json.dumps(
        {
            "model": "account.emailaddress",
            "pk": 1,
            "fields": {"user": 999, "email": "x@example.org", "verified": True, "primary": True},
        }
    ).encode()
    archive = valid_archive(
        tmp_path / "site.tar.gz",
        database=user_row(7, "restored") + b"\n" + orphan,
        rows={"auth.user": 1, "account.emailaddress": 1},
        files=[("media/new.png", b"image")],
    )
    get_user_model().objects.create(username="already-here")
    pages = Page.objects.count()

    message = refused(archive, "--force")

    assert "The database refused the archive's rows" in message
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["already-here"]
    assert Page.objects.count() == pages
    assert not (file_folders / "media").exists()
