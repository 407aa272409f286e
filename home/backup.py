"""Backing up the whole site into one archive, and bringing it back into an empty installation.

An archive is a ``.tar.gz`` holding:

- ``database.jsonl``: every row of every table the site's apps define, one JSON object a line
  (Django's JSON Lines serialisation), table by table with the tables a row points to first;
- ``media/…`` and ``private/…``: every file in the public media storage (images and their
  renditions) and in the private storage (Wagtail documents, tender document versions,
  attachments, member photos), under their storage names;
- ``manifest.json`` (last, as it is written once everything else is in): the format version,
  when and by what versions of Python, Django, Wagtail and the site it was made, the database's
  migrations, the rows per table, and the size and SHA-256 of every other member.

``backup_site`` prints the SHA-256 of the archive itself and writes it beside it, as
``<archive>.sha256`` in ``sha256sum`` format.

Why a serialised dump rather than ``pg_dump``: the site runs on PostgreSQL in production and on
SQLite on a laptop, and a backup taken on one restores on the other. Rows keep their primary
keys, so every reference between them survives without remapping, including the ones Wagtail
keeps as text or inside JSON (revisions, StreamField blocks, the reference index). The two
tables whose ids an installation makes for itself, content types and permissions, are written
as natural keys (``["library", "tender"]``) wherever a row points to one: they are created by
``migrate`` in whatever order it meets the models, so their ids differ between installations.
(Revisions also carry their page's content type id in their JSON, but Wagtail replaces it with
the live page's own when it loads one.)

Restoring replaces, it does not merge: inside one transaction every table except content types
and permissions is emptied, which also removes what ``migrate`` put into a new database (the
root page, the default site, the groups, the CPV vocabulary), and the archive's rows go in as
they were, without calling ``save()`` or sending signals, so nothing is stamped with a new date,
queued or emailed. Foreign keys are checked once all rows are in (both databases create them
deferrable), which is how a page and its latest revision, which point at each other, load at
all. A failure anywhere rolls the transaction back and removes the files written so far.

Nothing is touched before the archive has been checked: its SHA-256 against the one given,
every member's name (no absolute paths, no ``..``, nothing outside ``media/`` and ``private/``,
regular files only: archives can be crafted) and every member's checksum against the manifest.

The database's migrations must be the same on both sides: rows follow the models of the code
that wrote them. To move a backup to a newer version of the site, restore it with the version
that made it, then update and migrate as usual.

Left out, and why (the restore empties these tables too, and refuses an archive with rows
for them):

- Wagtail's search index: derived from the content. The restore rebuilds the site's search
  (``search_index --rebuild``, which runs Wagtail's ``update_index`` with the database engine)
  unless told not to. The site search's own tables are copied like any other and rebuilt.
- Sessions: everyone logs in again. They would also be the one table where a row means "this
  browser is this person" without a password. Likewise who has an editor open right now.
- The task queue, pending tasks included: let it drain (``db_worker``) before a planned backup.

``--force`` restores over an installation with content: the database is replaced as above;
the archive's files are written over files of the same name and other files stay (no row of
the restored database names them). A restore that fails after that point has still replaced
those same-named files.

The database is read in one transaction (repeatable read on PostgreSQL), so the dump is one
consistent moment; files are copied after it, so a file uploaded meanwhile may be in the
archive without its row (harmless), while one deleted meanwhile would be missing.

Files go through Django's storages (``default`` for public media, ``private``), not folders,
so the same commands work if a storage moves to an object store.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import platform
import posixpath
import tarfile
import tempfile
import tomllib
import zlib
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import storages
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

ARCHIVE_FORMAT = "srpp-site-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "database.jsonl"
# Archive folder → the storage (settings.STORAGES) its files come from and go back to.
FILE_AREAS = {"media": "default", "private": "private"}

# Tables no archive carries (see the module's docstring). Whole apps, then single models.
LEFT_OUT_APPS = {"wagtailsearch"}
LEFT_OUT_MODELS = {
    "sessions.session",
    "django_tasks_database.dbtaskresult",
    "wagtailadmin.editingsession",
}
NATURAL_KEY_MODELS = (ContentType, Permission)

CHUNK_SIZE = 2000
INSERT_BATCH_SIZE = 500
READ_SIZE = 1024 * 1024


class BackupError(Exception):
    """Something the person running the command must hear about, in plain words."""


# --- what is copied ---


def copied_models():
    """The models whose rows an archive holds, each after the models it points to."""
    return _in_dependency_order(
        model
        for model in _tables()
        if model._meta.app_label not in LEFT_OUT_APPS
        and model._meta.label_lower not in LEFT_OUT_MODELS
    )


def _tables():
    """Every model with a table of its own in this database, many-to-many tables included,
    except content types and permissions, which each installation keeps."""
    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in existing
        and model not in NATURAL_KEY_MODELS
    ]


def _in_dependency_order(models):
    wanted = list(models)
    among = set(wanted)
    ordered, placed = [], set()

    def place(model, path):
        if model in placed or model in path:
            return  # placed already, or a cycle (a page and its latest revision)
        path.add(model)
        for field in model._meta.local_fields:
            if field.related_model in among:
                place(field.related_model, path)
        path.discard(model)
        placed.add(model)
        ordered.append(model)

    for model in wanted:
        place(model, set())
    return ordered


class _RowSerializer(jsonl.Serializer):
    """Django's JSON Lines, but content types and permissions are named by natural key
    (looked up once, not once per row), and many-to-many fields are left to their own tables,
    which are copied like any other."""

    def __init__(self, natural_keys):
        super().__init__()
        self.natural_keys = natural_keys

    def handle_fk_field(self, obj, field):
        keys = self.natural_keys.get(field.related_model)
        if keys is None:
            super().handle_fk_field(obj, field)
        else:
            value = field.value_from_object(obj)
            self._current[field.name] = None if value is None else keys[value]

    def handle_m2m_field(self, obj, field):
        pass


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds only, as JavaScript does,
    and a restored row would differ from the one backed up."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _natural_keys():
    content_types = {ct.pk: list(ct.natural_key()) for ct in ContentType.objects.all()}
    permissions = {
        permission.pk: [permission.codename, *content_types[permission.content_type_id]]
        for permission in Permission.objects.all()
    }
    return {ContentType: content_types, Permission: permissions}


def applied_migrations():
    """``app.migration`` for every migration applied to this database."""
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def site_version():
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def stored_files(storage, folder=""):
    """The names of every file in ``storage``, folder by folder."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # Nothing was ever uploaded there.
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from stored_files(storage, posixpath.join(folder, name))


