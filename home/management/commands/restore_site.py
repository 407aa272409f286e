from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from home import backup
from home.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into an empty installation: a database "
        "migrated by the same version of the site, and empty media and private storage. The "
        "archive's SHA-256 (from <archive>.sha256, or --sha256) and every file in it are checked "
        "before anything changes; the database is loaded in one transaction, so a failure "
        "leaves the installation as it was. Then the search index is rebuilt. Sessions are "
        "not restored: everyone logs in again."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive made by backup_site.")
        parser.add_argument(
            "--sha256",
            help="The archive's expected SHA-256, when its .sha256 file is not beside it.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore into an installation that has content: everything in its database "
            "is replaced by the archive's, and the archive's files are written over "
            "files of the same name (other files stay).",
        )
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Do not rebuild the search index afterwards (run manage.py search_index "
            "--rebuild yourself; until then searches find nothing).",
        )

    def handle(self, *args, archive, sha256=None, force=False, skip_search_index=False, **options):
        try:
            expected = sha256 or backup.read_checksum_file(archive)
            if not expected:
                raise backup.BackupError(
                    f"No checksum to check {archive} against: {backup.checksum_path(archive)} "
                    "is missing. Copy it beside the archive, or give the archive's SHA-256 "
                    "with --sha256."
                )
            progress = ProgressBar(self.stdout)
            manifest = backup.verify_archive(archive, expected, progress=progress)
            made_with = ", ".join(
                f"{name} {version}" for name, version in manifest.get("versions", {}).items()
            )
            self.stdout.write(
                f"Archive checked: made {manifest['created_at']} from "
                f"{manifest['database'].get('vendor', 'an unknown database')} ({made_with})."
            )
            rows = backup.restore_backup(archive, manifest, replace=force, progress=progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"The restore stopped: {error}.") from error

        self.stdout.write("Rows restored, per table:")
        for label, count in sorted(rows.items()):
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(rows.values())} rows in {len(rows)} tables and "
                f"{len(manifest['files'])} files from {archive}."
            )
        )
        if skip_search_index:
            self.stdout.write("Now rebuild the search index: manage.py search_index --rebuild")
            return
        try:
            call_command("search_index", "--rebuild", stdout=self.stdout, stderr=self.stderr)
        except CommandError as error:
            # The site is restored; only its search is missing, which the command can redo.
            self.stderr.write(
                f"The search index was not rebuilt ({error}). Run manage.py search_index "
                "--rebuild once the search engine answers."
            )
