from django.core.management.base import BaseCommand

from community.discussions.models import Delivery
from community.discussions.tasks import enqueue_digests


class Command(BaseCommand):
    help = (
        "Queue the daily or weekly notification digests for the task worker (run it from cron "
        "or a systemd timer: daily every morning, weekly once a week). Safe to run twice: a "
        "notification is emailed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", choices=[Delivery.DAILY.value, Delivery.WEEKLY.value])

    def handle(self, *args, period, **options):
        count = enqueue_digests(Delivery(period))
        self.stdout.write(f"Queued {period} digests for {count} member(s).")