# --- backing up ---


def write_backup(path, *, progress=None):
    """Write the archive to ``path`` (which must not exist) and ``<path>.sha256`` beside it.

    Returns the manifest, with the archive's own checksum and size added.
    """
    progress = progress or _no_progress
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose another name, or move it away first.")
    # The archive grows under a temporary name, so an interrupted run never leaves a file that
    # looks like a finished backup.
    partial = path.with_name(f".{path.name}.partial")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        dump = Path(work) / DATABASE_NAME
        manifest = {
            "format": ARCHIVE_FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "versions": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "site": site_version(),
            },
            "database": {"vendor": connection.vendor},
        }
        manifest["database"].update(_dump_database(dump, progress))
        try:
            # Readable by its owner only: it holds password hashes and members' documents.
            handle = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        except FileExistsError as error:
            raise BackupError(
                f"{partial} exists: another backup to {path} is running, or one was "
                "interrupted (then delete it)."
            ) from error
        try:
            with handle, tarfile.open(fileobj=handle, mode="w:gz", compresslevel=6) as tar:
                with open(dump, "rb") as source:
                    _add_member(tar, DATABASE_NAME, source, dump.stat().st_size)
                manifest["files"] = _add_files(tar, progress)
                text = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                _add_member(tar, MANIFEST_NAME, io.BytesIO(text), len(text))
            digest = file_sha256(partial)
            os.replace(partial, path)
        finally:
            if partial.exists():
                partial.unlink()
    checksum_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    manifest["archive"] = {"sha256": digest, "size": path.stat().st_size}
    return manifest


