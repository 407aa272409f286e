import json
import sys

from django.core.management.base import BaseCommand, CommandError

from community.library import ocds
from community.library.models import Tender


class Command(BaseCommand):
    help = (
        "Write the tender library as one OCDS 1.1 release package (JSON), to a file or to "
        "standard output. Withdrawn tenders are left out; documents never leave the site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--uri", default="urn:srpp:tender-library", help="The package's uri.")

    def handle(self, *args, output=None, uri, **options):
        tenders = ocds.tenders_for_export(Tender.objects.current())
        total = tenders.count()
        done = 0
        # Progress goes to stderr, so that the package alone goes to stdout.
        progress_stream = self.stderr if output is None else self.stdout

        def progress():
            nonlocal done
            done += 1
            if done == total or done % 50 == 0:
                width = 30
                filled = width * done // max(total, 1)
                progress_stream.write(
                    f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} tenders",
                    ending="\n" if done == total else "",
                )

        package = ocds.release_package(tenders, uri=uri, progress=progress)
        text = json.dumps(package, indent=2, ensure_ascii=False)
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
            self.stdout.write(self.style.SUCCESS(f"{total} tenders written to {output}"))
        else:
            sys.stdout.write(text + "\n")
