from django.core.management.base import BaseCommand, CommandError

from search.engines import get_engine

DEFAULT_CHUNK_SIZE = 500


class Command(BaseCommand):
    help = (
        "Build or inspect the site search index. --rebuild fills a fresh index and switches "
        "searches to it only when it is complete (with the database engine it runs Wagtail's "
        "update_index); --status shows the engine and what the index holds."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--rebuild", action="store_true", help="Rebuild the index from the database."
        )
        action.add_argument(
            "--status", action="store_true", help="Show the engine and the index's contents."
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"Items loaded and sent per batch; progress is shown after each "
            f"(default {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *, rebuild, status, chunk_size, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1.")
        engine = get_engine()
        try:
            if rebuild:
                engine.rebuild(stdout=self.stdout, chunk_size=chunk_size)
                self.stdout.write(self.style.SUCCESS("The search index is up to date."))
            else:
                for line in engine.status():
                    self.stdout.write(line)
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(
                f"The {engine.name} search engine failed: {error.__class__.__name__}: {error}"
            ) from error