def _dump_database(target, progress):
    models = copied_models()
    # Inside a test's (or a caller's) transaction the isolation level is no longer ours to set.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every table read at one moment, whatever is written meanwhile.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        natural_keys = _natural_keys()
        counts = {model._meta.label_lower: model._base_manager.count() for model in models}
        total, done = sum(counts.values()), 0

        def counted(rows):
            nonlocal done
            for row in rows:
                yield row
                done += 1
                progress("rows", done, total)

        serializer = _RowSerializer(natural_keys)
        with open(target, "w", encoding="utf-8") as stream:
            for model in models:
                # The base manager: a default manager may hide rows (deleted posts, drafts).
                rows = model._base_manager.order_by("pk").iterator(chunk_size=CHUNK_SIZE)
                serializer.serialize(counted(rows), stream=stream, cls=_ExactJSONEncoder)
        progress("rows", total, total)
        permissions = sorted(
            [*natural_keys[Permission][pk], name]
            for pk, name in Permission.objects.values_list("pk", "name")
        )
    digest = hashlib.sha256()
    with open(target, "rb") as stream:
        size = _copy(stream, None, digest)
    return {
        "file": DATABASE_NAME,
        "size": size,
        "sha256": digest.hexdigest(),
        "migrations": applied_migrations(),
        "content_types": sorted(natural_keys[ContentType].values()),
        "permissions": permissions,
        "rows": counts,
    }


def _add_files(tar, progress):
    names = [
        (area, storages[alias], name)
        for area, alias in FILE_AREAS.items()
        for name in stored_files(storages[alias])
    ]
    listed = []
    for done, (area, storage, name) in enumerate(names, start=1):
        member = f"{area}/{name}"
        digest = hashlib.sha256()
        try:
            with storage.open(name, "rb") as source:
                size = storage.size(name)
                _add_member(tar, member, _HashingReader(source, digest), size)
        except FileNotFoundError:
            continue  # Deleted since the listing, so no longer part of the site either.
        listed.append({"name": member, "size": size, "sha256": digest.hexdigest()})
        progress("files", done, len(names))
    progress("files", len(names), len(names))
    return listed


def _add_member(tar, name, source, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, source)


class _HashingReader:
    def __init__(self, source, digest):
        self.source, self.digest = source, digest

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data


def checksum_path(archive):
    archive = Path(archive)
    return archive.with_name(archive.name + ".sha256")


def file_sha256(path, on_read=None):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        _copy(stream, None, digest, on_read=on_read)
    return digest.hexdigest()


def _copy(source, target, digest, *, on_read=None):
    size = 0
    while chunk := source.read(READ_SIZE):
        digest.update(chunk)
        if target is not None:
            target.write(chunk)
        size += len(chunk)
        if on_read:
            on_read(size)
    return size


def _no_progress(label, done, total, unit=""):
    pass


# --- checking an archive ---


def read_checksum_file(archive):
    """The SHA-256 written beside ``archive`` by the backup, or None if there is none."""
    try:
        text = checksum_path(archive).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(f"Cannot read {checksum_path(archive)}: {error}.") from error
    return text.split()[0] if text.split() else ""


