from django.core.management.base import BaseCommand, CommandError

from search import index
from search.engines import get_engine

DEFAULT_CHUNK_SIZE = 500


class Command(BaseCommand):
    help = (
        "Build or inspect the site search index. --rebuild fills a fresh index and switches "
        "searches to it only when it is complete (the database entries are rebuilt first, "
        "whatever the engine); --status shows the engine and what the index holds; --backlog "
        "lists the changes Elasticsearch missed while it was unreachable, and --catch-up "
        "sends them."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--rebuild", action="store_true", help="Rebuild the index from the database."
        )
        action.add_argument(
            "--status", action="store_true", help="Show the engine and the index's contents."
        )
        action.add_argument(
            "--backlog",
            action="store_true",
            help="List the changes waiting for Elasticsearch (made while it was unreachable).",
        )
        action.add_argument(
            "--catch-up", action="store_true", help="Send the waiting changes to Elasticsearch."
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"Items loaded and sent per batch; progress is shown after each "
            f"(default {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *, rebuild, status, backlog, catch_up, chunk_size, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1.")
        engine = get_engine()
        try:
            if rebuild:
                engine.rebuild(stdout=self.stdout, chunk_size=chunk_size)
                self.stdout.write(self.style.SUCCESS("The search index is up to date."))
            elif backlog:
                for line in index.backlog_summary():
                    self.stdout.write(line)
            elif catch_up:
                if not engine.tracks_changes:
                    self.stdout.write(
                        "The database engine keeps no copy elsewhere: there is nothing to catch up."
                    )
                    return
                sent = index.catch_up(engine, stdout=self.stdout)
                left = len(index.backlog_summary()) > 1
                if left:
                    raise CommandError(
                        f"Sent {sent} change(s), but the engine is still unreachable; the rest "
                        "wait in the backlog."
                    )
                self.stdout.write(
                    self.style.SUCCESS(f"Sent {sent} change(s); the backlog is empty.")
                )
            else:
                for line in engine.status():
                    self.stdout.write(line)
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(
                f"The {engine.name} search engine failed: {error.__class__.__name__}: {error}"
            ) from error
