"""Tasks abandoned by a worker that died go back in the queue; others stay as they are."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

TASK = "community.discussions.tasks.send_notification_email"


def task_row(status, started_minutes_ago=None):
    started = (
        timezone.now() - timedelta(minutes=started_minutes_ago)
        if started_minutes_ago is not None
        else None
    )
    return DBTaskResult.objects.create(
        status=status, started_at=started, task_path=TASK, args_kwargs={"args": [], "kwargs": {}}
    )


@pytest.mark.django_db
def test_a_task_running_for_too_long_is_put_back_in_the_queue_and_others_are_left():
    abandoned = task_row("RUNNING", started_minutes_ago=90)
    busy = task_row("RUNNING", started_minutes_ago=5)
    done = task_row("SUCCESSFUL", started_minutes_ago=90)
    out = StringIO()

    call_command("requeue_stale_tasks", "--older-than", "30", stdout=out)

    statuses = {row.pk: (row.status, row.started_at is None) for row in DBTaskResult.objects.all()}
    assert statuses[abandoned.pk] == ("READY", True)
    assert statuses[busy.pk] == ("RUNNING", False)
    assert statuses[done.pk] == ("SUCCESSFUL", False)
    assert "1 task(s) put back in the queue." in out.getvalue()
    assert DBTaskResult.objects.ready().filter(pk=abandoned.pk).exists()


@pytest.mark.django_db
def test_a_dry_run_lists_and_changes_nothing():
    abandoned = task_row("RUNNING", started_minutes_ago=90)
    out = StringIO()

    call_command("requeue_stale_tasks", "--dry-run", stdout=out)

    abandoned.refresh_from_db()
    assert abandoned.status == "RUNNING"
    assert "1 abandoned task(s) (dry run)." in out.getvalue()


@pytest.mark.django_db
def test_a_limit_below_a_minute_is_refused():
    with pytest.raises(CommandError, match="at least 1 minute"):
        call_command("requeue_stale_tasks", "--older-than", "0", stdout=StringIO())