def verify_archive(path, expected_sha256, *, progress=None):
    """Check ``path`` without changing anything, and return its manifest.

    Raises BackupError, saying what is wrong, when the archive's checksum is not
    ``expected_sha256``, when a member could not be restored safely, or when a member is not
    what the manifest says it is.
    """
    progress = progress or _no_progress
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    expected = (expected_sha256 or "").strip().lower()
    if len(expected) != 64 or any(c not in "0123456789abcdef" for c in expected):
        raise BackupError(f"{expected_sha256!r} is not a SHA-256 checksum (64 hex digits).")
    total = path.stat().st_size
    actual = file_sha256(path, on_read=lambda done: progress("checksum", done, total, "bytes"))
    if actual != expected:
        raise BackupError(
            f"The archive's SHA-256 is {actual}, not {expected}: it is damaged or was altered "
            "since the backup. Nothing was restored."
        )

    members, manifest_text = {}, None
    try:
        with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r:gz") as tar:
            for member in tar:
                name = _checked_member(member)
                if name in members:
                    raise BackupError(f"The archive holds {name} twice. Nothing was restored.")
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                if name == MANIFEST_NAME:
                    manifest_text = source.read()
                    digest.update(manifest_text)
                    size = len(manifest_text)
                else:
                    size = _copy(source, None, digest)
                members[name] = (size, digest.hexdigest())
                progress("checking files", raw.tell(), total, "bytes")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from error
    progress("checking files", total, total, "bytes")

    manifest = _read_manifest(manifest_text)
    expected_members = {MANIFEST_NAME}
    listed = [(DATABASE_NAME, manifest["database"])]
    listed += [(_checked_name(entry["name"]), entry) for entry in manifest["files"]]
    for name, entry in listed:
        expected_members.add(name)
        if members.get(name) is None:
            raise BackupError(f"{name} is in the manifest but not in the archive.")
        if members[name] != (entry["size"], entry["sha256"]):
            raise BackupError(
                f"{name} does not match its checksum in the manifest: the archive was altered. "
                "Nothing was restored."
            )
    unexpected = sorted(set(members) - expected_members)
    if unexpected:
        raise BackupError(f"{unexpected[0]} is in the archive but not in its manifest.")
    return manifest


def _checked_member(member):
    if not member.isfile():
        kind = (
            "a link"
            if member.issym() or member.islnk()
            else "a folder"
            if member.isdir()
            else "a device or other special file"
        )
        raise BackupError(
            f"The archive holds {member.name!r}, {kind}: a backup holds regular files only. "
            "Nothing was restored."
        )
    if member.name in (MANIFEST_NAME, DATABASE_NAME):
        return member.name
    return _checked_name(member.name)


def _checked_name(name):
    """``name`` if a file of that name may be restored: under media/ or private/, relative,
    without ``..`` or anything that normalises to another name."""
    parts = PurePosixPath(name).parts if isinstance(name, str) else ()
    safe = (
        len(parts) >= 2
        and parts[0] in FILE_AREAS
        and str(PurePosixPath(name)) == name
        and not any(part in ("..", ".") for part in parts)
        and "\\" not in name
        and "\x00" not in name
    )
    if not safe:
        raise BackupError(
            f"The archive holds {name!r}, outside the media/ and private/ folders or with a "
            "path that climbs out of them. Nothing was restored."
        )
    return name


def _read_manifest(text):
    if text is None:
        raise BackupError(
            f"The archive has no {MANIFEST_NAME}: it is incomplete or not a site backup."
        )
    try:
        manifest = json.loads(text)
    except ValueError as error:
        raise BackupError(f"The archive's {MANIFEST_NAME} is not valid JSON.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError("The archive is not a site backup made by backup_site.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive is in format {manifest.get('format_version')!r}; this version of the "
            f"site reads format {FORMAT_VERSION}."
        )
    if not _well_formed(manifest):
        raise BackupError(f"The archive's {MANIFEST_NAME} is incomplete or malformed.")
    return manifest


