from django.core.management.base import BaseCommand
from django.db.models import F

from home.document_text import models_with_text, read_text


class Command(BaseCommand):
    help = (
        "Read the text of uploaded files (documents, tender document versions, post "
        "attachments) again, for search: all of them, or with --missing only those never read "
        "or replaced since. Files that cannot be read are logged and left without text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only files whose text was never read, or whose file was replaced since.",
        )

    def handle(self, *args, missing=False, **options):
        for model in models_with_text():
            files = model._default_manager.exclude(file="").order_by("pk")
            if missing:
                files = files.exclude(text_extracted_from=F("file"))
            self.read(model, files)

    def read(self, model, files):
        total = files.count()
        label = model._meta.verbose_name_plural
        if not total:
            self.stdout.write(f"{label.capitalize()}: nothing to read.")
            return
        with_text = without_text = 0
        for done, instance in enumerate(files.iterator(chunk_size=100), start=1):
            text = read_text(instance)
            if text:
                with_text += 1
            elif text is not None:
                without_text += 1
            self.progress(done, total, label)
        self.stdout.write(
            self.style.SUCCESS(f"{label.capitalize()}: {with_text} read")
            + (f", {without_text} without text (see the warnings above)" if without_text else "")
            + "."
        )

    def progress(self, done, total, label):
        width = 30
        filled = width * done // total
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}",
            ending="\n" if done == total else "",
        )
        self.stdout.flush()
