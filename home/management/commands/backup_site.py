from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from home import backup
from home.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Back up the database, the public media and the private files into one .tar.gz "
        "archive with a manifest of checksums (see home/backup.py for what is in it and what "
        "is not). Prints the archive's SHA-256 and writes it beside the archive, as "
        "<archive>.sha256. Never overwrites an archive: each run makes a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="The archive to write (default: var/backups/site-<date>-<time>.tar.gz). Its "
            "folder is created if need be.",
        )

    def handle(self, *args, output=None, **options):
        if output:
            path = Path(output)
        else:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = Path(settings.BASE_DIR) / "var" / "backups" / f"site-{stamp}.tar.gz"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            manifest = backup.write_backup(path, progress=ProgressBar(self.stdout))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}.") from error

        database, files = manifest["database"], manifest["files"]
        rows, tables = sum(database["rows"].values()), len(database["rows"])
        file_bytes = sum(entry["size"] for entry in files)
        self.stdout.write(
            f"{rows} rows from {tables} tables; {len(files)} files ({filesizeformat(file_bytes)})."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path} ({filesizeformat(manifest['archive']['size'])})."
            )
        )
        self.stdout.write(f"SHA-256: {manifest['archive']['sha256']}")
        self.stdout.write(f"(also in {backup.checksum_path(path)})")