def _well_formed(manifest):
    """Whether the manifest has every part the restore reads, each of the right type."""

    def strings(value, length=None):
        return (
            isinstance(value, list)
            and all(isinstance(item, str) for item in value)
            and (length is None or len(value) == length)
        )

    def file_entry(entry, name_key):
        return (
            isinstance(entry, dict)
            and isinstance(entry.get(name_key), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        )

    database, files = manifest.get("database"), manifest.get("files")
    return (
        isinstance(manifest.get("created_at"), str)
        and isinstance(database, dict)
        and file_entry(database, "file")
        and database["file"] == DATABASE_NAME
        and strings(database.get("migrations"))
        and isinstance(database.get("content_types"), list)
        and all(strings(key, 2) for key in database["content_types"])
        and isinstance(database.get("permissions"), list)
        and all(strings(key, 4) for key in database["permissions"])
        and isinstance(database.get("rows"), dict)
        and all(isinstance(count, int) for count in database["rows"].values())
        and isinstance(files, list)
        and all(file_entry(entry, "name") for entry in files)
    )


# --- restoring ---


def installation_contents():
    """What this installation holds beyond what ``migrate`` makes, in words; empty if none."""
    found = []
    users = get_user_model()._base_manager.count()
    if users:
        found.append(f"{users} user account{'s' if users != 1 else ''}")
    # Migrations make only plain Wagtail pages (the root and a welcome page); the site's own
    # page types come from editors.
    pages = Page._base_manager.exclude(content_type=ContentType.objects.get_for_model(Page))
    if count := pages.count():
        found.append(f"{count} page{'s' if count != 1 else ''}")
    for model in (get_image_model(), get_document_model()):
        if count := model._base_manager.count():
            found.append(f"{count} {model._meta.verbose_name_plural}")
    for area, alias in FILE_AREAS.items():
        if next(stored_files(storages[alias]), None) is not None:
            found.append(f"files in the {area} storage")
    return found


def check_migrations(manifest):
    theirs = set(manifest["database"]["migrations"])
    ours = set(applied_migrations())
    if not ours:
        raise BackupError("This database has no tables yet: run manage.py migrate first.")
    if theirs != ours:
        missing, extra = sorted(theirs - ours), sorted(ours - theirs)
        details = []
        if missing:
            details.append(f"the archive's database has {_migration_list(missing)}, not this one")
        if extra:
            details.append(f"this database has {_migration_list(extra)}, not the archive's")
        raise BackupError(
            "The archive was made by another version of the site: "
            + "; ".join(details)
            + ". Restore it with the version that made it (migrated to the same point), "
            "then update and migrate as usual."
        )


def _migration_list(names):
    shown = ", ".join(names[:3])
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"{shown}{more}"


def restore_backup(path, manifest, *, replace=False, progress=None):
    """Replace this installation's database and files with the archive's.

    ``manifest`` is what ``verify_archive`` returned for ``path``. Refuses an installation
    with content unless ``replace``. Returns the rows restored per table (as labels).
    """
    progress = progress or _no_progress
    check_migrations(manifest)
    if not replace:
        found = installation_contents()
        if found:
            raise BackupError(
                f"This installation is not empty ({', '.join(found)}). Restore into a new one "
                "(a new database, migrated, and empty media and private storage), or pass "
                "--force to replace everything in this one."
            )
    written = []
    try:
        with transaction.atomic():
            _empty_tables()
            _add_missing_content_types(manifest)
            rows = _load_rows(path, manifest, progress)
            _reset_sequences()
            connection.check_constraints()
            _check_counts(rows, manifest)
            _restore_files(path, manifest, progress, written, replace=replace)
    except DatabaseError as error:
        _remove(written)
        raise BackupError(
            f"The database refused the archive's rows ({error}). Nothing was restored."
        ) from error
    except serializers.base.DeserializationError as error:
        _remove(written)
        raise BackupError(
            f"A row in the archive could not be read ({error}). Nothing was restored."
        ) from error
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        _remove(written)
        raise BackupError(f"The restore stopped: {error}. Nothing was restored.") from error
    except BaseException:
        _remove(written)
        raise
    # Every cached page, menu and site root was computed from the database just replaced.
    for alias in settings.CACHES:
        caches[alias].clear()
    return rows


def _empty_tables():
    with connection.cursor() as cursor:
        for model in reversed(_in_dependency_order(_tables())):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _add_missing_content_types(manifest):
    """Content types and permissions the archive's rows name but this installation lacks
    (those of models since removed from the code, which old log entries still point to)."""
    existing = {ct.natural_key(): ct for ct in ContentType.objects.all()}
    missing = [
        ContentType(app_label=app_label, model=model)
        for app_label, model in manifest["database"]["content_types"]
        if (app_label, model) not in existing
    ]
    for content_type in ContentType.objects.bulk_create(missing):
        existing[content_type.natural_key()] = content_type
    have = set(
        Permission.objects.values_list("codename", "content_type__app_label", "content_type__model")
    )
    Permission.objects.bulk_create(
        Permission(codename=codename, name=name, content_type=existing[(app_label, model)])
        for codename, app_label, model, name in manifest["database"]["permissions"]
        if (codename, app_label, model) not in have and (app_label, model) in existing
    )
    ContentType.objects.clear_cache()


def _load_rows(path, manifest, progress):
    total = sum(manifest["database"]["rows"].values())
    copied = set(copied_models())
    counts, batch, done = {}, [], 0

    def flush():
        if batch:
            model = type(batch[0])
            fields = [
                field
                for field in model._meta.local_concrete_fields
                if not getattr(field, "generated", False)
            ]
            size = min(INSERT_BATCH_SIZE, connection.ops.bulk_batch_size(fields, batch) or 1)
            for start in range(0, len(batch), size):
                # A raw insert, as loaddata's save_base(raw=True) but many rows at once and
                # without signals: save() would stamp auto_now dates, bulk_create too.
                model._base_manager._insert(
                    batch[start : start + size], fields=fields, raw=True, using=connection.alias
                )
            batch.clear()

    with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r:gz") as tar:
        for member in tar:
            if member.name != DATABASE_NAME:
                continue
            stream = io.TextIOWrapper(tar.extractfile(member), encoding="utf-8")
            for deserialized in serializers.deserialize("jsonl", stream, ignorenonexistent=False):
                obj = deserialized.object
                if batch and type(batch[0]) is not type(obj):
                    flush()
                if type(obj) not in copied:
                    # Sessions above all: a crafted row there would log someone in.
                    raise BackupError(
                        f"The archive holds rows of {obj._meta.label_lower}, which no backup "
                        "holds. Nothing was restored."
                    )
                batch.append(obj)
                label = obj._meta.label_lower
                counts[label] = counts.get(label, 0) + 1
                done += 1
                if len(batch) >= CHUNK_SIZE:
                    flush()
                progress("rows", done, total)
            flush()
            break
    progress("rows", total, total)
    return counts


def _reset_sequences():
    # PostgreSQL hands out ids from sequences the inserts above did not advance; SQLite
    # follows the largest id by itself (no statements returned).
    statements = connection.ops.sequence_reset_sql(no_style(), _tables())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _check_counts(rows, manifest):
    expected_rows = manifest["database"]["rows"]
    for label in sorted(set(expected_rows) | set(rows)):
        expected = expected_rows.get(label, 0)
        try:
            present = apps.get_model(label)._base_manager.count()
        except (LookupError, ValueError) as error:
            raise BackupError(
                f"The archive names a table this site does not have: {label}."
            ) from error
        if rows.get(label, 0) != expected or present != expected:
            raise BackupError(
                f"{label}: the manifest says {expected} rows, the archive holds "
                f"{rows.get(label, 0)} and {present} are in the database. Nothing was restored."
            )


def _restore_files(path, manifest, progress, written, *, replace):
    expected = {entry["name"]: entry for entry in manifest["files"]}
    total, done = len(expected), 0
    with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r:gz") as tar:
        for member in tar:
            entry = expected.get(member.name)
            if entry is None:
                continue
            area, name = _checked_name(member.name).split("/", 1)
            storage = storages[FILE_AREAS[area]]
            if storage.exists(name):
                if not replace:
                    raise BackupError(f"{member.name} appeared while restoring. Nothing restored.")
                storage.delete(name)
            digest = hashlib.sha256()
            content = File(_HashingReader(tar.extractfile(member), digest), name=name)
            content.size = member.size
            saved = storage.save(name, content)
            written.append((storage, saved))
            if saved != name or digest.hexdigest() != entry["sha256"]:
                raise BackupError(
                    f"{member.name} could not be restored as it was. Nothing restored."
                )
            done += 1
            progress("files", done, total)
    progress("files", total, total)


def _remove(written):
    for storage, name in written:
        with contextlib.suppress(OSError):
            storage.delete(name)
