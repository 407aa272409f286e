"""Put back in the queue the tasks whose worker died while running them.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker is
killed: no other worker takes it again. Run this from a timer (deploy/systemd) or by hand after
a crash. A task can then run a second time if it was only slow, so tasks must be safe to repeat:
the notification emails are (a notification sent once has ``emailed_at`` and is not sent
again).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

DEFAULT_MINUTES = 30


class Command(BaseCommand):
    help = (
        "Put tasks that have been RUNNING for longer than --older-than minutes (their worker "
        "died) back in the queue, for the next worker to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=DEFAULT_MINUTES,
            metavar="MINUTES",
            help=f"How long a task may run before it counts as abandoned "
            f"(default {DEFAULT_MINUTES}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list them; change nothing."
        )

    def handle(self, *, older_than, dry_run, **options):
        from django_tasks_db.models import DBTaskResult

        if older_than < 1:
            raise CommandError("--older-than must be at least 1 minute.")
        cutoff = timezone.now() - timedelta(minutes=older_than)
        stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        found = list(stale.values_list("pk", "task_path", "started_at"))
        for pk, path, started in found:
            self.stdout.write(f"  {path} (id {pk}), running since {started:%Y-%m-%d %H:%M:%S}")
        if dry_run or not found:
            self.stdout.write(f"{len(found)} abandoned task(s){' (dry run)' if dry_run else ''}.")
            return
        # Only rows still RUNNING and still stale: a worker finishing one meanwhile wins.
        requeued = stale.filter(pk__in=[pk for pk, _, _ in found]).update(
            status="READY", started_at=None
        )
        self.stdout.write(self.style.SUCCESS(f"{requeued} task(s) put back in the queue."))
