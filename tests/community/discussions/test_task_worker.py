"""Notification emails go through a real queue: enqueued in the database, sent by the worker
(``manage.py db_worker``), as in production. The database is the test's own (SQLite, or
PostgreSQL when DATABASE_URL names it)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from community.discussions import follows, posting
from community.discussions.models import Delivery, Notification

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue():
    # django-tasks rebuilds its backends when the setting changes.
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reply_is_emailed_by_the_worker_not_in_the_request(database_queue, member, thread):
    follows.follow(member.user, thread)

    posting.reply(author=thread.author, thread=thread, body="Queued, not sent")
    before_worker = [m for m in mail.outbox if m.to == [member.user.email]]
    call_command("db_worker", batch=True, verbosity=0)
    after_worker = [m for m in mail.outbox if m.to == [member.user.email]]

    assert before_worker == []
    assert len(after_worker) == 1
    assert Notification.objects.get(recipient=member.user).emailed_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_digest_command_queues_digests_for_the_worker(database_queue, member, thread):
    from community.discussions import notifications

    notifications.choose_delivery(member.user, "reply", Delivery.WEEKLY)
    follows.follow(member.user, thread)
    posting.reply(author=thread.author, thread=thread, body="For the weekly digest")

    call_command("send_notification_digests", "weekly", stdout=None)
    call_command("db_worker", batch=True, verbosity=0)

    (digest,) = [m for m in mail.outbox if m.to == [member.user.email]]
    assert "weekly digest" in digest.subject
